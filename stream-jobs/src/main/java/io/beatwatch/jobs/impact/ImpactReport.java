package io.beatwatch.jobs.impact;

import io.beatwatch.core.backtest.EventTable;
import io.beatwatch.core.impact.ImpactConfig;
import io.beatwatch.core.impact.ImpactResult;
import io.beatwatch.core.impact.Interval;
import io.beatwatch.core.impact.Panel;
import io.beatwatch.core.impact.SyntheticStudy;
import io.beatwatch.core.impact.Wdq;
import io.beatwatch.jobs.backtest.Charts;
import io.beatwatch.jobs.backtest.ReportWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes an impact report: plain-language reading, tables, the three plots and figures.json. */
final class ImpactReport {

    static final String EVENT_STUDY = "event-study.png";
    static final String OVER_TIME = "treated-vs-comparison.png";
    static final String DOSE = "dose-response.png";

    private final ImpactConfig cfg;
    private final Panel panel;

    ImpactReport(ImpactConfig cfg, Panel panel) {
        this.cfg = cfg;
        this.panel = panel;
    }

    private boolean risk() {
        return cfg.method() == ImpactConfig.Method.RISK;
    }

    static String pct(double x) {
        return Double.isNaN(x) ? "n/a" : String.format(Locale.ROOT, "%+.1f%%", 100 * x);
    }

    static String pct(Interval i) {
        return pct(i.estimate()) + " [" + pct(i.lo()) + ", " + pct(i.hi()) + "]";
    }

    static String num(double x) {
        return Double.isNaN(x) ? "n/a" : String.format(Locale.ROOT, "%.2f", x);
    }

    static String num(Interval i) {
        return num(i.estimate()) + " [" + num(i.lo()) + ", " + num(i.hi()) + "]";
    }

    static double round(double x) {
        return Double.isFinite(x) ? Math.round(x * 10_000) / 10_000.0 : Double.NaN;
    }

    private static String date(int epochDay) {
        return LocalDate.ofEpochDay(epochDay).toString();
    }

    void writeSynthetic(
            Path dir,
            SyntheticStudy study,
            ImpactResult r,
            ImpactResult nullRun,
            int seeds,
            int[] cover,
            List<Long> misses)
            throws IOException {
        Files.createDirectories(dir);
        var w = new ReportWriter("Impact study: synthetic city (validation)");
        w.para(
                "**Reading.** In a seeded synthetic city we made the patrolled cells "
                        + Math.round(-100 * study.planted())
                        + "% quieter after the patrols started and changed nothing elsewhere."
                        + " The study estimates "
                        + pct(r.effect())
                        + " (95% interval): the planted effect is "
                        + (r.effect().contains(study.planted()) ? "inside" : "**outside**")
                        + " the interval. In the same city without a planted effect the estimate"
                        + " is "
                        + pct(nullRun.effect())
                        + ": zero is "
                        + (nullRun.effect().contains(0) ? "inside" : "**outside**")
                        + " the interval. Nothing was planted around the patrolled cells, and"
                        + " the weighted displacement quotient is "
                        + num(r.wdq())
                        + " ("
                        + Wdq.reading(r.wdqParts().successMeasure(), r.wdq().estimate())
                        + ").");
        if (seeds > 0) {
            w.para(
                    String.format(
                            Locale.ROOT,
                            "**Calibration.** Over %d synthetic cities (seeds 1..%d, 299"
                                    + " replicates each) the interval held the planted effect in"
                                    + " %d and zero in the null run in %d (nominal 95%%: %.0f of"
                                    + " %d). Cities where either missed: %s. A 95%% interval"
                                    + " misses in about one city in twenty; the report's city is"
                                    + " seed %d.",
                            seeds,
                            seeds,
                            cover[0],
                            cover[1],
                            0.95 * seeds,
                            seeds,
                            misses.isEmpty() ? "none" : misses.toString(),
                            study.seed()));
        }
        w.para(
                String.format(
                        Locale.ROOT,
                        "**The city.** %,d H3 cells (resolution 9) in four districts, each with a"
                                + " fixed log-normal call rate times a common weekly cycle and"
                                + " trend, Poisson counts per day; %d days before the patrols, %d"
                                + " with. The %.0f%% riskiest cells of each district (by true"
                                + " rate) get 5 to 45 patrol minutes a day. Generated by `bin/beatwatch"
                                + " impact --synthetic --city-seed %d --planted %s`.",
                        panel.cellCount(),
                        study.preDays(),
                        study.postDays(),
                        100 * study.treatedShare(),
                        study.seed(),
                        study.planted()));
        body(w, dir, r, "Planted run");
        w.heading(2, "Null run (nothing planted)");
        w.table(
                List.of("measure", "estimate [95% interval]"),
                List.of(
                        List.of("treated vs comparison", pct(nullRun.effect())),
                        List.of("buffer vs comparison", pct(nullRun.bufferEffect())),
                        List.of("WDQ", num(nullRun.wdq()))));
        method(w);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("planted", study.planted());
        f.put("estimate", round(r.effect().estimate()));
        f.put("ci95", List.of(round(r.effect().lo()), round(r.effect().hi())));
        f.put("wdq", round(r.wdq().estimate()));
        Map<String, Object> nul = new LinkedHashMap<>();
        nul.put("estimate", round(nullRun.effect().estimate()));
        nul.put("ci95", List.of(round(nullRun.effect().lo()), round(nullRun.effect().hi())));
        f.put("null", nul);
        w.write(dir, f);
    }

