package io.beatwatch.load;

import io.beatwatch.load.nexmark.NexmarkConfig;
import java.util.List;
import java.util.Optional;

/** The markdown report of a bench run: the summary, then one table of rounds per input. */
final class ThroughputReport {

    /** ARCHITECTURE section 8: the job reaches at least 2x Nexmark q5 on the same machine. */
    static final double TARGET_JOB_Q5 = 2.0;

    /** ARCHITECTURE section 8: the job reaches at least 25% of the single-thread loop. */
    static final double TARGET_JOB_LOOP = 0.25;

    /** What the run was, beyond its results. */
    record Run(
            String command,
            int parallelism,
            int warmup,
            int rounds,
            String q5Events,
            NexmarkConfig nexmark,
            String loadStart,
            String loadEnd,
            List<String> notes) {}

    private ThroughputReport() {}

    static String markdown(Run run, List<InputResult> results, String plotFile) {
        var s = new StringBuilder();
        s.append("# Throughput: HotspotJob vs Nexmark q5 vs a single-thread plain-Java loop\n\n");
        s.append(String.format("- date: %s (UTC)%n", java.time.Instant.now()));
        s.append("- command: `").append(run.command()).append("`\n");
        s.append(
                String.format(
                        "- machine: nproc %d (processors seen by the JVM), Java %s; load average"
                                + " (1/5/15 min) %s at start, %s at end%n",
                        Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.version"),
                        run.loadStart(),
                        run.loadEnd()));
        s.append(
                String.format(
                        "- Flink sides: local MiniCluster per run, parallelism %d, heap state"
                                + " backend (`%s`), no checkpoints; events/s = events in / Flink"
                                + " job runtime (submission to finish; \"wall\" adds the"
                                + " MiniCluster start)%n",
                        run.parallelism(), LocalCluster.STATE_BACKEND));
        s.append(
                "- job: HotspotJob (its public entry point: config, input, sinks), replay source"
                        + " at parallelism 1, counting discard sinks\n");
        NexmarkConfig n = run.nexmark();
        s.append(
                String.format(
                        "- q5: Nexmark q5 in Flink SQL (HOP 10 s / 2 s, bids per auction, the"
                                + " window's max) on the Table API; %d bid generators (source"
                                + " parallelism %d), event time at %,d Nexmark events/s (bids"
                                + " %d of every %d ids; persons and auctions not materialised),"
                                + " hot auction ratio %d, hot bidder ratio %d, %d in-flight"
                                + " auctions, %d active people, %d-byte bids, watermark 4 s"
                                + " behind; events = bids; %s%n",
                        n.generators(),
                        n.generators(),
                        n.eventsPerSecond(),
                        n.bidProportion(),
                        n.totalProportion(),
                        n.hotAuctionRatio(),
                        n.hotBiddersRatio(),
                        n.inFlightAuctions(),
                        n.activePeople(),
                        n.avgBidBytes(),
                        run.q5Events()));
        s.append(
                "- loop: one thread, core Decoder + CityDetector (PlainLoop); events/s = records /"
                        + " loop time\n");
        s.append(
                String.format(
                        "- rounds: %d warm-up round(s) per input (not counted), then %d, each"
                                + " running job, q5, loop in turn; figures are medians over"
                                + " rounds%n%n",
                        run.warmup(), run.rounds()));

        s.append("## Summary\n\n");
        s.append(
                "| input | history days | events | q5 bids | job events/s | q5 events/s |"
                        + " loop events/s | job/q5 | job/loop |\n");
        s.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (InputResult r : results) {
            s.append(
                    String.format(
                            "| %s | %.1f | %,d | %,d | %s | %s | %s | %s | %s |%n",
                            r.name(),
                            r.historyDays(),
                            r.events(),
                            r.q5Events(),
                            rate(r.jobMedian()),
                            rate(r.q5Median()),
                            rate(r.loopMedian()),
                            ratio(InputResult.ratio(r.jobMedian(), r.q5Median())),
                            ratio(InputResult.ratio(r.jobMedian(), r.loopMedian()))));
        }
        Optional<InputResult> at = Figures.ratioInput(results);
        s.append('\n');
        if (at.isPresent()) {
            InputResult r = at.get();
            double jq = InputResult.ratio(r.jobMedian(), r.q5Median());
            double jl = InputResult.ratio(r.jobMedian(), r.loopMedian());
            s.append(
                    String.format(
                            "**At %s%s: ratio job/q5 = %s (target >= %.0fx: %s), ratio job/loop"
                                    + " = %s (target >= %.0f%%: %s).**%n%n",
                            r.name(),
                            r.name().equals(Figures.RATIO_INPUT)
                                    ? ""
                                    : " (" + Figures.RATIO_INPUT + " not measured)",
                            ratio(jq),
                            TARGET_JOB_Q5,
                            jq >= TARGET_JOB_Q5 ? "met" : "NOT met",
                            ratio(jl),
                            TARGET_JOB_LOOP * 100,
                            jl >= TARGET_JOB_LOOP ? "met" : "NOT met"));
        } else {
            s.append("**No synthetic input has all three figures: no ratios.**\n\n");
        }
        if (plotFile != null)
            s.append("![events/s against history](").append(plotFile).append(")\n\n");
        for (String note : run.notes()) s.append("- note: ").append(note).append('\n');
        if (!run.notes().isEmpty()) s.append('\n');

        for (InputResult r : results) rounds(s, r);
        return s.toString();
    }

