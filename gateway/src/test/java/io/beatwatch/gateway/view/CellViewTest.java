package io.beatwatch.gateway.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CellViewTest {

    /** A resolution-9 cell in San Antonio; its address has the digits 0 and 9 and a and f. */
    static final String CELL = "89489c1ac03ffff";

    static final double CENTRE_LAT = 29.4127873588;
    static final double CENTRE_LON = -98.4646123244;

    static Map<String, String> fullHash() {
        var h = new HashMap<String, String>();
        h.put(CellFields.OBSERVED, "7");
        h.put(CellFields.EXPECTED, "1.25");
        h.put(CellFields.SCORE, "9.5");
        h.put(CellFields.RECURRENCE, "365.0");
        h.put(CellFields.RECURRENCE_LONG, "12.0");
        h.put(CellFields.DISTRICT, "CENTRAL");
        h.put(CellFields.LAT, "29.41");
        h.put(CellFields.LON, "-98.46");
        h.put(CellFields.UPDATED_AT, "2026-11-21T13:00:00Z");
        return h;
    }

    @Test
    void readsEveryFieldOfTheCellHash() {
        var v = CellView.fromHash(CELL, 60, fullHash(), "NORTH").orElseThrow();
        assertThat(v)
                .isEqualTo(
                        new CellView(
                                CELL,
                                60,
                                7,
                                1.25,
                                9.5,
                                365.0,
                                "CENTRAL",
                                29.41,
                                -98.46,
                                "2026-11-21T13:00:00Z"));
        assertThat(v.key()).isEqualTo(CELL + ":60");
    }

    @Test
    void fallsBackToTheRankedDistrictTheCentreTheLongRecurrenceNameAndZero() {
        var h = new HashMap<String, String>();
        h.put(CellFields.OBSERVED, "not a number");
        h.put(CellFields.EXPECTED, "NaN");
        h.put(CellFields.SCORE, "Infinity");
        h.put(CellFields.RECURRENCE_LONG, "12.5");
        var v = CellView.fromHash(CELL, 15, h, "NORTH").orElseThrow();
        assertThat(v.observed()).isZero();
        assertThat(v.expected()).isZero();
        assertThat(v.score()).isZero();
        assertThat(v.recurrenceIntervalDays()).isEqualTo(12.5);
        assertThat(v.district()).isEqualTo("NORTH");
        assertThat(v.lat()).isCloseTo(CENTRE_LAT, within(1e-9));
        assertThat(v.lon()).isCloseTo(CENTRE_LON, within(1e-9));
        assertThat(v.updatedAt()).isNull();
    }

    @Test
    void noViewForAnEmptyHashOrAnAddressThatIsNoCell() {
        assertThat(CellView.fromHash(CELL, 60, null, "N")).isEmpty();
        assertThat(CellView.fromHash(CELL, 60, Map.of(), "N")).isEmpty();
        assertThat(CellView.fromHash("89489c1ac03fffz", 60, fullHash(), "N")).isEmpty();
    }

    @Test
    void aColdCellKeepsItsPlaceAndLosesItsCounts() {
        var v = CellView.fromHash(CELL, 60, fullHash(), "NORTH").orElseThrow();
        assertThat(v.cold())
                .isEqualTo(
                        new CellView(
                                CELL,
                                60,
                                0,
                                0,
                                0,
                                0,
                                "CENTRAL",
                                29.41,
                                -98.46,
                                "2026-11-21T13:00:00Z"));
    }

    @Test
    void theProtocolCellHasItsFieldsAndTheBoundaryAsLatLonRoundedToSixDecimals() {
        var n = CellView.fromHash(CELL, 60, fullHash(), "NORTH").orElseThrow().toJson();
        assertThat(n.path("cell").asText()).isEqualTo(CELL);
        assertThat(n.path("window").asInt()).isEqualTo(60);
        assertThat(n.path("observed").asLong()).isEqualTo(7);
        assertThat(n.path("expected").asDouble()).isEqualTo(1.25);
        assertThat(n.path("score").asDouble()).isEqualTo(9.5);
        assertThat(n.path("recurrenceIntervalDays").asDouble()).isEqualTo(365.0);
        assertThat(n.path("district").asText()).isEqualTo("CENTRAL");
        assertThat(n.path("lat").asDouble()).isEqualTo(29.41);
        assertThat(n.path("lon").asDouble()).isEqualTo(-98.46);
        assertThat(n.path("updatedAt").asText()).isEqualTo("2026-11-21T13:00:00Z");
        var b = n.path("boundary");
        assertThat(b).hasSize(6);
        // H3 vertex 0 is (29.4109755110, -98.4637582346)
        assertThat(b.get(0).get(0).asDouble()).isEqualTo(29.410976);
        assertThat(b.get(0).get(1).asDouble()).isEqualTo(-98.463758);
        assertThat(b.get(5).get(0).asDouble()).isEqualTo(29.411251);
        assertThat(b.get(5).get(1).asDouble()).isEqualTo(-98.465962);
    }

    @Test
    void propertiesLeaveOutWhatIsUnknown() {
        var v = new CellView(CELL, 60, 1, 0.5, 2, 30, null, 29.41, -98.46, null);
        var p = v.properties();
        assertThat(p.has("district")).isFalse();
        assertThat(p.has("updatedAt")).isFalse();
        assertThat(p.has("boundary")).isFalse();
        assertThat(p.size()).isEqualTo(8);
    }

    @Test
    void theFeatureIsTheClosedHexagonInLonLatOrderWithTheCellProperties() {
        var v = CellView.fromHash(CELL, 60, fullHash(), "NORTH").orElseThrow();
        var f = v.toFeature();
        assertThat(f.path("type").asText()).isEqualTo("Feature");
        assertThat(f.path("id").asText()).isEqualTo(CELL);
        assertThat(f.path("geometry").path("type").asText()).isEqualTo("Polygon");
        var ring = f.path("geometry").path("coordinates").get(0);
        assertThat(ring).hasSize(7);
        assertThat(ring.get(0).get(0).asDouble()).isEqualTo(-98.463758);
        assertThat(ring.get(0).get(1).asDouble()).isEqualTo(29.410976);
        assertThat(ring.get(6)).isEqualTo(ring.get(0));
        assertThat(f.path("properties")).isEqualTo(v.properties());
    }

    @Test
    void roundsToSixDecimalsHalfUp() {
        assertThat(CellView.round(29.4109755110)).isEqualTo(29.410976);
        assertThat(CellView.round(-98.4637582346)).isEqualTo(-98.463758);
        assertThat(CellView.round(1.0000004)).isEqualTo(1.0);
    }
}
