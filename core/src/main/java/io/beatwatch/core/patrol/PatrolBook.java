package io.beatwatch.core.patrol;

import io.beatwatch.core.model.PatrolFeedback;
import io.beatwatch.core.model.PatrolSuggestion;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dosage record of one district: every visit suggested today and yesterday (and older ones
 * while they still block their cell), with status and minutes. Caps, cool-downs and decline blocks
 * are all derived from it; dispatcher feedback updates it. A POJO for Flink keyed state.
 */
public final class PatrolBook {

    /** Visits in the order they were issued. */
    public Visit[] visits = new Visit[0];

    /** Event time of the last regular round, so a round never runs twice. */
    public long lastRoundMillis = Long.MIN_VALUE;

    /** Event time of the district's newest risk call or alert (rounds stop when it is old). */
    public long lastInputMillis = Long.MIN_VALUE;

    /** Event time of the city feed's newest tick (rounds are skipped while the feed is silent). */
    public long lastFeedMillis = Long.MIN_VALUE;

    public PatrolBook() {}

    /** What feedback did to the record. */
    public enum FeedbackOutcome {
        /** The visit changed. */
        APPLIED,
        /** The visit already had this status (a re-delivered message). */
        DUPLICATE,
        /** The feedback came after the visit ended (e.g. accepted after done). */
        STALE,
        /** No such suggestion (unknown id, or another cell than the suggestion's). */
        UNKNOWN
    }

    /** Records a newly issued visit. */
    public void add(Visit v) {
        visits = Arrays.copyOf(visits, visits.length + 1);
        visits[visits.length - 1] = v;
    }

    /** The visit of a suggestion, or null. */
    public Visit find(String suggestionId) {
        for (Visit v : visits) if (v.suggestionId.equals(suggestionId)) return v;
        return null;
    }

    /**
     * Applies a dispatcher's feedback at event time {@code at}. Accept and arrive move a suggested
     * (or lapsed) visit forward; done fixes its minutes (arrived to done, clamped to 1..2 × dwell,
     * else the dwell) and starts the cool-down; decline releases its minutes and blocks the place.
     */
    public FeedbackOutcome apply(PatrolFeedback f, long at, PatrolConfig c) {
        Visit v = find(f.suggestionId());
        if (v == null || (f.cell() != null && !f.cell().equals(v.cell))) {
            return FeedbackOutcome.UNKNOWN;
        }
        VisitStatus s = v.statusAt(at, c);
        switch (f.action()) {
            case ACCEPTED -> {
                if (s == VisitStatus.ACCEPTED || s == VisitStatus.ARRIVED) {
                    return FeedbackOutcome.DUPLICATE;
                }
                if (s != VisitStatus.SUGGESTED && s != VisitStatus.LAPSED) {
                    return FeedbackOutcome.STALE;
                }
                v.status = VisitStatus.ACCEPTED;
                v.acceptedAt = at;
            }
            case ARRIVED -> {
                if (s == VisitStatus.ARRIVED) return FeedbackOutcome.DUPLICATE;
                if (s != VisitStatus.SUGGESTED
                        && s != VisitStatus.LAPSED
                        && s != VisitStatus.ACCEPTED) {
                    return FeedbackOutcome.STALE;
                }
                v.status = VisitStatus.ARRIVED;
                if (v.acceptedAt == 0) v.acceptedAt = at;
                v.arrivedAt = at;
            }
            case DONE -> {
                if (s == VisitStatus.DONE) return FeedbackOutcome.DUPLICATE;
                if (s == VisitStatus.DECLINED) return FeedbackOutcome.STALE;
                v.status = VisitStatus.DONE;
                v.closedAt = at;
                if (v.arrivedAt > 0 && at > v.arrivedAt) {
                    long m = Math.round((at - v.arrivedAt) / 60_000.0);
                    v.minutes = (int) Math.max(1, Math.min(2L * v.dwellMinutes, m));
                } else {
                    v.minutes = v.dwellMinutes;
                }
            }
            case DECLINED -> {
                if (s == VisitStatus.DECLINED) return FeedbackOutcome.DUPLICATE;
                if (s != VisitStatus.SUGGESTED
                        && s != VisitStatus.LAPSED
                        && s != VisitStatus.ACCEPTED) {
                    return FeedbackOutcome.STALE;
                }
                v.status = VisitStatus.DECLINED;
                v.closedAt = at;
                v.minutes = 0;
            }
        }
        return FeedbackOutcome.APPLIED;
    }

