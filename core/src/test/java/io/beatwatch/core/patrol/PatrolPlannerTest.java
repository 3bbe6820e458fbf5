package io.beatwatch.core.patrol;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.model.AlertState;
import io.beatwatch.core.model.EmergenceCategory;
import io.beatwatch.core.model.HotspotAlert;
import io.beatwatch.core.model.PatrolFeedback;
import io.beatwatch.core.model.PatrolSuggestion;
import io.beatwatch.core.model.Signal;
import io.beatwatch.core.model.TypeCount;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The patrol choice: rules, caps, blocks, exclusions, explanations and determinism. */
class PatrolPlannerTest {

    /** 06:00 local in San Antonio: a local day starts here plus 18 hours. */
    static final Instant T0 = Instant.parse("2026-03-02T12:00:00Z");

    static final long MINUTE = 60_000L;
    static final long CYCLE = 15 * MINUTE;
    static final ZoneId ZONE = ZoneId.of("America/Chicago");
    static final String DISTRICT = "NORTH";
    static final H3Grid GRID = H3Grid.defaultGrid();

    static final PatrolConfig DEFAULTS = PatrolConfig.defaults(ZONE);

    /** Only the cell rules matter: no neighbourhood cap, no spacing. */
    static final PatrolConfig CELL_RULES = DEFAULTS.withCaps(4, 1.0, 1.0).withMinSpacingRings(0);

