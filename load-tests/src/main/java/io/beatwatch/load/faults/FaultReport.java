package io.beatwatch.load.faults;

import io.beatwatch.core.docs.ReportSection;
import io.beatwatch.load.ReliabilityFigures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the fault figures: {@code figures.json} (faults, with the fuzz and auth figures merged in
 * from {@code fuzz.json} and {@code auth.json}) and the faults section of {@code report.md}.
 */
public final class FaultReport {

    private final Path out;
    private final String command;

    public FaultReport(Path out, String command) {
        this.out = out;
        this.command = command;
    }

    public void write(
            Snapshot baseline,
            String baselineLoad,
            List<FaultResult> results,
            long records,
            String loadBefore)
            throws IOException {
        ReliabilityFigures.update(
                out,
                root -> {
                    var arr = root.putArray("faults");
                    for (FaultResult r : results) {
                        arr.addObject()
                                .put("name", r.name())
                                .put("recovered", r.recovered())
                                .put("recoverySec", r.recoverySec())
                                .put("alertsLost", r.alertsLost())
                                .put("alertsDuplicated", r.alertsDuplicated())
                                .put("viewIdentical", r.viewIdentical());
                    }
                });
        ReportSection.write(
                out.resolve("report.md"),
                "faults",
                "FaultHarness",
                section(baseline, baselineLoad, results, records, loadBefore));
    }

    private String section(
            Snapshot baseline,
            String baselineLoad,
            List<FaultResult> results,
            long records,
            String loadBefore) {
        var s = new StringBuilder("## Faults on a Flink cluster of processes\n\n");
        s.append(
                String.format(
                        "The San Antonio week of 2026-08-01 with its warm-up (%,d calls; the detector needs"
                                + " 7 days with data before it alerts) replayed into Kafka on `bin/beatwatch"
                                + " cluster`'s stack: a JobManager and two TaskManagers as separate processes"
                                + " (2 slots each, job parallelism 2), RocksDB incremental checkpoints, an"
                                + " in-process Kafka broker, redis-server with an append-only file. Once"
                                + " undisturbed (%d alert events in the log, %d in the stream, view SHA-256"
                                + " `%s`), then once per fault injected mid-stream.%n%n",
                        records,
                        baseline.log().size(),
                        baseline.stream().size(),
                        baseline.viewSha256().substring(0, 16)));
        s.append(
                "| fault | recovered | s to recover | alerts lost | alerts duplicated | view identical |"
                        + " lost log / stream | dup. log / stream | extra | load (1/5/15 min) |\n");
        s.append("|---|---|---:|---:|---:|---|---|---|---:|---|\n");
        for (FaultResult r : results) {
            s.append(
                    String.format(
                            "| %s | %s | %.1f | %d | %d | %s | %d / %d | %d / %d | %d | %s |%n",
                            r.name(),
                            r.recovered() ? "yes" : "**no**",
                            r.recoverySec(),
                            r.alertsLost(),
                            r.alertsDuplicated(),
                            r.viewIdentical() ? "yes" : "**no**",
                            r.lostFromLog(),
                            r.lostFromStream(),
                            r.duplicatedInLog(),
                            r.duplicatedInStream(),
                            r.extra(),
                            r.load()));
        }
        s.append(
                String.format(
                        "%nLoad averages: %s before the runs, %s after the undisturbed one"
                                + " (2 cores, shared with another helper's runs).%n%n",
                        loadBefore, baselineLoad));
        s.append(
                "An alert event is the alert id with its state, event time, window and observed count"
                        + " (the dedupe key of the Redis stream). *Lost*: in the undisturbed run's Kafka alert"
                        + " log (read committed) or Redis alert stream, missing from the fault run's. *Duplicated*:"
                        + " more than once in the fault run's log or stream. *View*: every Redis key, sorted, values"
                        + " in canonical order, without TTLs and stream entry ids (wall-clock), compared byte for"
                        + " byte. *Seconds to recover*: from the fault (for the outage: from Redis answering again)"
                        + " to the first checkpoint triggered after it completing, i.e. every operator and sink"
                        + " running and flushed again.\n\n");
        s.append("What happened in each run:\n\n");
        for (FaultResult r : results) {
            s.append("- **")
                    .append(r.name())
                    .append("**: ")
                    .append(String.join("; ", r.notes()))
                    .append(".\n");
        }
        s.append(
                        "\nGenerated with (after `mvn -B -q -DskipTests package -pl load-tests -am`):\n\n```\n")
                .append(command)
                .append("\n```\n");
        return s.toString();
    }
}
