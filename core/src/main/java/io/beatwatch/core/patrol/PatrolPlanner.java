package io.beatwatch.core.patrol;

import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.model.LatLon;
import io.beatwatch.core.model.PatrolSuggestion;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The patrol choice (pure, deterministic given its inputs and the seed). Per district, at every
 * round and when an alert opens, it draws places at random with probability proportional to their
 * weight, without replacement, among the places that pass every rule:
 *
 * <ul>
 *   <li>no active suggestion there, no cool-down after a visit, no decline block;
 *   <li>fewer than {@code maxVisitsPerCellPerDay} visits today;
 *   <li>share caps: a cell may take another visit only while its minutes so far today are at most
 *       {@code s × } the district's minutes so far today ({@code s = maxCellShare}; likewise its
 *       neighbourhood with {@code maxNeighbourhoodShare}). So the first visits of a day go to
 *       different places, and a share exceeds its cap by at most one dwell. A cap is never stricter
 *       than an even spread: with {@code K} places in the district it is at least {@code 1/K};
 *   <li>more than {@code minSpacingRings} from the places already drawn in the same decision.
 * </ul>
 *
 * Weights: a cell's risk (recency-weighted count of citizen calls that are neither
 * enforcement-prone nor ignored types), among the {@code poolSize} most at-risk eligible cells;
 * plus, for the cells of open alerts that may drive patrols, {@code alertWeight} average pool cells
 * shared among the alert's cells. Every pick records itself in the {@link PatrolBook}, so the next
 * decision sees its minutes.
 */
public final class PatrolPlanner implements Serializable {

    private static final long serialVersionUID = 1L;

    private final PatrolConfig config;

