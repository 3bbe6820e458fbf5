package io.beatwatch.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.json.DecodeException;

/**
 * The one place where failures become HTTP errors: a status and a JSON body {@code {"error",
 * "detail"}}. Unknown failures become a 500 with a generic detail, so internals never leak.
 */
public final class ErrorMapper {

    public static final String BAD_REQUEST = "bad_request";
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String FORBIDDEN = "forbidden";
    public static final String NOT_FOUND = "not_found";
    public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
    public static final String PAYLOAD_TOO_LARGE = "payload_too_large";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
    public static final String RATE_LIMITED = "rate_limited";
    public static final String INTERNAL = "internal";
    public static final String UNAVAILABLE = "unavailable";

    private ErrorMapper() {}

    /** A mapped error: HTTP status, stable code, client-safe detail. */
    public record ErrorBody(int status, String error, String detail) {
        /** Whether this is the server's fault (to be logged) rather than the client's. */
        public boolean serverError() {
            return status >= 500;
        }
    }

    /** Maps a failure (may be null) and the status a handler set (-1 if none) to an error body. */
    public static ErrorBody map(Throwable failure, int statusCode) {
        if (failure instanceof ApiException e) {
            return new ErrorBody(e.status(), e.error(), e.detail());
        }
        if (failure instanceof DecodeException || failure instanceof JsonProcessingException) {
            return new ErrorBody(400, BAD_REQUEST, "body is not valid JSON");
        }
        if (failure instanceof IllegalArgumentException e && e.getMessage() != null) {
            return new ErrorBody(400, BAD_REQUEST, e.getMessage());
        }
        if (failure == null || failure instanceof io.vertx.ext.web.handler.HttpException) {
            int status =
                    failure instanceof io.vertx.ext.web.handler.HttpException h
                            ? h.getStatusCode()
                            : statusCode;
            return forStatus(status);
        }
        return new ErrorBody(500, INTERNAL, "internal error");
    }

    /** The body for a bare status code (no exception). */
    public static ErrorBody forStatus(int status) {
        return switch (status) {
            case 400 -> new ErrorBody(400, BAD_REQUEST, "bad request");
            case 401 -> new ErrorBody(401, UNAUTHORIZED, "missing or invalid bearer token");
            case 403 -> new ErrorBody(403, FORBIDDEN, "not allowed for this role or district");
            case 404 -> new ErrorBody(404, NOT_FOUND, "no such resource");
            case 405 -> new ErrorBody(405, METHOD_NOT_ALLOWED, "method not allowed");
            case 413 -> new ErrorBody(413, PAYLOAD_TOO_LARGE, "request body too large");
            case 415 -> new ErrorBody(415, UNSUPPORTED_MEDIA_TYPE, "expected application/json");
            case 429 -> new ErrorBody(429, RATE_LIMITED, "too many requests");
            case 503 -> new ErrorBody(503, UNAVAILABLE, "service unavailable");
            default ->
                    status >= 400 && status < 500
                            ? new ErrorBody(status, BAD_REQUEST, "bad request")
                            : new ErrorBody(500, INTERNAL, "internal error");
        };
    }
}
