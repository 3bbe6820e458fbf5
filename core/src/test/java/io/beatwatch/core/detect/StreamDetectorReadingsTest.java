package io.beatwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.beatwatch.core.model.HotspotAlert;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The map readings a detector built with readings on owes as calls come and leave windows. */
class StreamDetectorReadingsTest {

    static final long MINUTE = 60_000L;
    static final long DAY = 1440;
    static final long T0 = 1_700_006_400_000L; // a UTC midnight
    static final long CELL = 0x8928308280fffffL;
    static final long FAR = 0x89283082803ffffL;

    final List<CellReading> readings = new ArrayList<>();

    final StreamDetector.Output out =
            new StreamDetector.Output() {
                @Override
                public void alert(HotspotAlert alert) {}

                @Override
                public void cell(CellReading reading) {
                    readings.add(reading);
                }
            };

    void event(StreamDetector d, String id, long cell, long minute, StreamDetector.Kind kind) {
        d.accept(id, T0 + minute * MINUTE, cell, "Theft", "NORTH", "N1", kind, out);
    }

    CellReading last(long cell) {
        String address = Long.toHexString(cell);
        for (int i = readings.size() - 1; i >= 0; i--) {
            if (readings.get(i).cell().equals(address)) return readings.get(i);
        }
        throw new AssertionError("no reading of " + address + " in " + readings);
    }

    @Test
    void aCellsReadingCountsItsCallsOfficerEventsAndTipsInEachWindow() {
        var d = new StreamDetector(DetectionConfig.defaults(), 9, 0, true, null);
        event(d, "c1", CELL, 100, StreamDetector.Kind.CALL);
        event(d, "c2", CELL, 110, StreamDetector.Kind.CALL);
        event(d, "o1", CELL, 111, StreamDetector.Kind.OFFICER);
        event(d, "t1", CELL, 111, StreamDetector.Kind.TIP);
        event(d, "x", FAR, 135, StreamDetector.Kind.CALL); // moves the clock
        var r = last(CELL);
        assertThat(r.district()).isEqualTo("NORTH");
        assertThat(r.beat()).isEqualTo("N1");
        assertThat(r.windows()).containsExactly(30, 60, 180);
        // at 135: the 30-minute window (105, 135] holds the call of 110 only
        assertThat(r.observed()).containsExactly(1, 2, 2);
        assertThat(r.officerInitiated()).isEqualTo(1);
        assertThat(r.tips()).isEqualTo(1);
        assertThat(r.eventTimeMillis()).isEqualTo(T0 + 135 * MINUTE);
        // no baseline yet: nothing expected, nothing scored
        assertThat(r.expected()).containsExactly(0, 0, 0);
        assertThat(r.recurrenceDays()).containsExactly(0, 0, 0);
    }

    @Test
    void onceWarmAReadingCarriesTheExpectationOfEachWindow() {
        var d = new StreamDetector(DetectionConfig.defaults(), 9, 0, true, null);
        int n = 0;
        for (long day = 0; day < 9; day++) {
            for (long m = 60; m < 1440; m += 120) {
                event(d, "c" + n++, CELL, day * DAY + m, StreamDetector.Kind.CALL);
                event(d, "f" + n++, FAR, day * DAY + m + 30, StreamDetector.Kind.CALL);
            }
        }
        event(d, "now", CELL, 9 * DAY + 600, StreamDetector.Kind.CALL);
        event(d, "tick", FAR, 9 * DAY + 601, StreamDetector.Kind.CALL);
        var r = last(CELL);
        assertThat(r.observed()[0]).isEqualTo(1);
        assertThat(r.expected()[0]).isPositive();
        // the same rate per minute over each window: 30, 60 and 180 minutes
        assertThat(r.expected()[1]).isCloseTo(2 * r.expected()[0], within(1e-12));
        assertThat(r.expected()[2]).isCloseTo(6 * r.expected()[0], within(1e-12));
        assertThat(r.recurrenceDays()[0]).isPositive();
    }
}
