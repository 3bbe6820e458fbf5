package io.beatwatch.gateway.tips;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.gateway.internal.Json;
import io.beatwatch.gateway.view.Hexes;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TipFormTest {

    static final TipForm FORM = new TipForm(9);
    static final TipIntake INTAKE = new TipIntake(GatewayConfig.Tips.defaults());

    @Test
    void thePointBecomesTheCentreOfItsCell() throws Exception {
        var body =
                FORM.toIntakeBody(
                        Json.tree(
                                "{\"category\":\"drugs\",\"lat\":29.4241234,\"lon\":-98.4936789}"));
        var centre = Hexes.center(Hexes.cellAt(29.4241234, -98.4936789, 9));
        assertThat(body.get("lat").asDouble()).isEqualTo(centre.lat);
        assertThat(body.get("lon").asDouble()).isEqualTo(centre.lng);
        var tip = INTAKE.accept(body, Instant.EPOCH, () -> "id").tip();
        assertThat(Hexes.cellAt(tip.lat(), tip.lon(), 9))
                .isEqualTo(Hexes.cellAt(29.4241234, -98.4936789, 9));
    }

    @Test
    void dropsEveryOtherFieldAndScrubsTheText() throws Exception {
        var body =
                FORM.toIntakeBody(
                        Json.tree(
                                "{\"category\":\"drugs\",\"lat\":29.42,\"lon\":-98.49,"
                                        + "\"text\":\"dealing, call me 210-555-0123 or a@b.org\","
                                        + "\"place\":\"corner store, see www.x.com\","
                                        + "\"when\":\"today\",\"name\":\"Jane\",\"ip\":\"1.2.3.4\","
                                        + "\"contact\":\"jane@mail.org\",\"userAgent\":\"UA\"}"));
        assertThat(body.fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("category", "lat", "lon", "text", "channel");
        var text = body.get("text").asText();
        assertThat(text)
                .isEqualTo(
                        "dealing, call me [removed] or [removed]\n"
                                + "Place: corner store, see [removed]\nWhen: today");
        assertThat(body.toString()).doesNotContain("Jane").doesNotContain("jane@mail.org");
    }

    @Test
    void keepsAContactOnlyWhenTheTipsterOptsIn() throws Exception {
        var body =
                FORM.toIntakeBody(
                        Json.tree(
                                "{\"category\":\"other\",\"lat\":29.42,\"lon\":-98.49,"
                                        + "\"contactOptIn\":true,\"contact\":\"210 555 0199\"}"));
        assertThat(body.get("text").asText())
                .isEqualTo("Contact (the tipster chose to give it): 210 555 0199");
    }

    @Test
    void rejectsAnUnknownWhenAndTooLongAPlace() {
        assertThatThrownBy(
                        () ->
                                FORM.toIntakeBody(
                                        Json.tree("{\"category\":\"other\",\"when\":\"2020\"}")))
                .isInstanceOf(TipForm.Rejected.class);
        assertThatThrownBy(
                        () ->
                                FORM.toIntakeBody(
                                        Json.tree(
                                                "{\"place\":\""
                                                        + "x".repeat(TipForm.MAX_PLACE + 1)
                                                        + "\"}")))
                .isInstanceOf(TipForm.Rejected.class);
    }

    @Test
    void theReferenceIsTheIdsFirstEightHex() {
        assertThat(TipForm.reference("0a1b2c3d-4e5f-6789-abcd-ef0123456789"))
                .isEqualTo("BW-0A1B-2C3D");
    }

    @Test
    void theScrubberLeavesOrdinaryTextAlone() {
        assertThat(TextScrubber.scrub("blue car, 3 men, near 5th and Main"))
                .isEqualTo("blue car, 3 men, near 5th and Main");
        assertThat(TextScrubber.scrub("+1 (210) 555-0123")).isEqualTo("[removed]");
        assertThat(TextScrubber.scrub(null)).isNull();
    }
}
