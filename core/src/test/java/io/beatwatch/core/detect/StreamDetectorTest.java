package io.beatwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.model.AlertState;
import io.beatwatch.core.model.HotspotAlert;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StreamDetectorTest {

    private static final long MINUTE = 60_000L;
    private static final long DAY = 1440 * MINUTE;
    private static final long T0 = 1_700_006_400_000L; // a UTC midnight
    private static final H3Grid GRID = new H3Grid(9);
    private static final List<String> TYPES = List.of("Disturbance", "Theft", "Alarm", "Noise");

    /** A quiet city: 200 cells, each about one call a day, four types, times uniform. */
    private record Call(String id, long t, String cell, String type, boolean officer) {}

    private static List<Call> background(int days, long seed) {
        var r = new SplittableRandom(seed);
        List<String> cells = new ArrayList<>(H3Grid.ring(GRID.cellOf(29.42, -98.49), 8));
        List<Call> out = new ArrayList<>();
        int n = 0;
        for (int d = 0; d < days; d++) {
            for (int i = 0; i < cells.size(); i++) {
                if (r.nextDouble() < 0.8) {
                    long t = T0 + d * DAY + (long) (r.nextDouble() * DAY);
                    out.add(
                            new Call(
                                    "BG-" + n++,
                                    t,
                                    cells.get(i),
                                    TYPES.get(r.nextInt(TYPES.size())),
                                    r.nextDouble() < 0.1));
                }
            }
        }
        out.sort((a, b) -> Long.compare(a.t, b.t));
        return out;
    }

    private static List<Call> withCluster(List<Call> bg, String cell, long start, int size) {
        List<Call> out = new ArrayList<>(bg);
        for (int i = 0; i < size; i++) {
            out.add(new Call("INJ-" + i, start + i * 3 * MINUTE, cell, TYPES.get(i % 3), false));
        }
        out.sort((a, b) -> Long.compare(a.t, b.t));
        return out;
    }

    private static StreamDetector detector() {
        return new StreamDetector(DetectionConfig.defaults(), 9, 0, false, null);
    }

    private static void feed(StreamDetector d, List<Call> calls, List<HotspotAlert> out) {
        for (Call c : calls) {
            d.accept(
                    c.id,
                    c.t,
                    StreamDetector.cellId(c.cell),
                    c.type,
                    "NORTH",
                    c.officer ? StreamDetector.Kind.OFFICER : StreamDetector.Kind.CALL,
                    out::add);
        }
    }

    @Test
    void aBurstOfEightCallsOfThreeTypesInOneCellOpensAnExplainedAlert() {
        String cell = GRID.cellOf(29.42, -98.49);
        long start = T0 + 25 * DAY + 14 * 60 * MINUTE;
        List<HotspotAlert> alerts = new ArrayList<>();
        StreamDetector d = detector();
        feed(d, withCluster(background(30, 1), cell, start, 8), alerts);
        d.finish(alerts::add);
        HotspotAlert hit =
                alerts.stream()
                        .filter(a -> a.state() == AlertState.OPENED)
                        .filter(a -> a.cells().contains(cell))
                        .filter(a -> a.eventTime().toEpochMilli() >= start)
                        .findFirst()
                        .orElseThrow();
        assertThat(hit.eventTime().toEpochMilli() - start).isLessThan(30 * MINUTE);
        assertThat(hit.recurrenceIntervalDays()).isGreaterThanOrEqualTo(100);
        assertThat(hit.observed()).isGreaterThan((long) Math.ceil(hit.expected()));
        assertThat(hit.topTypes()).isNotEmpty();
        assertThat(hit.district()).isEqualTo("NORTH");
        assertThat(hit.modelVersion()).isEqualTo(StreamDetector.MODEL_VERSION);
        assertThat(alerts)
                .anyMatch(a -> a.alertId().equals(hit.alertId()) && a.state() == AlertState.CLOSED);
    }

    @Test
    void aTracedPlaceTellsItsStoryAndTracingChangesNothing() {
        String cell = GRID.cellOf(29.42, -98.49);
        long start = T0 + 25 * DAY + 14 * 60 * MINUTE;
        List<Call> calls = withCluster(background(30, 1), cell, start, 8);
        List<HotspotAlert> plain = new ArrayList<>();
        StreamDetector untraced = detector();
        feed(untraced, calls, plain);
        untraced.finish(plain::add);

        List<TracePoint> points = new ArrayList<>();
        long id = StreamDetector.cellId(cell);
        StreamDetector traced = detector();
        traced.trace(
                new StreamDetector.Tracer() {
                    @Override
                    public boolean traces(long c) {
                        return c == id;
                    }

                    @Override
                    public void scored(TracePoint p) {
                        points.add(p);
                    }
                });
        List<HotspotAlert> withTrace = new ArrayList<>();
        feed(traced, calls, withTrace);
        traced.finish(withTrace::add);

        assertThat(withTrace).isEqualTo(plain);
        assertThat(points).allMatch(p -> p.cell() == id);
        // the first day is warm-up; in the cluster the place goes from too few calls to opened
        assertThat(points).anyMatch(p -> p.why() == TracePoint.Why.WARM_UP);
        List<TracePoint> inCluster =
                points.stream().filter(p -> p.eventTimeMillis() >= start - MINUTE).toList();
        assertThat(inCluster.get(0).why()).isEqualTo(TracePoint.Why.FEW_CALLS);
        TracePoint opened =
                inCluster.stream()
                        .filter(p -> p.why() == TracePoint.Why.OPENED)
                        .findFirst()
                        .orElseThrow();
        assertThat(opened.counted()).isGreaterThanOrEqualTo(4);
        assertThat(opened.recurrenceDays()).isGreaterThanOrEqualTo(100);
        assertThat(opened.expected()).isPositive().isLessThan(opened.counted());
        // what the alert reports is what the trace saw when it opened
        HotspotAlert first =
                plain.stream()
                        .filter(a -> a.state() == AlertState.OPENED && a.zone().equals(cell))
                        .filter(a -> a.eventTime().toEpochMilli() >= start)
                        .findFirst()
                        .orElseThrow();
        assertThat(first.eventTime().toEpochMilli()).isEqualTo(opened.eventTimeMillis());
        assertThat(points.stream().filter(p -> p.eventTimeMillis() > opened.eventTimeMillis()))
                .anyMatch(p -> p.why() == TracePoint.Why.OPEN);
    }

    @Test
    void oneTypeCountsAtMostThreeTimesInAWindow() {
        String cell = GRID.cellOf(29.42, -98.49);
        long start = T0 + 25 * DAY + 14 * 60 * MINUTE;
        List<Call> calls = new ArrayList<>(background(30, 2));
        // ten callers about one incident: one type, ten minutes
        for (int i = 0; i < 10; i++) {
            calls.add(new Call("ONE-" + i, start + i * MINUTE, cell, "Major Accident", false));
        }
        calls.sort((a, b) -> Long.compare(a.t, b.t));
        List<HotspotAlert> alerts = new ArrayList<>();
        StreamDetector d = detector();
        feed(d, calls, alerts);
        assertThat(alerts)
                .filteredOn(a -> a.cells().contains(cell) && a.eventTime().toEpochMilli() >= start)
                .allSatisfy(a -> assertThat(a.observed()).isLessThanOrEqualTo(3 + 3));
    }

    @Test
    void updatesOfAnIncidentAndOfficerCallsAreNotCounted() {
        StreamDetector d = detector();
        List<HotspotAlert> out = new ArrayList<>();
        long cell = StreamDetector.cellId(GRID.cellOf(29.42, -98.49));
        assertThat(d.accept("A", T0, cell, "Theft", null, StreamDetector.Kind.CALL, out::add))
                .isEqualTo(StreamDetector.Outcome.COUNTED);
        assertThat(
                        d.accept(
                                "A",
                                T0 + MINUTE,
                                cell,
                                "Theft",
                                null,
                                StreamDetector.Kind.CALL,
                                out::add))
                .isEqualTo(StreamDetector.Outcome.DUPLICATE);
        d.accept("B", T0 + MINUTE, cell, "Stop", null, StreamDetector.Kind.OFFICER, out::add);
        assertThat(d.duplicates()).isEqualTo(1);
        assertThat(d.officerExcluded()).isEqualTo(1);
        // later than the longest window behind the clock
        d.accept("C", T0 + 400 * MINUTE, cell, "Theft", null, StreamDetector.Kind.CALL, out::add);
        assertThat(d.accept("D", T0, cell, "Theft", null, StreamDetector.Kind.CALL, out::add))
                .isEqualTo(StreamDetector.Outcome.TOO_LATE);
    }

    @Test
    void aSnapshotRestoredMidStreamGivesTheSameAlertsAsNoInterruption() throws Exception {
        String cell = GRID.cellOf(29.42, -98.49);
        List<Call> calls = withCluster(background(30, 3), cell, T0 + 26 * DAY + 600 * MINUTE, 9);
        int half = calls.size() * 3 / 4;

        List<HotspotAlert> straight = new ArrayList<>();
        StreamDetector a = detector();
        feed(a, calls, straight);
        a.finish(straight::add);

        List<HotspotAlert> resumed = new ArrayList<>();
        StreamDetector b = detector();
        feed(b, calls.subList(0, half), resumed);
        var bytes = new ByteArrayOutputStream();
        b.writeTo(new DataOutputStream(bytes));
        StreamDetector c = detector();
        c.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        feed(c, calls.subList(half, calls.size()), resumed);
        c.finish(resumed::add);

        assertThat(straight).isNotEmpty();
        assertThat(resumed).isEqualTo(straight);
    }

    @Test
    void quietCellsAreForgottenAfterTheBaselinePeriod() {
        StreamDetector d = detector();
        List<HotspotAlert> out = new ArrayList<>();
        long lonely = StreamDetector.cellId(GRID.cellOf(29.60, -98.30));
        d.accept("L", T0, lonely, "Theft", null, StreamDetector.Kind.CALL, out::add);
        feed(d, background(40, 4), out);
        // one call 40 days ago, none since: past the 28 days with data, the cell is gone
        assertThat(d.cellsHeld())
                .isLessThanOrEqualTo(H3Grid.ring(GRID.cellOf(29.42, -98.49), 8).size());
    }

    @Test
    void aCellReadingCarriesTheLatestBeatOfItsCallsAndASnapshotKeepsIt() throws Exception {
        var d = new StreamDetector(DetectionConfig.defaults(), 9, 0, true, null);
        long cell = StreamDetector.cellId(GRID.cellOf(29.42, -98.49));
        List<CellReading> readings = new ArrayList<>();
        StreamDetector.Output out =
                new StreamDetector.Output() {
                    @Override
                    public void alert(HotspotAlert a) {}

                    @Override
                    public void cell(CellReading r) {
                        readings.add(r);
                    }
                };
        d.accept("A", T0, cell, "Theft", "NORTH", "N1", StreamDetector.Kind.CALL, out);
        // a call without a beat keeps the last one known
        d.accept("B", T0 + MINUTE, cell, "Theft", "NORTH", null, StreamDetector.Kind.CALL, out);
        d.advanceTo(T0 + 3 * MINUTE, out);
        assertThat(readings).isNotEmpty();
        assertThat(readings).extracting(CellReading::beat).containsOnly("N1");

        var bytes = new ByteArrayOutputStream();
        d.writeTo(new DataOutputStream(bytes));
        var restored = new StreamDetector(DetectionConfig.defaults(), 9, 0, true, null);
        restored.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        readings.clear();
        restored.accept(
                "C", T0 + 4 * MINUTE, cell, "Theft", "NORTH", null, StreamDetector.Kind.CALL, out);
        restored.advanceTo(T0 + 6 * MINUTE, out);
        assertThat(readings).isNotEmpty();
        assertThat(readings).extracting(CellReading::beat).containsOnly("N1");
    }
}