    /** Cells about 3 km apart: many rings, mostly in different neighbourhoods. */
    static List<String> cells(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(GRID.cellOf(29.30 + 0.03 * (i / 5), -98.65 + 0.03 * (i % 5)));
        }
        return out;
    }

    static List<Candidate> candidates(PatrolConfig c, Map<String, Double> risks) {
        return risks.entrySet().stream()
                .map(
                        e ->
                                new Candidate(
                                        e.getKey(),
                                        "B1",
                                        PatrolPlanner.neighbourhoodOf(e.getKey(), c),
                                        e.getValue()))
                .toList();
    }

    static Map<String, Double> equalRisk(List<String> cells, double risk) {
        return cells.stream().collect(Collectors.toMap(Function.identity(), x -> risk));
    }

    /** Runs rounds every cycle from {@code from} for {@code rounds} rounds; returns every pick. */
    static List<PatrolSuggestion> simulate(
            PatrolPlanner p, List<Candidate> cells, long from, int rounds, PatrolBook book) {
        List<PatrolSuggestion> out = new ArrayList<>();
        for (int k = 0; k < rounds; k++) {
            long now = from + k * CYCLE;
            book.lastInputMillis = now;
            out.addAll(p.round(DISTRICT, now, cells, List.of(), book).suggestions());
        }
        return out;
    }

    static HotspotAlert alert(
            String id,
            List<String> cells,
            boolean confirmed,
            Signal signal,
            List<TypeCount> types) {
        return new HotspotAlert(
                1,
                id,
                AlertState.OPENED,
                EmergenceCategory.NEW,
                cells.get(0),
                cells.size() > 1 ? 1 : 0,
                cells,
                H3Grid.centroid(cells.get(0)),
                DISTRICT,
                Duration.ofMinutes(60),
                9,
                2.1,
                8.5,
                340,
                signal,
                confirmed,
                types,
                signal == Signal.CFS ? 0 : 4,
                T0,
                T0,
                "stp-poisson-1",
                null);
    }

    @Test
    void sameSeedAndInputGiveTheSameSuggestions() {
        var cells = candidates(DEFAULTS, equalRisk(cells(10), 5.0));
        var a =
                simulate(
                        new PatrolPlanner(DEFAULTS),
                        cells,
                        T0.toEpochMilli(),
                        96,
                        new PatrolBook());
        var b =
                simulate(
                        new PatrolPlanner(DEFAULTS),
                        cells,
                        T0.toEpochMilli(),
                        96,
                        new PatrolBook());

        assertThat(a).isNotEmpty().isEqualTo(b);
    }

    @Test
    void anotherSeedGivesOtherSuggestions() {
        var cells = candidates(DEFAULTS, equalRisk(cells(10), 5.0));
        var a =
                simulate(
                        new PatrolPlanner(DEFAULTS), cells, T0.toEpochMilli(), 8, new PatrolBook());
        var b =
                simulate(
                        new PatrolPlanner(DEFAULTS.withSeed(7)),
                        cells,
                        T0.toEpochMilli(),
                        8,
                        new PatrolBook());

        assertThat(a.stream().map(PatrolSuggestion::cell).toList())
                .isNotEqualTo(b.stream().map(PatrolSuggestion::cell).toList());
    }

    @Test
    void randomizationSpreadsVisitsAcrossNearEqualPlaces() {
        // one place slightly riskier than nine others: a top-k rule would always pick it first
        List<String> ten = cells(10);
        Map<String, Double> risks = equalRisk(ten, 5.0);
        risks.put(ten.get(0), 5.5);
        var cells = candidates(CELL_RULES, risks);
        var planner = new PatrolPlanner(CELL_RULES.withPlaces(1, 0));
        Map<String, Integer> firstPicks = new HashMap<>();
        for (int day = 0; day < 200; day++) {
            // one fresh round per day: the first pick of the day, with nothing blocked
            long now = T0.toEpochMilli() + day * 86_400_000L;
            var book = new PatrolBook();
            book.lastInputMillis = now;
            var d = planner.round(DISTRICT, now, cells, List.of(), book);
            firstPicks.merge(d.suggestions().get(0).cell(), 1, Integer::sum);
        }

        assertThat(firstPicks).hasSize(10);
        // the top place is favoured a little (5.5 / 50.5 = 11%), never always
        assertThat(firstPicks.get(ten.get(0))).isLessThan(60);
        assertThat(firstPicks.values()).allMatch(n -> n >= 5);
    }

    @Test
    void aRoundPicksUpToPlacesPerCycleWithDwellValidityAndExplanation() {
        var cells = candidates(DEFAULTS, equalRisk(cells(10), 5.0));
        var book = new PatrolBook();
        book.lastInputMillis = T0.toEpochMilli();

        var d =
                new PatrolPlanner(DEFAULTS)
                        .round(DISTRICT, T0.toEpochMilli(), cells, List.of(), book);

        assertThat(d.suggestions()).hasSize(3);
        for (PatrolSuggestion s : d.suggestions()) {
            assertThat(s.dwellMinutes()).isEqualTo(15);
            assertThat(s.createdAt()).isEqualTo(T0);
            assertThat(s.validUntil()).isEqualTo(T0.plus(DEFAULTS.validFor()));
            assertThat(s.district()).isEqualTo(DISTRICT);
            assertThat(s.beat()).isEqualTo("B1");
            assertThat(s.alertId()).isNull();
            assertThat(s.reason()).startsWith("Forecast risk").contains("NORTH").contains("chance");
            assertThat(s.suggestionId())
                    .isEqualTo("p-" + s.cell() + "-" + T0.toEpochMilli() / MINUTE);
            assertThat(s.centroid()).isEqualTo(H3Grid.centroid(s.cell()));
        }
        assertThat(d.suggestions()).extracting(PatrolSuggestion::cell).doesNotHaveDuplicates();
    }

    @Test
    void placesOfOneRoundAreNotNeighbours() {
        // a cluster of 7 adjacent cells (a cell and its ring): spacing 1 allows one per round
        String centre = GRID.cellOf(29.42, -98.49);
        var cells = candidates(DEFAULTS.withCaps(4, 1, 1), equalRisk(H3Grid.ring(centre, 1), 5.0));
        var book = new PatrolBook();
        book.lastInputMillis = T0.toEpochMilli();

        var d =
                new PatrolPlanner(DEFAULTS.withCaps(4, 1, 1))
                        .round(DISTRICT, T0.toEpochMilli(), cells, List.of(), book);

        // at most the three ring cells two steps apart from each other
        assertThat(d.suggestions()).hasSizeBetween(1, 3);
        for (PatrolSuggestion a : d.suggestions()) {
            for (PatrolSuggestion b : d.suggestions()) {
                if (a != b) assertThat(H3Grid.distance(a.cell(), b.cell())).isGreaterThan(1);
            }
        }
    }

    @Test
    void dailyCapLimitsVisitsPerCell() {
        // one very risky cell among weak ones
        List<String> ten = cells(10);
        Map<String, Double> risks = equalRisk(ten, 0.2);
        risks.put(ten.get(0), 100.0);
        var planner = new PatrolPlanner(CELL_RULES.withBlocks(Duration.ZERO, Duration.ZERO));

        var picks =
                simulate(
                        planner,
                        candidates(CELL_RULES, risks),
                        T0.toEpochMilli(),
                        72,
                        new PatrolBook());

        long atTop = picks.stream().filter(s -> s.cell().equals(ten.get(0))).count();
        assertThat(atTop).isEqualTo(CELL_RULES.maxVisitsPerCellPerDay());
    }

    @Test
    void aLapsedSuggestionCoolsDownFromTheEndOfItsValidity() {
        String only = cells(1).get(0);
        var cells = candidates(CELL_RULES, Map.of(only, 5.0));
        var picks =
                simulate(
                        new PatrolPlanner(CELL_RULES),
                        cells,
                        T0.toEpochMilli(),
                        12,
                        new PatrolBook());

        assertThat(picks).hasSizeGreaterThanOrEqualTo(2);
        long gap =
                picks.get(1).createdAt().toEpochMilli() - picks.get(0).createdAt().toEpochMilli();
        // valid 15 min + cool-down 60 min: the next round at or after 75 min
        assertThat(gap).isEqualTo(75 * MINUTE);
    }

    @Test
    void aDoneVisitCoolsDownFromWhenItWasDone() {
        String only = cells(1).get(0);
        var cells = candidates(CELL_RULES, Map.of(only, 5.0));
        var planner = new PatrolPlanner(CELL_RULES);
        var book = new PatrolBook();
        long t = T0.toEpochMilli();
        book.lastInputMillis = t;
        var first = planner.round(DISTRICT, t, cells, List.of(), book).suggestions().get(0);
        feedback(book, first, PatrolFeedback.Action.ACCEPTED, t + 2 * MINUTE);
        feedback(book, first, PatrolFeedback.Action.ARRIVED, t + 10 * MINUTE);
        feedback(book, first, PatrolFeedback.Action.DONE, t + 40 * MINUTE);

        var next = simulate(planner, cells, t + CYCLE, 12, book);

        assertThat(next).isNotEmpty();
        // done at 40 min + 60 min cool-down: the first round at or after 100 min is at 105
        assertThat(next.get(0).createdAt()).isEqualTo(first.createdAt().plusSeconds(105 * 60));
        assertThat(book.find(first.suggestionId()).minutes).isEqualTo(30);
    }

    @Test
    void aDeclinedPlaceIsBlockedForTheDeclineBlockAndItsMinutesReleased() {
        String only = cells(1).get(0);
        var cells = candidates(CELL_RULES, Map.of(only, 5.0));
        var planner = new PatrolPlanner(CELL_RULES);
        var book = new PatrolBook();
        long t = T0.toEpochMilli();
        book.lastInputMillis = t;
        var first = planner.round(DISTRICT, t, cells, List.of(), book).suggestions().get(0);
        assertThat(book.usage(DEFAULTS.localDay(t)).minutes(only)).isEqualTo(15);

        feedback(book, first, PatrolFeedback.Action.DECLINED, t + 5 * MINUTE);

        assertThat(book.usage(DEFAULTS.localDay(t)).minutes(only)).isZero();
        var next = simulate(planner, cells, t + CYCLE, 16, book);
        // declined at 5 min + 2 h: the first round at or after 125 min is at 135
        assertThat(next.get(0).createdAt()).isEqualTo(first.createdAt().plusSeconds(135 * 60));
    }

    @Test
    void cellAndNeighbourhoodSharesStayWithinTheirCaps() {
        List<String> twenty = cells(20);
        Map<String, Double> risks = new HashMap<>();
        for (int i = 0; i < twenty.size(); i++) risks.put(twenty.get(i), i == 0 ? 200.0 : 1.0 + i);
        var config = DEFAULTS.withCaps(50, 0.10, 0.25).withBlocks(Duration.ZERO, Duration.ZERO);
        var cells = candidates(config, risks);
        long neighbourhoods = cells.stream().map(Candidate::neighbourhood).distinct().count();
        double nbCap = Math.max(0.25, 1.0 / neighbourhoods);
        var planner = new PatrolPlanner(config);
        var book = new PatrolBook();
        long start = T0.toEpochMilli();

        for (int k = 0; k < 72; k++) {
            long now = start + k * CYCLE;
            book.lastInputMillis = now;
            planner.round(DISTRICT, now, cells, List.of(), book);
            var u = book.usage(config.localDay(now));
            long total = u.totalMinutes();
            // a share may exceed its cap by at most the visit that crossed it
            for (Candidate c : cells) {
                assertThat((double) u.minutes(c.cell())).isLessThanOrEqualTo(0.10 * total + 15);
                assertThat((double) u.neighbourhoodMinutes(c.neighbourhood()))
                        .isLessThanOrEqualTo(nbCap * total + 15);
            }
        }
        // the riskiest cell (40 times the others) is held near its cap, not at 40 / 250 of visits
        var u = book.usage(config.localDay(start));
        assertThat(u.totalMinutes()).isGreaterThan(150 * 15);
        assertThat(u.minutes(twenty.get(0)) / (double) u.totalMinutes()).isBetween(0.05, 0.12);
    }

    @Test
    void enforcementDrivenAndTipOnlyAlertsDriveNoPatrol() {
        List<String> cells = cells(1);
        var patrolBy =
                PatrolAlert.of(
                        alert(
                                "a1",
                                cells,
                                true,
                                Signal.CFS,
                                List.of(new TypeCount("Patrol By", 7), new TypeCount("Theft", 2))),
                        DEFAULTS);
        var tipOnly = PatrolAlert.of(alert("a2", cells, false, Signal.TIPS, List.of()), DEFAULTS);
        var burglary =
                PatrolAlert.of(
                        alert("a3", cells, true, Signal.CFS, List.of(new TypeCount("Burglary", 6))),
                        DEFAULTS);

        assertThat(patrolBy.drivesPatrol()).isFalse();
        assertThat(patrolBy.excludedBecause()).contains("enforcement");
        assertThat(tipOnly.drivesPatrol()).isFalse();
        assertThat(tipOnly.excludedBecause()).contains("tip-only");
        assertThat(burglary.drivesPatrol()).isTrue();
        assertThat(burglary.reason())
                .contains("9 calls in 60 min")
                .contains("2.1")
                .contains("Burglary (6)");

        var book = new PatrolBook();
        book.lastInputMillis = T0.toEpochMilli();
        var planner = new PatrolPlanner(DEFAULTS);
        assertThat(
                        planner.onAlert(DISTRICT, T0.toEpochMilli(), patrolBy, Map.of(), book)
                                .suggestions())
                .isEmpty();
        assertThat(
                        planner.onAlert(DISTRICT, T0.toEpochMilli(), tipOnly, Map.of(), book)
                                .suggestions())
                .isEmpty();
        assertThat(book.visits).isEmpty();
    }

    @Test
    void anOpeningAlertSuggestsOneOfItsCellsWithItsReason() {
        String centre = GRID.cellOf(29.42, -98.49);
        var a =
                PatrolAlert.of(
                        alert(
                                "z-r1-w60-1",
                                H3Grid.ring(centre, 1),
                                true,
                                Signal.CFS,
                                List.of(new TypeCount("Burglary", 6))),
                        DEFAULTS);
        var book = new PatrolBook();
        book.lastInputMillis = T0.toEpochMilli();
        var planner = new PatrolPlanner(DEFAULTS);

        var d = planner.onAlert(DISTRICT, T0.toEpochMilli(), a, Map.of(), book);
        var again = planner.onAlert(DISTRICT, T0.toEpochMilli() + MINUTE, a, Map.of(), book);

        assertThat(d.suggestions()).hasSize(1);
        PatrolSuggestion s = d.suggestions().get(0);
        assertThat(H3Grid.ring(centre, 1)).contains(s.cell());
        assertThat(s.alertId()).isEqualTo("z-r1-w60-1");
        assertThat(s.reason()).startsWith("Open alert: 9 calls");
        assertThat(again.suggestions()).isEmpty();
    }

    @Test
    void openAlertsWeighTheirCellsInRegularRounds() {
        // a quiet cell with an open alert against ten riskier cells with none
        List<String> eleven = cells(11);
        String quiet = eleven.get(10);
        Map<String, Double> risks = equalRisk(eleven.subList(0, 10), 5.0);
        risks.put(quiet, 0.1);
        var a =
                PatrolAlert.of(
                        alert(
                                "q",
                                List.of(quiet),
                                true,
                                Signal.CFS,
                                List.of(new TypeCount("Theft", 5))),
                        DEFAULTS);
        var planner = new PatrolPlanner(CELL_RULES.withPlaces(1, 0));
        int atAlert = 0;
        for (int day = 0; day < 100; day++) {
            long now = T0.toEpochMilli() + day * 86_400_000L;
            var book = new PatrolBook();
            book.lastInputMillis = now;
            var s =
                    planner.round(DISTRICT, now, candidates(CELL_RULES, risks), List.of(a), book)
                            .suggestions()
                            .get(0);
            if (s.cell().equals(quiet)) {
                atAlert++;
                assertThat(s.alertId()).isEqualTo("q");
            }
        }
        // weight 0.1 + 5 × 5 against 10 × 5: about a third
        assertThat(atAlert).isBetween(20, 50);
    }

    @Test
    void noRoundWhenTheDistrictWentQuiet() {
        var cells = candidates(DEFAULTS, equalRisk(cells(3), 5.0));
        var book = new PatrolBook();
        book.lastInputMillis = T0.toEpochMilli() - DEFAULTS.quietAfter().toMillis() - 1;

        var d =
                new PatrolPlanner(DEFAULTS)
                        .round(DISTRICT, T0.toEpochMilli(), cells, List.of(), book);

        assertThat(d.suggestions()).isEmpty();
        assertThat(d.skipped()).isEqualTo("quiet");
    }

    @Test
    void aRoundRunsOnceAtItsTime() {
        var cells = candidates(DEFAULTS, equalRisk(cells(10), 5.0));
        var book = new PatrolBook();
        book.lastInputMillis = T0.toEpochMilli();
        var planner = new PatrolPlanner(DEFAULTS);

        planner.round(DISTRICT, T0.toEpochMilli(), cells, List.of(), book);
        var twice = planner.round(DISTRICT, T0.toEpochMilli(), cells, List.of(), book);

        assertThat(twice.suggestions()).isEmpty();
        assertThat(book.visits).hasSize(3);
    }

    @Test
    void feedbackOutcomes() {
        String only = cells(1).get(0);
        var book = new PatrolBook();
        long t = T0.toEpochMilli();
        book.lastInputMillis = t;
        var s =
                new PatrolPlanner(CELL_RULES)
                        .round(
                                DISTRICT,
                                t,
                                candidates(CELL_RULES, Map.of(only, 5.0)),
                                List.of(),
                                book)
                        .suggestions()
                        .get(0);

        assertThat(feedback(book, s, PatrolFeedback.Action.ACCEPTED, t + MINUTE))
                .isEqualTo(PatrolBook.FeedbackOutcome.APPLIED);
        assertThat(feedback(book, s, PatrolFeedback.Action.ACCEPTED, t + MINUTE))
                .isEqualTo(PatrolBook.FeedbackOutcome.DUPLICATE);
        assertThat(feedback(book, s, PatrolFeedback.Action.DONE, t + 20 * MINUTE))
                .isEqualTo(PatrolBook.FeedbackOutcome.APPLIED);
        assertThat(feedback(book, s, PatrolFeedback.Action.DECLINED, t + 21 * MINUTE))
                .isEqualTo(PatrolBook.FeedbackOutcome.STALE);
        var unknown =
                new PatrolFeedback(
                        1, "p-nope", PatrolFeedback.Action.DONE, "1A", DISTRICT, only, T0);
        assertThat(book.apply(unknown, t, CELL_RULES))
                .isEqualTo(PatrolBook.FeedbackOutcome.UNKNOWN);
        // done without an arrival counts the dwell
        assertThat(book.find(s.suggestionId()).minutes).isEqualTo(15);
        assertThat(book.dosage(DISTRICT, CELL_RULES.localDay(t)).doneMinutes()).isEqualTo(15);
    }

    @Test
    void pruneKeepsYesterdayAndWhatStillBlocks() {
        var cells = candidates(CELL_RULES, equalRisk(cells(10), 5.0));
        var planner = new PatrolPlanner(CELL_RULES);
        var book = new PatrolBook();
        simulate(planner, cells, T0.toEpochMilli(), 96, book);
        int dayOne = book.visits.length;

        book.prune(T0.toEpochMilli() + 86_400_000L, CELL_RULES);
        assertThat(book.visits).hasSize(dayOne);
        book.prune(T0.toEpochMilli() + 3 * 86_400_000L, CELL_RULES);
        assertThat(book.isEmpty()).isTrue();
    }

    static PatrolBook.FeedbackOutcome feedback(
            PatrolBook book, PatrolSuggestion s, PatrolFeedback.Action action, long at) {
        var f =
                new PatrolFeedback(
                        1,
                        s.suggestionId(),
                        action,
                        "1A12",
                        s.district(),
                        s.cell(),
                        Instant.ofEpochMilli(at));
        return book.apply(f, at, CELL_RULES);
    }
}
