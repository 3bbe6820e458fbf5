package io.beatwatch.core.synth;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.synth.Event.CallEvent;
import io.beatwatch.core.synth.Event.Origin;
import io.beatwatch.core.synth.Event.TipEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SyntheticCityTest {

    private static final SyntheticCityConfig ONE_DAY = SyntheticCityConfig.defaults();
    private static final Instant T0 = SyntheticCityConfig.DEFAULT_START;
    private static final H3Grid GRID = H3Grid.defaultGrid();

    /** A cell 2 km north-east of the centre. */
    private static final String CELL = GRID.cellOf(29.438, -98.47);

    private static List<Event> all(SyntheticCityConfig config) {
        return new SyntheticCity(config).stream().toList();
    }

    private static List<CallEvent> calls(List<Event> events) {
        return events.stream().filter(e -> e instanceof CallEvent).map(e -> (CallEvent) e).toList();
    }

    @Test
    void sameSeedGivesTheSameStreamAndAnotherSeedAnother() {
        List<Event> a = all(ONE_DAY);
        List<Event> b = all(ONE_DAY);
        assertThat(a).isEqualTo(b);
        SyntheticCity city = new SyntheticCity(ONE_DAY);
        assertThat(city.stream().limit(50).toList()).isEqualTo(city.stream().limit(50).toList());
        assertThat(all(ONE_DAY.withSeed(7)).subList(0, 50)).isNotEqualTo(a.subList(0, 50));
    }

    @Test
    void streamIsTimeOrderedAndInsideThePeriod() {
        List<Event> events = all(ONE_DAY);
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).time()).isAfterOrEqualTo(events.get(i - 1).time());
        }
        assertThat(events.get(0).time()).isAfterOrEqualTo(T0);
        assertThat(events.get(events.size() - 1).time()).isBefore(ONE_DAY.end());
    }

    @Test
    void oneDayHasAboutTheConfiguredVolumeAndMix() {
        List<Event> events = all(ONE_DAY);
        Map<Origin, Long> byOrigin =
                events.stream()
                        .collect(Collectors.groupingBy(Event::origin, Collectors.counting()));
        long incidents =
                byOrigin.getOrDefault(Origin.BACKGROUND, 0L)
                        + byOrigin.getOrDefault(Origin.AFTERSHOCK, 0L)
                        + byOrigin.get(Origin.OFFICER);
        // 3,000 a day; Monday is a little below the weekly mean
        assertThat(incidents).isBetween(2_500L, 3_300L);
        assertThat(byOrigin.get(Origin.OFFICER) / (double) incidents).isBetween(0.2, 0.3);
        assertThat(byOrigin.get(Origin.AFTERSHOCK)).isPositive();
        assertThat(byOrigin.get(Origin.TIP)).isBetween(20L, 60L);
        assertThat(byOrigin.get(Origin.UPDATE) / (double) incidents).isBetween(0.07, 0.13);
        assertThat(byOrigin).doesNotContainKey(Origin.CLUSTER);

        List<CallEvent> calls = calls(events);
        assertThat(calls)
                .filteredOn(c -> c.origin() == Origin.OFFICER)
                .allSatisfy(c -> assertThat(c.call().officerInitiated()).isTrue())
                .extracting(c -> c.call().type())
                .contains("Patrol By", "Officer Traffic Stop");
        assertThat(calls)
                .filteredOn(c -> c.origin() == Origin.BACKGROUND)
                .allSatisfy(c -> assertThat(c.call().officerInitiated()).isFalse());
        assertThat(calls.stream().map(c -> c.call().district()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(SyntheticCity.DISTRICTS);
    }

    @Test
    void noAftershocksWhenBurstsAreOff() {
        assertThat(all(ONE_DAY.withBursts(false))).noneMatch(e -> e.origin() == Origin.AFTERSHOCK);
    }

    @Test
    void cadUpdatesRepeatAnEarlierCallsIdAndReceivedTimeMinutesLater() {
        List<CallEvent> calls = calls(all(ONE_DAY));
        Map<String, CallEvent> first = new HashMap<>();
        int updates = 0;
        for (CallEvent c : calls) {
            if (c.origin() == Origin.UPDATE) {
                CallEvent original = first.get(c.call().id());
                assertThat(original).isNotNull();
                assertThat(c.call().receivedAt()).isEqualTo(original.call().receivedAt());
                assertThat(Duration.between(original.time(), c.time()))
                        .isBetween(Duration.ofMinutes(2), Duration.ofMinutes(15));
                updates++;
            } else {
                assertThat(first.put(c.call().id(), c)).as("incident ids are unique").isNull();
            }
        }
        assertThat(updates).isPositive();
    }

    @Test
    void rateVariesByHourOfDay() {
        SyntheticCityConfig week =
                ONE_DAY.withPeriod(T0, Duration.ofDays(7)).withRates(2_000, 0).withBursts(false);
        long[] byHour = new long[24];
        for (Event e : new SyntheticCity(week)) {
            if (e.origin() == Origin.BACKGROUND) {
                byHour[ZonedDateTime.ofInstant(e.time(), week.timeZone()).getHour()]++;
            }
        }
        long min = Long.MAX_VALUE;
        long max = 0;
        for (long n : byHour) {
            min = Math.min(min, n);
            max = Math.max(max, n);
        }
        // profile: 0.45 at 05:00 against 1.3 at 17-18:00
        assertThat(max / (double) min).isGreaterThan(2.0);
        assertThat(byHour[5]).isLessThan(byHour[17]);
    }

    @Test
    void placeRateHasDenseAreasAndALongTail() {
        Map<String, Integer> perCell = new HashMap<>();
        for (CallEvent c : calls(all(ONE_DAY))) {
            perCell.merge(GRID.cellOf(c.call().lat(), c.call().lon()), 1, Integer::sum);
        }
        List<Integer> sorted = perCell.values().stream().sorted((a, b) -> b - a).toList();
        int total = sorted.stream().mapToInt(Integer::intValue).sum();
        int topTenth =
                sorted.subList(0, sorted.size() / 10).stream().mapToInt(Integer::intValue).sum();
        assertThat(topTenth / (double) total).isGreaterThan(0.3);
        assertThat(sorted.get(sorted.size() - 1)).isEqualTo(1);
    }

    @Test
    void injectedClusterEventsAreInItsCellsAndPeriodAndOnlyTheyAreLabelled() {
        Instant from = T0.plus(Duration.ofHours(14));
        SyntheticCityConfig withCluster =
                ONE_DAY.withEmergingCluster("c1", CELL, 1, from, Duration.ofMinutes(60), 12);
        InjectedCluster truth = withCluster.clusters().get(0);
        Set<String> cells = new HashSet<>(truth.cells());
        List<Event> events = all(withCluster);

        List<CallEvent> injected =
                calls(events).stream().filter(c -> c.origin() == Origin.CLUSTER).toList();
        assertThat(injected).hasSize(12);
        assertThat(injected)
                .allSatisfy(
                        c -> {
                            assertThat(c.clusterId()).isEqualTo("c1");
                            assertThat(c.call().source()).isEqualTo("synthetic:cluster:c1");
                            assertThat(cells).contains(GRID.cellOf(c.call().lat(), c.call().lon()));
                            assertThat(truth.activeAt(c.time())).isTrue();
                            assertThat(c.call().officerInitiated()).isFalse();
                            assertThat(InjectedCluster.DEFAULT_CALL_TYPES)
                                    .contains(c.call().type());
                        });
        // the only labelled events are the cluster's calls and their CAD updates
        assertThat(events)
                .filteredOn(Event::injected)
                .allSatisfy(
                        e -> {
                            assertThat(e.origin()).isIn(Origin.CLUSTER, Origin.UPDATE);
                            assertThat(((CallEvent) e).call().source())
                                    .isEqualTo("synthetic:cluster:c1");
                        });
        assertThat(events)
                .filteredOn(e -> !e.injected())
                .allSatisfy(e -> assertThat(e.origin()).isNotEqualTo(Origin.CLUSTER))
                .filteredOn(e -> e instanceof CallEvent)
                .allSatisfy(
                        e -> assertThat(((CallEvent) e).call().source()).isEqualTo("synthetic"));
    }

    @Test
    void addingAClusterLeavesTheBackgroundUnchanged() {
        SyntheticCityConfig withCluster =
                ONE_DAY.withEmergingCluster(
                        "c1", CELL, 0, T0.plus(Duration.ofHours(3)), Duration.ofMinutes(30), 8);
        List<Event> background = all(withCluster).stream().filter(e -> !e.injected()).toList();
        assertThat(background).isEqualTo(all(ONE_DAY));
    }

    @Test
    void officerAndTipBurstsAddLabelledEventsOfTheirKindAtTheCell() {
        Instant from = T0.plus(Duration.ofHours(10));
        SyntheticCityConfig config =
                ONE_DAY.withOfficerBurst("stops", CELL, from, Duration.ofMinutes(30), 10)
                        .withTipBurst("tips", CELL, from, Duration.ofMinutes(30), 6);
        List<Event> events = all(config);

        List<CallEvent> stops =
                calls(events).stream()
                        .filter(c -> "stops".equals(c.clusterId()) && c.origin() == Origin.CLUSTER)
                        .toList();
        assertThat(stops).hasSize(10);
        assertThat(stops)
                .allSatisfy(
                        c -> {
                            assertThat(c.call().officerInitiated()).isTrue();
                            assertThat(GRID.cellOf(c.call().lat(), c.call().lon())).isEqualTo(CELL);
                        });
        List<TipEvent> tips =
                events.stream()
                        .filter(e -> e instanceof TipEvent && "tips".equals(e.clusterId()))
                        .map(e -> (TipEvent) e)
                        .toList();
        assertThat(tips).hasSize(6);
        assertThat(tips)
                .allSatisfy(
                        t -> {
                            assertThat(GRID.cellOf(t.tip().lat(), t.tip().lon())).isEqualTo(CELL);
                            assertThat(t.tip().channel()).isEqualTo("synthetic:cluster:tips");
                            assertThat(t.origin()).isEqualTo(Origin.CLUSTER);
                        });
    }

    @Test
    void cityWideSurgeMultipliesEveryBackgroundRate() {
        Instant from = T0.plus(Duration.ofHours(12));
        SyntheticCity surged =
                new SyntheticCity(
                        ONE_DAY.withCityWideSurge(from, Duration.ofHours(2), 3.0)
                                .withBursts(false));
        SyntheticCity normal = new SyntheticCity(ONE_DAY.withBursts(false));
        assertThat(surged.rateMultiplier(from.plusSeconds(60)))
                .isEqualTo(3.0 * normal.rateMultiplier(from.plusSeconds(60)));
        long during = countBetween(surged, from, from.plus(Duration.ofHours(2)));
        long usual = countBetween(normal, from, from.plus(Duration.ofHours(2)));
        // ~3 × ~300 calls: the ratio is well inside 2.4..3.6
        assertThat(during / (double) usual).isBetween(2.4, 3.6);
    }

    private static long countBetween(SyntheticCity city, Instant from, Instant to) {
        return city.stream()
                .filter(e -> e.origin() == Origin.BACKGROUND || e.origin() == Origin.OFFICER)
                .filter(e -> !e.time().isBefore(from) && e.time().isBefore(to))
                .count();
    }

    @Test
    void aYearLongStreamIsProducedLazily() {
        SyntheticCity year =
                new SyntheticCity(
                        ONE_DAY.withPeriod(T0, Duration.ofDays(365)).withRates(50_000, 0));
        Iterator<Event> it = year.iterator();
        for (int i = 0; i < 100; i++) {
            assertThat(it.hasNext()).isTrue();
            Event e = it.next();
            assertThat(e.time()).isBefore(T0.plus(Duration.ofHours(1)));
        }
    }

    @Test
    void callsCarryTheWireFieldsTheJobNeeds() {
        CallForService c = calls(all(ONE_DAY)).get(0).call();
        assertThat(c.v()).isEqualTo(CallForService.VERSION);
        assertThat(c.id()).startsWith("SYN-");
        assertThat(c.address()).contains("BLOCK OF");
        assertThat(c.category()).isNotBlank();
        assertThat(c.lat()).isBetween(29.32, 29.52);
        assertThat(c.lon()).isBetween(-98.6, -98.38);
    }
}
