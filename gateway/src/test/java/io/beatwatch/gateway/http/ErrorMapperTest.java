package io.beatwatch.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.handler.HttpException;
import org.junit.jupiter.api.Test;

class ErrorMapperTest {

    @Test
    void mapsEveryKnownFailureToItsStatusAndCode() {
        assertThat(ErrorMapper.map(ApiException.badRequest("x"), -1))
                .isEqualTo(new ErrorMapper.ErrorBody(400, "bad_request", "x"));
        assertThat(ErrorMapper.map(ApiException.unauthorized("u"), -1).status()).isEqualTo(401);
        assertThat(ErrorMapper.map(ApiException.forbidden("f"), -1).status()).isEqualTo(403);
        assertThat(ErrorMapper.map(ApiException.notFound("n"), -1).status()).isEqualTo(404);
        assertThat(ErrorMapper.map(ApiException.tooManyRequests("t"), -1).error())
                .isEqualTo("rate_limited");
        assertThat(ErrorMapper.map(new DecodeException("bad"), -1).status()).isEqualTo(400);
        assertThat(ErrorMapper.map(null, 413))
                .isEqualTo(
                        new ErrorMapper.ErrorBody(
                                413, "payload_too_large", "request body too large"));
        assertThat(ErrorMapper.map(new HttpException(413), -1).status()).isEqualTo(413);
        assertThat(ErrorMapper.map(null, 404).error()).isEqualTo("not_found");
        assertThat(ErrorMapper.map(null, 429).status()).isEqualTo(429);
    }

    @Test
    void unknownFailuresBecomeAGeneric500ThatLeaksNothing() {
        var body = ErrorMapper.map(new NullPointerException("secret internals at line 42"), -1);
        assertThat(body.status()).isEqualTo(500);
        assertThat(body.error()).isEqualTo("internal");
        assertThat(body.detail()).doesNotContain("secret");
        assertThat(body.serverError()).isTrue();
        assertThat(ErrorMapper.map(null, 503).status()).isEqualTo(503);
        assertThat(ErrorMapper.map(null, 599).status()).isEqualTo(500);
    }
}