    /**
     * Moves unanswered suggestions past their validity to LAPSED and open visits past the timeout
     * to TIMED_OUT. Returns true when any status changed (the district's board changes).
     */
    public boolean expire(long now, PatrolConfig c) {
        boolean changed = false;
        for (Visit v : visits) {
            VisitStatus s = v.statusAt(now, c);
            if (s != v.status) {
                v.status = s;
                changed = true;
            }
        }
        return changed;
    }

    /**
     * Forgets visits of days before yesterday that no longer block their cell, so the record stays
     * bounded. Yesterday's are kept for late feedback and its final dosage.
     */
    public void prune(long now, PatrolConfig c) {
        long today = c.localDay(now);
        List<Visit> keep = new ArrayList<>(visits.length);
        for (Visit v : visits) {
            if (v.day >= today - 1 || v.blocksUntil(now, c) > now) keep.add(v);
        }
        if (keep.size() != visits.length) visits = keep.toArray(new Visit[0]);
    }

    /** Whether nothing is left: no visit, so the district's record may be cleared. */
    public boolean isEmpty() {
        return visits.length == 0;
    }

    /** Per cell, until when it may not be suggested (active visits: forever). */
    public Map<String, Long> blockedUntil(long now, PatrolConfig c) {
        Map<String, Long> out = new HashMap<>();
        for (Visit v : visits) {
            long until = v.blocksUntil(now, c);
            if (until > now) out.merge(v.cell, until, Math::max);
        }
        return out;
    }

    /** Today's visits and minutes per cell and neighbourhood, for the caps. */
    public Usage usage(long day) {
        Usage u = new Usage();
        for (Visit v : visits) {
            if (v.day != day || v.status == VisitStatus.DECLINED) continue;
            u.add(v.cell, v.neighbourhood, v.minutes);
        }
        return u;
    }

    /** The suggestions dispatchers can still act on, oldest first. */
    public List<PatrolSuggestion> board(long now, PatrolConfig c) {
        List<PatrolSuggestion> out = new ArrayList<>();
        for (Visit v : visits) {
            if (v.statusAt(now, c).active()) out.add(v.suggestion());
        }
        return out;
    }

    /** The district's dosage of one local day. */
    public DailyDosage dosage(String district, long day) {
        Map<String, Integer> minutes = new TreeMap<>();
        int visitsCounted = 0, doneMinutes = 0, declined = 0, fromAlerts = 0;
        for (Visit v : visits) {
            if (v.day != day) continue;
            if (v.status == VisitStatus.DECLINED) {
                declined++;
                continue;
            }
            visitsCounted++;
            if (v.alertId != null) fromAlerts++;
            if (v.status == VisitStatus.DONE) doneMinutes += v.minutes;
            minutes.merge(v.cell, v.minutes, Integer::sum);
        }
        return new DailyDosage(
                district,
                LocalDate.ofEpochDay(day),
                minutes,
                visitsCounted,
                fromAlerts,
                doneMinutes,
                declined);
    }

    /** Days that have visits, oldest first. */
    public List<Long> days() {
        return Arrays.stream(visits).map(v -> v.day).distinct().sorted().toList();
    }

    /** Visits in issue order (a copy), for tests and reports. */
    public List<Visit> visitList() {
        List<Visit> out = new ArrayList<>(Arrays.asList(visits));
        out.sort(Comparator.comparingLong((Visit v) -> v.createdAt));
        return out;
    }

    /** Visits and minutes of one day, per cell and neighbourhood, and the district total. */
    public static final class Usage {
        /** Per cell: visits, minutes. */
        private final Map<String, long[]> cells = new HashMap<>();

        private final Map<String, long[]> neighbourhoodMinutes = new HashMap<>();
        private long totalMinutes;

        /** Counts one visit. */
        public void add(String cell, String neighbourhood, long minutes) {
            long[] c = cells.computeIfAbsent(cell, k -> new long[2]);
            c[0]++;
            c[1] += minutes;
            if (neighbourhood != null) {
                neighbourhoodMinutes.computeIfAbsent(neighbourhood, k -> new long[1])[0] += minutes;
            }
            totalMinutes += minutes;
        }

        public int visits(String cell) {
            long[] c = cells.get(cell);
            return c == null ? 0 : (int) c[0];
        }

        public long minutes(String cell) {
            long[] c = cells.get(cell);
            return c == null ? 0 : c[1];
        }

        public long neighbourhoodMinutes(String neighbourhood) {
            long[] n = neighbourhood == null ? null : neighbourhoodMinutes.get(neighbourhood);
            return n == null ? 0 : n[0];
        }

        public long totalMinutes() {
            return totalMinutes;
        }
    }
}
