package io.beatwatch.load.latency;

import java.util.List;
import java.util.Map;

/** {@code report.md}: the scenarios' figures, per stage, the verdict on the target, the command. */
final class LatencyReport {

    /** The target: ARCHITECTURE section 8. */
    static final int TARGET_RATE = 2500;

    static final int TARGET_CONSOLES = 1000;
    static final double TARGET_P99_MS = 150;

    private LatencyReport() {}

    static String markdown(List<ScenarioResult> results, String command, int cores) {
        var b = new StringBuilder();
        b.append("# End-to-end latency (call into Kafka to alert on a console)\n\n");
        b.append("Written by `io.beatwatch.load.latency.LatencyHarness` (load-tests/README.md).")
                .append(" Machine: ")
                .append(cores)
                .append(" cores.\n\n");
        b.append("```\n").append(command).append("\n```\n\n");

        b.append("## End to end, per rate\n\n");
        b.append("Delay from the due time of the call that caused the alert entry (its cluster's")
                .append(
                        " k-th call for `observed` = k) to the console's receipt, every delivery to")
                .append(" every entitled console.\n\n");
        b.append("| events/s | consoles | measured s | p50 ms | p99 ms | p99.9 ms | max ms |")
                .append(" deliveries expected | lost | duplicates | alert entries | clusters")
                .append(" seeded / alerted | load avg start -> end |\n");
        b.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (ScenarioResult r : results) {
            b.append("| ")
                    .append(r.eventsPerSec())
                    .append(" | ")
                    .append(r.consoles())
                    .append(" | ")
                    .append(r.durationSec())
                    .append(" | ")
                    .append(v(r.p50Ms()))
                    .append(" | ")
                    .append(v(r.p99Ms()))
                    .append(" | ")
                    .append(v(r.p999Ms()))
                    .append(" | ")
                    .append(v(r.maxMs()))
                    .append(" | ")
                    .append(r.alertsExpected())
                    .append(" | ")
                    .append(r.alertsLost())
                    .append(" | ")
                    .append(r.duplicates())
                    .append(" | ")
                    .append(r.alertEntries())
                    .append(" | ")
                    .append(r.clustersSeeded())
                    .append(" / ")
                    .append(r.clustersAlerted())
                    .append(" | ")
                    .append(r.loadAverageStart())
                    .append(" -> ")
                    .append(r.loadAverageEnd())
                    .append(" |\n");
        }

        b.append("\n## Per stage\n\n");
        b.append("`kafkaToJob`: due time to the detector's `emittedAt` (producer, broker, Flink")
                .append(
                        " source, decode, the network hop to the detector, the detector), per alert")
                .append(" entry. `jobToRedis`: `emittedAt` to the stream append (the id's time),")
                .append(" per entry. `redisToGatewayWrite`: the gateway's own timer, append to the")
                .append(" socket write (bucket upper bounds, no max). `redisToConsole`: append to")
                .append(" the console's receipt, per delivery (includes `redisToGatewayWrite`).")
                .append(" `sendLag`: how late the generator sent against the due times (already")
                .append(" inside `kafkaToJob`).\n\n");
        b.append("| events/s | stage | count | p50 ms | p99 ms | p99.9 ms | max ms |\n");
        b.append("|---:|---|---:|---:|---:|---:|---:|\n");
        for (ScenarioResult r : results) {
            row(b, r.eventsPerSec(), "sendLag", r.sendLag());
            for (Map.Entry<String, StageFigures> e : r.stages().entrySet()) {
                row(b, r.eventsPerSec(), e.getKey(), e.getValue());
            }
            row(b, r.eventsPerSec(), "cell updates (call to map frame)", r.cellUpdates());
        }

        b.append("\n## Sanity\n\n");
        b.append("| events/s | calls sent | send failures | entries not caused by a seeded call |")
                .append(" console reconnects (close codes) | resync snapshots | sign-in retries |")
                .append(" job buffer timeout ms | alert before measuring | calls not yet decoded")
                .append(" at the end |\n");
        b.append("|---:|---:|---:|---:|---|---:|---:|---:|---|---:|\n");
        for (ScenarioResult r : results) {
            b.append("| ")
                    .append(r.eventsPerSec())
                    .append(" | ")
                    .append(r.callsSent())
                    .append(" | ")
                    .append(r.sendFailures())
                    .append(" | ")
                    .append(r.unattributedEntries())
                    .append(" | ")
                    .append(r.reconnects())
                    .append(" ")
                    .append(r.closeCodes())
                    .append(" | ")
                    .append(r.resyncs())
                    .append(" |\n");
        }

        b.append("\n## Target\n\n");
        b.append(verdict(results)).append("\n");
        return b.toString();
    }

    /** Met or missed, with the stage holding it; nothing rounded into a pass. */
    static String verdict(List<ScenarioResult> results) {
        ScenarioResult at =
                results.stream()
                        .filter(
                                r ->
                                        r.eventsPerSec() == TARGET_RATE
                                                && r.consoles() >= TARGET_CONSOLES)
                        .findFirst()
                        .orElse(null);
        if (at == null) {
            return "No scenario at "
                    + TARGET_RATE
                    + " events/s with "
                    + TARGET_CONSOLES
                    + " consoles in this run: the target (p99 <= 150 ms, nothing lost) was not"
                    + " measured.";
        }
        boolean latency = at.p99Ms() != null && at.p99Ms() <= TARGET_P99_MS;
        boolean lossless = at.alertsLost() == 0 && at.alertsExpected() > 0;
        String stage = dominantStage(at);
        String s =
                "At "
                        + at.eventsPerSec()
                        + " events/s with "
                        + at.consoles()
                        + " consoles: p99 "
                        + v(at.p99Ms())
                        + " ms (target <= 150: "
                        + (latency ? "**met**" : "**missed**")
                        + "), "
                        + at.alertsLost()
                        + " of "
                        + at.alertsExpected()
                        + " deliveries lost ("
                        + (lossless ? "**met**" : "**missed**")
                        + "), "
                        + at.duplicates()
                        + " duplicates. The largest stage p99 is `"
                        + stage
                        + "`.";
        return s;
    }

    /** The stage with the largest p99 (redisToGatewayWrite is part of redisToConsole). */
    static String dominantStage(ScenarioResult r) {
        String best = "n/a";
        double max = -1;
        for (String k :
                List.of(
                        ScenarioResult.KAFKA_TO_JOB,
                        ScenarioResult.JOB_TO_REDIS,
                        ScenarioResult.REDIS_TO_CONSOLE)) {
            StageFigures f = r.stages().get(k);
            if (f != null && f.p99Ms() != null && f.p99Ms() > max) {
                max = f.p99Ms();
                best = k + "` (p99 " + v(f.p99Ms()) + " ms";
            }
        }
        return best.equals("n/a") ? best : best + ")";
    }

    private static void row(StringBuilder b, int rate, String stage, StageFigures f) {
        b.append("| ")
                .append(rate)
                .append(" | ")
                .append(stage)
                .append(" | ")
                .append(f.count())
                .append(" | ")
                .append(v(f.p50Ms()))
                .append(" | ")
                .append(v(f.p99Ms()))
                .append(" | ")
                .append(v(f.p999Ms()))
                .append(" | ")
                .append(v(f.maxMs()))
                .append(" |\n");
    }

    static String v(Double d) {
        return d == null ? "n/a" : String.valueOf(d);
    }
}