    void writeCity(
            Path dir,
            String city,
            Path file,
            PatrolLog log,
            boolean placebo,
            EventTable table,
            ImpactResult r)
            throws IOException {
        Files.createDirectories(dir);
        String title = "Impact study: " + city + (placebo ? " (placebo)" : "");
        var w = new ReportWriter(title);
        StringBuilder reading = new StringBuilder("**Reading.** ");
        if (placebo) {
            reading.append(
                    "These patrols never happened. The patrol log is what Beatwatch's replay"
                            + " would have suggested; no officer was sent. So this is a placebo"
                            + " study: any \"effect\" it finds is the method's own error, and its"
                            + " interval should contain zero. ");
        }
        reading.append(
                risk()
                        ? "In the "
                                + String.format(Locale.ROOT, "%,d", r.treated())
                                + " cells that "
                                + (placebo ? "would have been" : "were")
                                + " patrolled, from the day after their first patrol, citizen"
                                + " calls changed by "
                                + pct(r.effect())
                                + " (95% interval) relative to cells not yet patrolled that day"
                                + " with the same risk score in the planner's own ranking. "
                        : "In the cells that "
                                + (placebo ? "would have received" : "received")
                                + " at least "
                                + num(cfg.minDose())
                                + " patrol minutes a day, citizen calls changed by "
                                + pct(r.effect())
                                + " (95% interval) relative to matched comparison cells. ");
        boolean zero = r.effect().contains(0);
        if (placebo) {
            reading.append(
                    zero
                            ? "Zero is inside the interval: as it should be, the method finds no"
                                    + " effect where there was none."
                            : "Zero is **outside** the interval: the method finds an effect of"
                                    + " patrols that did not happen, so it is biased on this data"
                                    + " (most likely because the suggestions follow recent calls, see"
                                    + " Limitations), and a real evaluation with it would need a"
                                    + " correction.");
        } else {
            reading.append(
                    zero
                            ? "Zero is inside the interval: no effect is shown."
                            : r.effect().hi() < 0
                                    ? "The interval is below zero: fewer calls than expected."
                                    : "The interval is above zero: more calls than expected.");
        }
        reading.append(
                " The ring around them changed by "
                        + pct(r.bufferEffect())
                        + "; the weighted displacement quotient is "
                        + num(r.wdq())
                        + " ("
                        + Wdq.reading(r.wdqParts().successMeasure(), r.wdq().estimate())
                        + ").");
        if (risk()) {
            reading.append(
                    " The ring, the WDQ and the dose bins are not protected the way the headline"
                            + " is: the ring holds the never-patrolled neighbours and the dose"
                            + " bins sort cells by the patrols they got later, and both follow"
                            + " later calls, the outcome. Read them as descriptions, not effects"
                            + (placebo
                                    ? " (here the ring's change is the size of that bias)."
                                    : "."));
        }
        w.para(reading.toString());
        w.para(
                String.format(
                        Locale.ROOT,
                        "**Data.** Calls: `%s` (%,d calls in the table; outcome: citizen calls"
                                + " only). Patrol log: %s, %,d cell-days, %,.0f minutes, %s to %s."
                                + " Analysed days are complete days only: %d in the matching"
                                + " window, %d in the before period, %d with patrols.",
                        file.getFileName(),
                        table.size(),
                        log.source(),
                        log.doses().size(),
                        log.totalMinutes(),
                        log.first(),
                        log.last(),
                        r.matchingDays(),
                        r.beforeDays(),
                        r.postDays()));
        body(w, dir, r, "Results");
        method(w);
        w.heading(2, "Limitations");
        w.para(
                "The planner chooses cells by their recent citizen calls, during the patrol period"
                        + " too, so a cell whose calls rise gets more patrol: selection on the"
                        + " outcome. A design that defines treated cells by the dose they got"
                        + " over the whole patrol period, or compares them with never-patrolled"
                        + " cells, is biased upwards by it (towards \"patrols increase calls\")."
                        + " The `risk` design avoids it by comparing, on each cell's first patrol"
                        + " day, with cells of the same risk that the draw passed over; its"
                        + " risk score is recomputed from the complete days of the table (the"
                        + " planner also sees the incomplete days and leaves out enforcement-prone"
                        + " and ignored types), so the match is close, not exact. Because the"
                        + " planner reaches nearly every cell with calls, most comparison cells"
                        + " are patrolled later: the intention-to-treat contrast is small and"
                        + " the per-exposure effect assumes a patrolled cell stays affected from"
                        + " its first patrol on (the Wald scaling), which widens its interval."
                        + " The event study is by calendar bin, with bin 0 holding the first"
                        + " patrol days themselves (the selection days), so only the later bins"
                        + " are comparable with the headline. A real deployment should keep the"
                        + " planner's draw log (who was eligible, with what chance): then the"
                        + " comparison is experimental.");
        w.para(
                "The Koper curve is about minutes per visit (deterrence grows up to about 15"
                        + " minutes). A replay's suggestions all have the same dwell (15 min), so"
                        + " here only minutes per day vary; a real patrol log with reported times"
                        + " on scene (the dosage record's done minutes) lets the same dose-response"
                        + " be read per visit length.");
        Map<String, Object> f = figures(r);
        f.put("city", city);
        f.put("placebo", placebo);
        f.put("patrolStart", log.first().toString());
        f.put("patrolEnd", log.last().toString());
        w.write(dir, f);
    }

