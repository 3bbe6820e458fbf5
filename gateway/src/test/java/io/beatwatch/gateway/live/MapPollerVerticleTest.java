package io.beatwatch.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.gateway.internal.Json;
import org.junit.jupiter.api.Test;

class MapPollerVerticleTest {

    private static final String SUGGESTION =
            "{\"v\":1,\"suggestionId\":\"p-89489c12b23ffff-28449780\",\"district\":\"WEST\"}";

    @Test
    void aNewSuggestionFrameCarriesTheSuggestionAndNoSnapshotMark() throws Exception {
        var frame = Json.tree(MapPollerVerticle.suggestionFrame(SUGGESTION, false));
        assertThat(frame.path("type").asText()).isEqualTo("suggestion");
        assertThat(frame.has("snapshot")).isFalse();
        assertThat(frame.path("suggestion").path("suggestionId").asText())
                .isEqualTo("p-89489c12b23ffff-28449780");
    }

    @Test
    void framesSentOnSubscribeAreMarkedAsSnapshot() throws Exception {
        var frame = Json.tree(MapPollerVerticle.suggestionFrame(SUGGESTION, true));
        assertThat(frame.path("type").asText()).isEqualTo("suggestion");
        assertThat(frame.path("snapshot").asBoolean()).isTrue();
        assertThat(frame.path("suggestion").path("district").asText()).isEqualTo("WEST");
    }

    @Test
    void aStoredValueThatIsNotAnObjectGivesNoFrame() {
        assertThat(MapPollerVerticle.suggestionFrame("[1,2]", true)).isNull();
        assertThat(MapPollerVerticle.suggestionFrame("not json", false)).isNull();
    }
}