    private static void rounds(StringBuilder s, InputResult r) {
        s.append("## ").append(r.name()).append("\n\n");
        s.append(
                String.format(
                        "%s: %,d records, %.1f days of history; q5: %,d bids.%n%n",
                        r.description(), r.events(), r.historyDays(), r.q5Events()));
        s.append(
                "| round | job events/s | job s | job wall s | q5 events/s | q5 s | q5 wall s |"
                        + " loop events/s | loop s | load after loop |\n");
        s.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        int n = Math.max(r.job().size(), Math.max(r.q5().size(), r.loop().size()));
        for (int i = 0; i < n; i++) {
            SideRun j = i < r.job().size() ? r.job().get(i) : null;
            SideRun q = i < r.q5().size() ? r.q5().get(i) : null;
            SideRun l = i < r.loop().size() ? r.loop().get(i) : null;
            s.append(
                    String.format(
                            "| %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                            i + 1,
                            j == null ? "-" : rate(j.eventsPerSecond()),
                            secs(j == null ? Double.NaN : j.seconds()),
                            secs(j == null ? Double.NaN : j.wallSeconds()),
                            q == null ? "-" : rate(q.eventsPerSecond()),
                            secs(q == null ? Double.NaN : q.seconds()),
                            secs(q == null ? Double.NaN : q.wallSeconds()),
                            l == null ? "-" : rate(l.eventsPerSecond()),
                            secs(l == null ? Double.NaN : l.seconds()),
                            l == null ? "" : l.load()));
        }
        s.append(
                String.format(
                        "| **median** | **%s** | | | **%s** | | | **%s** | | |%n%n",
                        rate(r.jobMedian()), rate(r.q5Median()), rate(r.loopMedian())));
        s.append("Sanity (last round with a figure): ");
        s.append("job ").append(last(r.job())).append("; ");
        s.append("q5 ").append(last(r.q5())).append("; ");
        s.append("loop ").append(last(r.loop())).append(".\n\n");
        for (String note : r.notes()) s.append("- ").append(note).append('\n');
        if (!r.notes().isEmpty()) s.append('\n');
    }

    private static String last(List<SideRun> runs) {
        for (int i = runs.size() - 1; i >= 0; i--) {
            SideRun r = runs.get(i);
            if (r.ok()) return String.format("%,d events in, %s", r.eventsIn(), r.outputs());
        }
        return "no run with a figure";
    }

    static String rate(double v) {
        return Double.isNaN(v) ? "n/a" : String.format("%,.0f", v);
    }

    static String ratio(double v) {
        return Double.isNaN(v) ? "n/a" : String.format("%.3f", v);
    }

    private static String secs(double v) {
        return Double.isNaN(v) ? "" : String.format("%.2f", v);
    }
}