    public PatrolPlanner(PatrolConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The policy in use. */
    public PatrolConfig config() {
        return config;
    }

    /** What one decision produced, and why it produced fewer places than asked, if it did. */
    public record Decision(
            List<PatrolSuggestion> suggestions, int eligible, int asked, String skipped) {

        public Decision {
            suggestions = List.copyOf(suggestions);
        }

        static Decision skip(String why) {
            return new Decision(List.of(), 0, 0, why);
        }

        /** Whether fewer places than asked were found (caps, blocks, or no candidates). */
        public boolean isShort() {
            return skipped == null && suggestions.size() < asked;
        }
    }

    /**
     * The neighbourhood of a cell for the share cap: its H3 parent at the configured resolution.
     */
    public static String neighbourhoodOf(String cell, PatrolConfig c) {
        int res = H3Grid.resolutionOf(cell);
        return H3Grid.parent(cell, Math.min(res, c.neighbourhoodResolution()));
    }

    /**
     * A regular round of {@code district} at {@code now} (a round start). {@code cells} are the
     * district's cells with their risk at {@code now}; {@code alerts} its open alerts. Skipped when
     * it already ran at or after {@code now}, or when the district has been quiet (no risk call or
     * alert) for {@code quietAfter}.
     */
    public Decision round(
            String district,
            long now,
            Collection<Candidate> cells,
            Collection<PatrolAlert> alerts,
            PatrolBook book) {
        return round(district, now, Places.of(cells), alerts, book);
    }

    /** {@link #round(String, long, Collection, Collection, PatrolBook)} over ranked places. */
    public Decision round(
            String district,
            long now,
            Places places,
            Collection<PatrolAlert> alerts,
            PatrolBook book) {
        if (now <= book.lastRoundMillis) return Decision.skip("already ran");
        book.lastRoundMillis = now;
        book.expire(now, config);
        if (book.lastInputMillis < now - config.quietAfter().toMillis()) {
            return Decision.skip("quiet");
        }
        Rules rules = new Rules(book, now, places);
        Map<String, Entry> pool = new TreeMap<>();
        double riskSum = 0;
        for (int i = 0; i < places.size() && pool.size() < config.poolSize(); i++) {
            Candidate x = places.ranked(i);
            if (!rules.eligible(x.cell(), x.neighbourhood())) continue;
            Entry e = new Entry(x);
            e.rank = i + 1;
            pool.put(x.cell(), e);
            riskSum += x.risk();
        }
        double meanRisk = pool.isEmpty() ? 1.0 : riskSum / pool.size();
        List<PatrolAlert> sorted =
                alerts.stream()
                        .filter(PatrolAlert::drivesPatrol)
                        .sorted(Comparator.comparing(PatrolAlert::alertId))
                        .toList();
        for (PatrolAlert a : sorted) {
            if (a.cells().isEmpty()) continue;
            double share = config.alertWeight() * meanRisk / a.cells().size();
            for (String cell : a.cells()) {
                Entry e = pool.get(cell);
                if (e == null) {
                    Candidate x = known(places, cell);
                    if (!rules.eligible(cell, x.neighbourhood())) continue;
                    e = new Entry(x);
                    pool.put(cell, e);
                }
                e.bonus += share;
                if (e.alert == null) e.alert = a;
            }
        }
        SeededRandom rng = SeededRandom.forDecision(config.seed(), district, now, "round");
        int eligible = pool.size();
        List<PatrolSuggestion> out =
                draw(
                        district,
                        now,
                        new ArrayList<>(pool.values()),
                        config.placesPerCycle(),
                        rng,
                        rules,
                        book,
                        (e, chance, among) ->
                                e.alert != null
                                        ? e.alert.reason() + " " + note(chance, among, "places")
                                        : riskReason(
                                                        district,
                                                        e.candidate.risk(),
                                                        e.rank,
                                                        places.size())
                                                + " "
                                                + note(chance, among, "places"));
        return new Decision(out, eligible, config.placesPerCycle(), null);
    }

    /**
     * The extra decision when an alert that may drive patrols opens: up to {@code placesPerAlert}
     * of its cells, weighted by risk + 1 (a cell with no history can still be the one), under the
     * same rules. Nothing when the alert may not drive patrols or already has an active suggestion.
     */
    public Decision onAlert(
            String district,
            long now,
            PatrolAlert alert,
            Map<String, Candidate> cells,
            PatrolBook book) {
        return onAlert(district, now, alert, Places.of(cells.values()), book);
    }

    /** {@link #onAlert(String, long, PatrolAlert, Map, PatrolBook)} over ranked places. */
    public Decision onAlert(
            String district, long now, PatrolAlert alert, Places places, PatrolBook book) {
        if (!alert.drivesPatrol()) return Decision.skip(alert.excludedBecause());
        if (config.placesPerAlert() == 0) return Decision.skip("no places per alert");
        book.expire(now, config);
        for (Visit v : book.visits) {
            if (alert.alertId().equals(v.alertId) && v.statusAt(now, config).active()) {
                return Decision.skip("alert already has an active suggestion");
            }
        }
        Rules rules = new Rules(book, now, places);
        List<Entry> pool = new ArrayList<>();
        for (String cell : new java.util.TreeSet<>(alert.cells())) {
            Candidate x = known(places, cell);
            if (!rules.eligible(cell, x.neighbourhood())) continue;
            Entry e = new Entry(x);
            e.alert = alert;
            e.bonus = 1;
            pool.add(e);
        }
        SeededRandom rng =
                SeededRandom.forDecision(config.seed(), district, now, "alert:" + alert.alertId());
        int eligible = pool.size();
        List<PatrolSuggestion> out =
                draw(
                        district,
                        now,
                        pool,
                        config.placesPerAlert(),
                        rng,
                        rules,
                        book,
                        (e, chance, among) ->
                                alert.reason() + " " + note(chance, among, "cells of the alert"));
        return new Decision(out, eligible, config.placesPerAlert(), null);
    }

    /** The district's record of {@code cell}, or a place with no risk and no beat. */
    private Candidate known(Places places, String cell) {
        Candidate known = places.get(cell);
        return known != null ? known : new Candidate(cell, null, neighbourhoodOf(cell, config), 0);
    }

    @FunctionalInterface
    private interface ReasonText {
        String of(Entry e, double chance, int among);
    }

    private List<PatrolSuggestion> draw(
            String district,
            long now,
            List<Entry> open,
            int n,
            SeededRandom rng,
            Rules rules,
            PatrolBook book,
            ReasonText reason) {
        List<PatrolSuggestion> out = new ArrayList<>();
        long today = config.localDay(now);
        while (out.size() < n && !open.isEmpty()) {
            double total = 0;
            for (Entry e : open) total += e.weight();
            if (!(total > 0)) break;
            double r = rng.nextDouble() * total;
            int i = 0;
            double acc = 0;
            for (; i < open.size() - 1; i++) {
                acc += open.get(i).weight();
                if (r < acc) break;
            }
            Entry p = open.remove(i);
            int among = open.size() + 1;
            Visit v = visit(district, now, today, p, reason.of(p, p.weight() / total, among));
            book.add(v);
            rules.taken(v);
            out.add(v.suggestion());
            open.removeIf(
                    e ->
                            !rules.eligible(e.candidate.cell(), e.candidate.neighbourhood())
                                    || tooClose(e.candidate.cell(), p.candidate.cell()));
        }
        return out;
    }

    private Visit visit(String district, long now, long today, Entry p, String reason) {
        Candidate x = p.candidate;
        LatLon c = H3Grid.centroid(x.cell());
        Visit v = new Visit();
        v.suggestionId = suggestionId(x.cell(), now);
        v.district = district;
        v.cell = x.cell();
        v.beat = x.beat();
        v.neighbourhood = x.neighbourhood();
        v.reason = reason;
        v.alertId = p.alert == null ? null : p.alert.alertId();
        v.lat = c.lat();
        v.lon = c.lon();
        v.dwellMinutes = config.dwellMinutes();
        v.createdAt = now;
        v.validUntil = now + config.validFor().toMillis();
        v.day = today;
        v.minutes = config.dwellMinutes();
        v.status = VisitStatus.SUGGESTED;
        return v;
    }

    /** Deterministic id: {@code p-<cell>-<epoch minute>} (a cell is suggested once at a time). */
    public static String suggestionId(String cell, long atMillis) {
        return "p-" + cell + "-" + Math.floorDiv(atMillis, 60_000L);
    }

    private boolean tooClose(String a, String b) {
        if (config.minSpacingRings() == 0) return false;
        long d = H3Grid.distance(a, b);
        return d >= 0 && d <= config.minSpacingRings();
    }

    private String riskReason(String district, double risk, int rank, int of) {
        long halfLifeDays = Math.max(1, config.riskHalfLife().toDays());
        return "Forecast risk: about "
                + Decimals.fixed(risk, risk >= 10 ? 0 : 1)
                + " recent citizen calls here (recency-weighted, half-life "
                + halfLifeDays
                + " days), place "
                + rank
                + " of "
                + of
                + " in "
                + district
                + " by risk.";
    }

    private static String note(double chance, int among, String what) {
        if (among == 1) {
            return "It was the only eligible "
                    + (what.equals("places") ? "place" : "cell of the alert")
                    + ".";
        }
        return "Drawn at random, weighted by risk, among "
                + among
                + " eligible "
                + what
                + " ("
                + Decimals.fixed(chance * 100, 0)
                + "% chance).";
    }

    /** One place in a draw: the candidate, the alert behind it if any, and its extra weight. */
    private static final class Entry {
        final Candidate candidate;
        PatrolAlert alert;
        double bonus;
        int rank;

        Entry(Candidate candidate) {
            this.candidate = candidate;
        }

        double weight() {
            return candidate.risk() + bonus;
        }
    }

    /** The rules of one decision: blocks and today's usage, updated as places are drawn. */
    private final class Rules {
        private final Map<String, Long> blocked;
        private final PatrolBook.Usage usage;
        private final double cellShare;
        private final double neighbourhoodShare;

        Rules(PatrolBook book, long now, Places places) {
            this.blocked = book.blockedUntil(now, config);
            this.usage = book.usage(config.localDay(now));
            int neighbourhoods =
                    distinctNeighbourhoods(
                            places, 1 + (int) Math.ceil(1 / config.maxNeighbourhoodShare()));
            this.cellShare = Math.max(config.maxCellShare(), 1.0 / Math.max(1, places.size()));
            this.neighbourhoodShare =
                    Math.max(config.maxNeighbourhoodShare(), 1.0 / Math.max(1, neighbourhoods));
        }

        boolean eligible(String cell, String neighbourhood) {
            if (blocked.containsKey(cell)) return false;
            if (usage.visits(cell) >= config.maxVisitsPerCellPerDay()) return false;
            long total = usage.totalMinutes();
            return usage.minutes(cell) <= cellShare * total + 1e-9
                    && usage.neighbourhoodMinutes(neighbourhood)
                            <= neighbourhoodShare * total + 1e-9;
        }

        /**
         * Distinct neighbourhoods among {@code places}, counted up to {@code enough}: past {@code 1
         * / maxNeighbourhoodShare} the even-spread floor no longer binds.
         */
        private static int distinctNeighbourhoods(Places places, int enough) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < places.size() && seen.size() < enough; i++) {
                seen.add(places.ranked(i).neighbourhood());
            }
            return seen.size();
        }

        void taken(Visit v) {
            blocked.put(v.cell, Long.MAX_VALUE);
            usage.add(v.cell, v.neighbourhood, v.minutes);
        }
    }
}