    private Map<String, Object> figures(ImpactResult r) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("estimate", round(r.effect().estimate()));
        f.put("ci95", List.of(round(r.effect().lo()), round(r.effect().hi())));
        f.put("wdq", round(r.wdq().estimate()));
        f.put("wdqCi95", List.of(round(r.wdq().lo()), round(r.wdq().hi())));
        f.put("design", cfg.method().name().toLowerCase(Locale.ROOT));
        f.put("itt", round(r.itt().estimate()));
        f.put("ittCi95", List.of(round(r.itt().lo()), round(r.itt().hi())));
        f.put("contrast", round(r.contrast().estimate()));
        var b = r.balance();
        Map<String, Object> bal = new LinkedHashMap<>();
        bal.put("treatedMatchRate", round(b.treatedMatchRate()));
        bal.put("comparisonMatchRate", round(b.comparisonMatchRate()));
        bal.put("treatedTrend", round(b.treatedTrend()));
        bal.put("comparisonTrend", round(b.comparisonTrend()));
        bal.put("treatedBeforeRate", round(b.treatedRate()));
        bal.put("comparisonBeforeRate", round(b.comparisonRate()));
        bal.put("comparisonUses", r.comparisonUses());
        f.put("balance", bal);
        f.put("buffer", round(r.bufferEffect().estimate()));
        f.put("bufferCi95", List.of(round(r.bufferEffect().lo()), round(r.bufferEffect().hi())));
        f.put("treatedCells", r.treated());
        f.put("comparisonCells", r.comparison());
        f.put("bufferCells", r.buffer());
        f.put("droppedCells", r.dropped());
        f.put("doseResponse", r.doseResponse().stream().map(d -> doseMap(d)).toList());
        f.put("eventStudy", r.eventStudy().stream().map(e -> eventMap(e)).toList());
        return f;
    }

    private static Map<String, Object> doseMap(ImpactResult.DoseBin d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fromMinutesPerDay", d.from());
        m.put("toMinutesPerDay", Double.isInfinite(d.to()) ? null : d.to());
        m.put("cells", d.cells());
        m.put("meanDose", round(d.meanDose()));
        m.put("estimate", round(d.effect().estimate()));
        m.put("ci95", List.of(round(d.effect().lo()), round(d.effect().hi())));
        return m;
    }

    private static Map<String, Object> eventMap(ImpactResult.EventBin e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bin", e.bin());
        m.put("from", date(e.firstDay()));
        m.put("days", e.days());
        m.put("treatedRate", round(e.treatedRate()));
        m.put("comparisonRate", round(e.comparisonRate()));
        m.put("estimate", round(e.effect().estimate()));
        m.put("ci95", List.of(round(e.effect().lo()), round(e.effect().hi())));
        return m;
    }

    /** The balance after matching, in one paragraph. */
    static String balance(ImpactConfig cfg, ImpactResult r) {
        var b = r.balance();
        return String.format(
                Locale.ROOT,
                "Balance after matching (a comparison cell counted once per use; %,d uses of %,d"
                        + " cells): calls per cell per day in the matching window, treated %.3f,"
                        + " comparison %.3f; trend there (log ratio of its halves), treated"
                        + " %+.3f, comparison %+.3f; calls per cell per day in the before period,"
                        + " treated %.3f, comparison %.3f. %,d treated cell(s) found no comparison"
                        + " cell (%s) and were dropped.",
                r.comparisonUses(),
                r.comparison(),
                b.treatedMatchRate(),
                b.comparisonMatchRate(),
                b.treatedTrend(),
                b.comparisonTrend(),
                b.treatedRate(),
                b.comparisonRate(),
                r.dropped(),
                cfg.method() == ImpactConfig.Method.GREEDY
                        ? "none left in their district"
                        : "none within the caliper of " + num(cfg.caliper()) + " sd");
    }

    /** Headline table, balance, plots, WDQ and dose-response. */
    private void body(ReportWriter w, Path dir, ImpactResult r, String heading) throws IOException {
        w.heading(2, heading);
        var t = r.totals();
        w.table(
                List.of(
                        "group",
                        "cells",
                        "calls before",
                        "calls after",
                        "change vs comparison [95%]"),
                List.of(
                        List.of(
                                risk()
                                        ? "treated (patrolled, from the day after the first)"
                                        : "treated (>= " + num(cfg.minDose()) + " min/day)",
                                "" + r.treated(),
                                "" + t.treatedBefore(),
                                "" + t.treatedAfter(),
                                pct(r.effect())),
                        List.of(
                                "buffer (ring " + cfg.ring() + ")",
                                "" + r.buffer(),
                                "" + t.bufferBefore(),
                                "" + t.bufferAfter(),
                                pct(r.bufferEffect())),
                        List.of(
                                risk()
                                        ? "comparison (not yet patrolled, same risk)"
                                        : "comparison (matched)",
                                "" + r.comparison(),
                                "" + t.comparisonBefore(),
                                "" + t.comparisonAfter(),
                                "")));
        w.para(balance(cfg, r));
        if (risk()) {
            w.para(
                    String.format(
                            Locale.ROOT,
                            "Intention to treat (as matched): %s. The comparison cells were"
                                    + " themselves patrolled later on %.0f%% of their after days"
                                    + " (a cell not yet patrolled is not a never-patrolled one),"
                                    + " so the contrast in exposure is %s and the effect per"
                                    + " exposure is (1 + ITT)^(1 / contrast) - 1 = %s. Zero is in"
                                    + " one interval exactly when it is in the other.",
                            pct(r.itt()),
                            100 * (1 - r.contrast().estimate()),
                            num(r.contrast()),
                            pct(r.effect())));
        }
        w.table(
                List.of("weighted displacement quotient", "value"),
                List.of(
                        List.of(
                                "success measure A_a/C_a - A_b/C_b",
                                num(r.wdqParts().successMeasure())),
                        List.of(
                                "buffer measure B_a/C_a - B_b/C_b",
                                num(r.wdqParts().bufferMeasure())),
                        List.of("WDQ [95%]", num(r.wdq())),
                        List.of(
                                "reading",
                                Wdq.reading(r.wdqParts().successMeasure(), r.wdq().estimate()))));
        List<ImpactResult.EventBin> ev = r.eventStudy();
        double[] x = new double[ev.size()];
        double[] est = new double[ev.size()],
                lo = new double[ev.size()],
                hi = new double[ev.size()];
        double[] zero = new double[ev.size()],
                tr = new double[ev.size()],
                cr = new double[ev.size()];
        for (int i = 0; i < ev.size(); i++) {
            var e = ev.get(i);
            x[i] = e.bin();
            est[i] = 100 * e.effect().estimate();
            lo[i] = 100 * e.effect().lo();
            hi[i] = 100 * e.effect().hi();
            tr[i] = e.treatedRate();
            cr[i] = e.comparisonRate();
        }
        Map<String, double[]> s = new LinkedHashMap<>();
        s.put("effect (%)", est);
        s.put("95% low", lo);
        s.put("95% high", hi);
        s.put("zero", zero);
        Map<String, Boolean> dashed = Map.of("95% low", true, "95% high", true, "zero", true);
        String bins =
                cfg.binDays() + "-day bins from the patrol start (0 = first bin with patrols)";
        Charts.lines(
                dir.resolve(EVENT_STUDY),
                "Event study: treated relative to comparison, against the before period",
                bins,
                "change in calls (%)",
                x,
                s,
                false,
                false,
                dashed);
        w.figure(
                EVENT_STUDY,
                "Each bin's change in calls, treated relative to comparison, against the before"
                        + " period, with its 95% interval (as matched, calendar bins, a comparison"
                        + " cell once per use). Bins before 0 should sit near zero; those of the"
                        + " matching window (the first half of the pre-period) are not a test,"
                        + " the comparison cells were chosen on them."
                        + (risk()
                                ? " With the `risk` design bin 0 holds the first patrol days,"
                                        + " the days the planner drew the cells on their calls,"
                                        + " which the headline leaves out."
                                : ""));
        Map<String, double[]> s2 = new LinkedHashMap<>();
        s2.put("treated", tr);
        s2.put("comparison, scaled to treated's before level", cr);
        Charts.lines(
                dir.resolve(OVER_TIME),
                "Treated against comparison over time",
                bins,
                "citizen calls per cell per day",
                x,
                s2,
                false,
                false,
                Map.of("comparison, scaled to treated's before level", true));
        w.figure(
                OVER_TIME,
                "Calls per treated cell per day, and what the comparison cells predict for them"
                        + " (their rate scaled to the treated level in the before period).");
        List<ImpactResult.DoseBin> ds =
                r.doseResponse().stream().filter(d -> d.cells() > 0).toList();
        List<List<String>> rows = new ArrayList<>();
        double[] dx = new double[ds.size()];
        double[] de = new double[ds.size()], dl = new double[ds.size()], dh = new double[ds.size()];
        for (int i = 0; i < ds.size(); i++) {
            var d = ds.get(i);
            dx[i] = d.meanDose();
            de[i] = 100 * d.effect().estimate();
            dl[i] = 100 * d.effect().lo();
            dh[i] = 100 * d.effect().hi();
            rows.add(
                    List.of(
                            num(d.from())
                                    + (Double.isInfinite(d.to())
                                            ? " and more"
                                            : " to " + num(d.to())),
                            "" + d.cells(),
                            num(d.meanDose()),
                            pct(d.effect())));
        }
        if (ds.size() > 0) {
            Map<String, double[]> s3 = new LinkedHashMap<>();
            s3.put("effect (%)", de);
            s3.put("95% low", dl);
            s3.put("95% high", dh);
            s3.put("zero", new double[ds.size()]);
            Charts.lines(
                    dir.resolve(DOSE),
                    "Dose-response: effect by patrol minutes per day",
                    "mean patrol minutes per day in the bin",
                    "change in calls (%)",
                    dx,
                    s3,
                    false,
                    false,
                    dashed);
            w.figure(
                    DOSE,
                    "Effect by dose: treated cells binned by their patrol minutes per day, each"
                            + " bin against its own matched comparison cells, with 95% intervals.");
        }
        w.table(List.of("minutes per day", "cells", "mean dose", "effect [95%]"), rows);
    }

    private void method(ReportWriter w) {
        w.heading(2, "Method");
        w.para(
                "**Outcome**: citizen calls per cell (H3) and day; officer-initiated calls are"
                        + " left out because patrols create them. Only complete days count.");
        String candidates =
                (cfg.maxControlDose() == 0
                        ? "never patrolled"
                        : "at most " + num(cfg.maxControlDose()) + " patrol minutes a day");
        String where =
                cfg.method() == ImpactConfig.Method.GREEDY
                        ? " same district, greedy, without replacement."
                        : " with replacement, from the same district when it has enough within a"
                                + " caliper of "
                                + num(cfg.caliper())
                                + " standard deviations, else from the whole city within it"
                                + " (a treated cell with none is dropped).";
        if (risk()) {
            w.para(
                    "**Groups (design `risk`, eligible but not drawn)**: every patrolled cell is"
                            + " treated from its first patrol day on, whatever it got later"
                            + " (its later patrols follow its later calls, the outcome). The"
                            + " planner draws cells at random, weighted by their risk score (the"
                            + " recency-weighted count of citizen calls, half-life 14 days, the"
                            + " day's calls included), so among cells of equal risk which one it"
                            + " drew is chance. Each treated cell gets "
                            + cfg.controlsPerTreated()
                            + " comparison cells not yet patrolled on its first patrol day"
                            + " (patrolled later or never), outside every buffer, nearest in that"
                            + " day's risk (log of 1 + risk) and in level over the matching window"
                            + " (log of 1 + calls per day), each scaled by its standard"
                            + " deviation;"
                            + where
                            + " A pair's after period starts the day after the first patrol: the"
                            + " planner drew the cell on that day's calls. Leaving out cells"
                            + " patrolled later would choose the comparison on its future calls,"
                            + " so they stay, and the contrast in exposure corrects for their"
                            + " patrolled days (below). The before period is the second half of"
                            + " the pre-period, as for the other designs. The buffer is every"
                            + " never-patrolled cell within "
                            + cfg.ring()
                            + " H3 ring(s) of a patrolled cell.");
        } else {
            w.para(
                    "**Groups**: treated cells got at least "
                            + num(cfg.minDose())
                            + " patrol minutes per day on average after the start. The buffer is"
                            + " every other cell within "
                            + cfg.ring()
                            + " H3 ring(s) of a treated cell. Each treated cell gets "
                            + cfg.controlsPerTreated()
                            + " comparison cells: "
                            + candidates
                            + ", outside every buffer, nearest in level (log of 1 + calls per"
                            + " day) and trend (log ratio of the halves) over the matching window,"
                            + " the first half of the pre-period;"
                            + where
                            + " The difference-in-differences uses the second half (the before"
                            + " period): matching and scoring on the same days picks comparison"
                            + " cells that were busy by chance, whose fall back would fake an"
                            + " effect (regression to the mean).");
        }
        if (cfg.gapDays() > 0) {
            w.para(
                    "The before period leaves out the "
                            + cfg.gapDays()
                            + " calendar days before the patrol start (the planner's selection"
                            + " window).");
        }
        if (risk()) {
            w.pre(
                    "ITT    = (T_after / T_before) / (C_after / C_before) - 1\n"
                            + "  summed over pairs, each over its own after days (from the day"
                            + " after the first patrol)\n"
                            + "effect = (1 + ITT)^(1 / contrast) - 1   (Wald estimator on the log"
                            + " scale)\n"
                            + "  contrast = 1 - share of the comparison cells' after days on or"
                            + " after their own first patrol\n"
                            + "buffer = (B_after / B_before) / (C*_after / C_before) - 1,"
                            + "  C*_after = C_after / (1 + effect)^share\n"
                            + "  (the comparison over the whole post period, its patrolled days"
                            + " taken out)");
        }
        w.pre(
                "effect = (T_after / T_before) / (C_after / C_before) - 1\n"
                        + "  T, C: summed calls of treated and comparison cells over the same days\n"
                        + "  (= exp(coefficient) - 1 of a Poisson regression with cell and period"
                        + " effects)\n\n"
                        + "WDQ = (B_a / C_a - B_b / C_b) / (A_a / C_a - A_b / C_b)"
                        + "   (Bowers & Johnson 2003)\n"
                        + "  A treated, B buffer, C comparison; b before, a after\n"
                        + "  denominator < 0: the treated area improved; WDQ > 0 diffusion of"
                        + " benefits,\n"
                        + "  about 0 no displacement, -1..0 displacement smaller than the gain,"
                        + " < -1 larger");
        w.para(
                "**Interval**: percentile 95% cluster bootstrap by cell, "
                        + cfg.replicates()
                        + " replicates, seed "
                        + cfg.seed()
                        + ": treated, comparison and buffer cells are each redrawn with"
                        + " replacement, a cell with all its days; every figure (effect, buffer,"
                        + " WDQ, event study, dose bins) comes from the same replicates. The"
                        + " matching is held fixed. **Dose-response**: treated cells binned by"
                        + " minutes per day (edges "
                        + java.util.Arrays.toString(cfg.doseEdges())
                        + "), each bin against its own matched comparison cells.");
    }
}
