package io.beatwatch.gateway.transparency;

import io.beatwatch.core.model.PublicCall;
import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.gateway.view.Hexes;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Aggregates calls for service into the daily figures of the public page (ARCHITECTURE section 7):
 * for each complete local day that ended at least the delay before the feed clock, the number of
 * distinct incidents per H3 cell (the public feed's resolution) and per district, with the same
 * exclusions as the public feed (sensitive types by current, initial or final type, once sensitive
 * always excluded; officer-initiated events unless configured) and the same k rule.
 *
 * <p>A cell-day below {@code minCount} is left out. A district's figure for a day is the sum over
 * the cells whose home district it is (the district most of the cell's incidents name); it is
 * published only if that cannot reveal the suppressed cells: the total is at least {@code minCount}
 * and the part in suppressed cells is 0 or at least {@code minCount}; otherwise the district gets
 * the sum of its published cells, which anyone can add up already. Not thread-safe: one consumer
 * thread owns it.
 */
public final class DailyAggregator {

    /** A district name for incidents that name none. */
    public static final String NO_DISTRICT = "UNASSIGNED";

    private record Incident(
            String cell, String district, LocalDate day, boolean sensitive, boolean officer) {}

    private final GatewayConfig.PublicFeed feed;
    private final int historyDays;
    private final ZoneId zone;
    private final Map<String, Incident> incidents = new HashMap<>();
    private Instant newestSeen;

    public DailyAggregator(GatewayConfig.PublicFeed feed, int historyDays, ZoneId zone) {
        this.feed = Objects.requireNonNull(feed, "feed");
        this.historyDays = historyDays;
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** Takes one call (a new incident or an update of one). */
    public void accept(PublicCall c) {
        if (c == null || !placeable(c.lat(), c.lon())) {
            return;
        }
        var prev = incidents.get(c.id());
        // sensitivity was decided by the job at decode, with the city profile
        boolean isSensitive = c.sensitive() || (prev != null && prev.sensitive());
        var received = prev != null ? prev.day() : c.receivedAt().atZone(zone).toLocalDate();
        var district =
                c.district() != null && !c.district().isBlank()
                        ? c.district().trim()
                        : prev != null ? prev.district() : NO_DISTRICT;
        var cell = Hexes.cellAt(c.lat(), c.lon(), feed.resolution());
        incidents.put(
                c.id(), new Incident(cell, district, received, isSensitive, c.officerInitiated()));
        if (newestSeen == null || c.receivedAt().isAfter(newestSeen)) {
            newestSeen = c.receivedAt();
        }
    }

    private static boolean placeable(double lat, double lon) {
        return Double.isFinite(lat)
                && Double.isFinite(lon)
                && Math.abs(lat) <= 90
                && Math.abs(lon) <= 180
                && !(lat == 0 && lon == 0);
    }

    /**
     * The local dates published as of the feed clock, oldest first: the last {@code historyDays}
     * days whose end (the next local midnight) is at or before {@code feedNow - delay}.
     */
    public List<LocalDate> days(Instant feedNow) {
        var last = feedNow.minus(feed.delay()).atZone(zone).toLocalDate().minusDays(1);
        var out = new ArrayList<LocalDate>(historyDays);
        for (int i = historyDays - 1; i >= 0; i--) {
            out.add(last.minusDays(i));
        }
        return out;
    }

    /** The feed clock: the wall clock, held back to the newest call seen if that is earlier. */
    public Instant feedNow(Instant wallNow) {
        return newestSeen == null || newestSeen.isAfter(wallNow) ? wallNow : newestSeen;
    }

    /** Builds the published figures as of {@code wallNow} and forgets days too old to publish. */
    public DailyFigures build(Instant wallNow) {
        var dates = days(feedNow(wallNow));
        var first = dates.get(0);
        var last = dates.get(dates.size() - 1);
        int k = feed.minCount();

        // raw counts per day and cell, and per cell and district (for the home district)
        var byDay = new TreeMap<LocalDate, Map<String, Integer>>();
        var districtsOfCell = new HashMap<String, Map<String, Integer>>();
        for (var i : incidents.values()) {
            if (i.sensitive() || (i.officer() && !feed.includeOfficerInitiated())) {
                continue;
            }
            if (i.day().isBefore(first) || i.day().isAfter(last)) {
                continue;
            }
            byDay.computeIfAbsent(i.day(), d -> new HashMap<>()).merge(i.cell(), 1, Integer::sum);
            districtsOfCell
                    .computeIfAbsent(i.cell(), c -> new HashMap<>())
                    .merge(i.district(), 1, Integer::sum);
        }
        var home = new HashMap<String, String>();
        districtsOfCell.forEach((cell, m) -> home.put(cell, homeDistrict(m)));

        var days = new ArrayList<DailyFigures.Day>(dates.size());
        var published = new TreeMap<String, String>();
        for (var date : dates) {
            var raw = byDay.getOrDefault(date, Map.of());
            var cells = new TreeMap<String, Integer>();
            var total = new HashMap<String, Integer>();
            var shown = new HashMap<String, Integer>();
            for (var e : raw.entrySet()) {
                var d = home.get(e.getKey());
                total.merge(d, e.getValue(), Integer::sum);
                if (e.getValue() >= k) {
                    cells.put(e.getKey(), e.getValue());
                    shown.merge(d, e.getValue(), Integer::sum);
                    published.put(e.getKey(), d);
                }
            }
            var districts = new TreeMap<String, Integer>();
            for (var e : total.entrySet()) {
                int n = e.getValue();
                int visible = shown.getOrDefault(e.getKey(), 0);
                int hidden = n - visible;
                int value = n >= k && (hidden == 0 || hidden >= k) ? n : visible;
                if (value > 0) {
                    districts.put(e.getKey(), value);
                }
            }
            days.add(new DailyFigures.Day(date, cells, districts));
        }
        var cutoff = first.minusDays(1);
        incidents.values().removeIf(i -> i.day().isBefore(cutoff));
        return new DailyFigures(wallNow, first, last, zone, published, days);
    }

    /** The district most incidents of a cell name; ties go to the first name in order. */
    static String homeDistrict(Map<String, Integer> counts) {
        String best = null;
        int max = -1;
        for (var e : new TreeMap<>(counts).entrySet()) {
            if (e.getValue() > max) {
                best = e.getKey();
                max = e.getValue();
            }
        }
        return best;
    }

    int tracked() {
        return incidents.size();
    }

    /** Receipt time of the newest call seen, or null before the first. */
    public Instant newestSeen() {
        return newestSeen;
    }
}
