package io.beatwatch.gateway.handover;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Draws a {@link HandoverReport} as one standalone HTML document (its style inline, a print
 * stylesheet, no script, nothing from another origin): the page {@code /handover} shows, the file
 * {@code bin/beatwatch handover} writes, and what a browser prints to PDF.
 */
public final class HandoverHtml {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", Locale.ENGLISH);

    static final String STYLE =
            """
            :root { color-scheme: light; --ink: #15202b; --muted: #4a5866; --line: #c9d2db; --bg: #ffffff; --band: #eef2f6; }
            body { margin: 0; font: 14px/1.45 system-ui, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); background: var(--bg); }
            main { max-width: 1040px; margin: 0 auto; padding: 20px 24px 40px; }
            h1 { font-size: 22px; margin: 0 0 4px; }
            h2 { font-size: 18px; margin: 28px 0 8px; padding-top: 12px; border-top: 2px solid var(--ink); }
            h3 { font-size: 14px; margin: 14px 0 6px; }
            .sub { color: var(--muted); margin: 0 0 12px; }
            table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; }
            th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
            th { background: var(--band); font-weight: 600; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            .figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 8px; margin: 8px 0; padding: 0; list-style: none; }
            .figures li { border: 1px solid var(--line); border-radius: 6px; padding: 6px 10px; }
            .figures .value { display: block; font-size: 22px; font-weight: 700; }
            .figures .label { color: var(--muted); font-size: 12px; }
            .empty { color: var(--muted); }
            .note { color: var(--muted); font-size: 12px; margin-top: 24px; }
            @media print {
              @page { size: A4; margin: 14mm 12mm; }
              body { font-size: 11pt; }
              main { max-width: none; padding: 0; }
              h2 { break-before: auto; break-after: avoid; }
              section.district { break-inside: avoid-page; }
              table { break-inside: auto; }
              tr { break-inside: avoid; }
              .no-print { display: none !important; }
            }
            """;

    private HandoverHtml() {}

    /** The whole document. */
    public static String document(HandoverReport r) {
        var b = new StringBuilder(16_384);
        b.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append(
                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>")
                .append(esc(title(r)))
                .append("</title>\n<style>\n")
                .append(STYLE)
                .append("</style>\n</head>\n<body>\n");
        main(b, r);
        b.append("</body>\n</html>\n");
        return b.toString();
    }

    static String title(HandoverReport r) {
        return "Shift handover " + when(r.from(), r.zone()) + " to " + when(r.to(), r.zone());
    }

    private static void main(StringBuilder b, HandoverReport r) {
        b.append("<main id=\"handover\" data-testid=\"handover-report\">\n<h1>")
                .append(esc(title(r)))
                .append("</h1>\n<p class=\"sub\">Times in ")
                .append(esc(r.zone().getId().equals("Z") ? "UTC" : r.zone().getId()))
                .append(". Generated ")
                .append(esc(when(r.generatedAt(), r.zone())))
                .append(
                        " from the alert stream, the alert log, the patrol dosage and the tip index.</p>\n");
        figures(b, r.total(), "handover-total");
        if (r.districts().isEmpty()) {
            b.append("<p class=\"empty\">Nothing happened in the districts in your scope.</p>\n");
        }
        for (var d : r.districts()) {
            district(b, d);
        }
        b.append(
                        "<p class=\"note\">Patrol minutes, visits and declined suggestions are those of the")
                .append(" local day(s) the shift touches (the job keeps them per day). Still open:")
                .append(
                        " alerts the detector had not closed by the end of the shift. Acknowledged and")
                .append(" dismissed count actions taken during the shift.</p>\n</main>\n");
    }

    private static void district(StringBuilder b, HandoverReport.DistrictShift d) {
        var id = "d-" + d.district().replaceAll("[^A-Za-z0-9_-]", "_");
        b.append("<section class=\"district\" data-testid=\"handover-district\" data-district=\"")
                .append(esc(d.district()))
                .append("\" aria-labelledby=\"")
                .append(id)
                .append("\">\n<h2 id=\"")
                .append(id)
                .append("\">")
                .append(esc(d.district()))
                .append("</h2>\n");
        figures(b, d, null);
        if (!d.dismissReasons().isEmpty()) {
            b.append("<h3>Dismissed, with reasons</h3>\n<ul data-testid=\"handover-reasons\">\n");
            for (var reason : d.dismissReasons()) {
                b.append("<li>").append(esc(reason)).append("</li>\n");
            }
            b.append("</ul>\n");
        }
        b.append("<h3>Top places</h3>\n");
        if (d.topPlaces().isEmpty()) {
            b.append("<p class=\"empty\">No alerts in this shift.</p>\n");
        } else {
            b.append("<table data-testid=\"handover-places\">\n<thead><tr>")
                    .append("<th scope=\"col\">Place</th><th scope=\"col\">Why</th>")
                    .append("<th scope=\"col\" class=\"num\">Once in ≈</th>")
                    .append("<th scope=\"col\">Call types</th><th scope=\"col\">Handling</th>")
                    .append("</tr></thead>\n<tbody>\n");
            for (var p : d.topPlaces()) {
                b.append("<tr data-testid=\"handover-place\" data-alert-id=\"")
                        .append(esc(p.alertId()))
                        .append("\"><td>cell ")
                        .append(esc(p.zone()))
                        .append("<br>")
                        .append(String.format(Locale.ROOT, "%.5f, %.5f", p.lat(), p.lon()))
                        .append("</td><td>")
                        .append(p.category().isEmpty() ? "" : esc(p.category()) + ": ")
                        .append(p.observed())
                        .append(" observed vs ")
                        .append(String.format(Locale.ROOT, "%.1f", p.expected()))
                        .append(" expected in ")
                        .append(p.windowMinutes())
                        .append(" min</td><td class=\"num\">")
                        .append(
                                String.format(
                                        Locale.ROOT, "%,.0f days", p.recurrenceIntervalDays()))
                        .append("</td><td>")
                        .append(esc(p.topTypes()))
                        .append("</td><td>")
                        .append(esc(p.handling()))
                        .append("</td></tr>\n");
            }
            b.append("</tbody>\n</table>\n");
        }
        b.append("</section>\n");
    }

    private static void figures(StringBuilder b, HandoverReport.DistrictShift d, String testId) {
        b.append("<ul class=\"figures\"")
                .append(testId == null ? "" : " data-testid=\"" + testId + "\"")
                .append(">\n");
        figure(b, "opened", d.opened(), "alerts opened");
        figure(b, "still-open", d.stillOpen(), "still open at the end");
        figure(b, "acknowledged", d.acknowledged(), "acknowledged");
        figure(b, "dismissed", d.dismissed(), "dismissed");
        figure(b, "patrol-minutes", d.patrolMinutes(), "patrol minutes");
        figure(b, "patrol-visits", d.patrolVisits(), "patrol visits");
        figure(b, "declined", d.declined(), "suggestions declined");
        figure(b, "tips", d.tips(), "tips received");
        b.append("</ul>\n");
    }

    private static void figure(StringBuilder b, String key, long value, String label) {
        b.append("<li data-figure=\"")
                .append(key)
                .append("\"><span class=\"value\">")
                .append(value)
                .append("</span> <span class=\"label\">")
                .append(label)
                .append("</span></li>\n");
    }

    static String when(Instant t, ZoneId zone) {
        return WHEN.format(t.atZone(zone));
    }

    /** HTML text and attribute escaping. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        var out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
