package io.beatwatch.core.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.synth.Event;
import io.beatwatch.core.synth.InjectedCluster;
import io.beatwatch.core.synth.SyntheticCity;
import io.beatwatch.core.synth.SyntheticCityConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Injection into a background stream, with the synthetic city as the background. */
class InjectorTest {

    private static final SyntheticCityConfig CITY =
            SyntheticCityConfig.defaults()
                    .withRates(800, 0)
                    .withPeriod(SyntheticCityConfig.DEFAULT_START, Duration.ofDays(3));
    private static final H3Grid GRID = H3Grid.defaultGrid();
    private static final List<Injector.Kind> KINDS =
            Injector.kinds(List.of(4, 10), List.of(0, 1), List.of(30, 120));

    private static List<CallForService> background() {
        List<CallForService> out = new ArrayList<>();
        for (Event e : new SyntheticCity(CITY)) {
            if (e instanceof Event.CallEvent c && c.origin() != Event.Origin.UPDATE) {
                out.add(c.call());
            }
        }
        return out;
    }

    /** Cells of the background with their call counts, for weighted placement. */
    private static Map<String, Integer> weights(List<CallForService> calls) {
        Map<String, Integer> w = new HashMap<>();
        for (CallForService c : calls) w.merge(GRID.cellOf(c.lat(), c.lon()), 1, Integer::sum);
        return w;
    }

    private static List<Injector.Span> days() {
        List<Injector.Span> spans = new ArrayList<>();
        long start = CITY.start().toEpochMilli();
        for (int d = 0; d < 3; d++) {
            spans.add(new Injector.Span(start + d * 86_400_000L, start + (d + 1) * 86_400_000L));
        }
        return spans;
    }

    private static List<InjectedCluster> place(Map<String, Integer> w, long seed) {
        String[] cells = w.keySet().stream().sorted().toArray(String[]::new);
        double[] weights = new double[cells.length];
        for (int i = 0; i < cells.length; i++) weights[i] = w.get(cells[i]);
        return Injector.place(KINDS, 3, cells, weights, days(), List.of("Disturbance"), seed);
    }

    @Test
    void injectedCallsAreThereInTheRightPlaceAndTimeAndOnlyTheyAreLabelled() {
        List<CallForService> bg = background();
        List<InjectedCluster> clusters = place(weights(bg), 11);
        assertThat(clusters).hasSize(KINDS.size() * 3);

        Map<String, InjectedCluster> byLabel = new HashMap<>();
        List<CallForService> injected = new ArrayList<>();
        for (InjectedCluster c : clusters) {
            byLabel.put(c.label(), c);
            List<CallForService> calls = Injector.calls(c, 5, null, cell -> "D");
            assertThat(calls).hasSize(c.extraCount());
            injected.addAll(calls);
        }
        Iterator<CallForService> merged =
                Injector.merge(bg.iterator(), injected, CallForService::receivedAt, x -> x);
        List<CallForService> stream = new ArrayList<>();
        merged.forEachRemaining(stream::add);

        assertThat(stream).hasSize(bg.size() + injected.size());
        for (int i = 1; i < stream.size(); i++) {
            assertThat(stream.get(i).receivedAt()).isAfterOrEqualTo(stream.get(i - 1).receivedAt());
        }
        Map<String, Integer> perCluster = new HashMap<>();
        for (CallForService c : stream) {
            InjectedCluster cluster = byLabel.get(c.source());
            boolean labelled = c.id().startsWith(Injector.ID_PREFIX);
            assertThat(labelled).isEqualTo(cluster != null);
            if (cluster == null) {
                assertThat(c.source()).isEqualTo(Event.SOURCE);
                continue;
            }
            perCluster.merge(cluster.id(), 1, Integer::sum);
            assertThat(c.id()).startsWith(Injector.ID_PREFIX + cluster.id() + "-");
            assertThat(cluster.cells()).contains(GRID.cellOf(c.lat(), c.lon()));
            assertThat(cluster.activeAt(c.receivedAt())).isTrue();
            assertThat(c.officerInitiated()).isFalse();
            assertThat(c.district()).isEqualTo("D");
        }
        for (InjectedCluster c : clusters) {
            assertThat(perCluster.get(c.id())).isEqualTo(c.extraCount());
        }
    }

    @Test
    void clustersFitTheirDaysAndKeepApartInSpaceOrTime() {
        List<InjectedCluster> clusters = place(weights(background()), 3);
        List<Injector.Span> spans = days();
        for (InjectedCluster c : clusters) {
            assertThat(spans)
                    .anySatisfy(
                            s -> {
                                assertThat(c.start().toEpochMilli())
                                        .isGreaterThanOrEqualTo(s.startMillis());
                                assertThat(c.end().toEpochMilli())
                                        .isLessThanOrEqualTo(s.endMillis());
                            });
        }
        long gap = Injector.SEPARATION_TIME.toMillis();
        for (int i = 0; i < clusters.size(); i++) {
            for (int j = i + 1; j < clusters.size(); j++) {
                InjectedCluster a = clusters.get(i);
                InjectedCluster b = clusters.get(j);
                boolean apartInTime =
                        a.start().toEpochMilli() >= b.end().toEpochMilli() + gap
                                || b.start().toEpochMilli() >= a.end().toEpochMilli() + gap;
                Set<String> near = new HashSet<>(H3Grid.ring(a.centreCell(), a.radiusRings() + 1));
                boolean share = b.cells().stream().anyMatch(near::contains);
                assertThat(apartInTime || !share).as(a + " and " + b).isTrue();
            }
        }
    }

    @Test
    void placementFollowsTheBackgroundAndTheSeed() {
        Map<String, Integer> w = weights(background());
        assertThat(place(w, 3)).isEqualTo(place(w, 3));
        assertThat(place(w, 3)).isNotEqualTo(place(w, 4));
        // a cell with no background is never chosen
        String[] cells = {GRID.cellOf(29.42, -98.49), GRID.cellOf(29.5, -98.6)};
        List<InjectedCluster> only =
                Injector.place(KINDS, 1, cells, new double[] {0, 5}, days(), List.of("T"), 1);
        assertThat(only).allSatisfy(c -> assertThat(c.centreCell()).isEqualTo(cells[1]));
    }

    @Test
    void refusesWhatCannotBePlaced() {
        String[] one = {GRID.cellOf(29.42, -98.49)};
        List<Injector.Span> shortDay =
                List.of(new Injector.Span(Instant.EPOCH.toEpochMilli(), 60_000L * 60));
        assertThatThrownBy(
                        () ->
                                Injector.place(
                                        KINDS, 1, one, new double[] {1}, shortDay, List.of("T"), 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot place");
        assertThatThrownBy(
                        () ->
                                Injector.place(
                                        KINDS, 1, one, new double[] {0}, days(), List.of("T"), 1))
                .hasMessageContaining("zero");
    }
}
