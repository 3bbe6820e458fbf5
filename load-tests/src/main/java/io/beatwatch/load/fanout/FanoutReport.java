package io.beatwatch.load.fanout;

import java.util.List;

/**
 * {@code report.md} of the fan-out harness: the figures, the hard cases, the verdicts, the command.
 */
final class FanoutReport {

    private FanoutReport() {}

    static String markdown(FanoutResult r, String command, long openFiles, List<String> timeline) {
        var b = new StringBuilder();
        b.append("# WebSocket fan-out (one gateway, ")
                .append(r.consolesConnected())
                .append(" consoles)\n\n");
        b.append("Written by `io.beatwatch.load.fanout.FanoutHarness` (load-tests/README.md). ")
                .append("Every figure below is from this run, produced by:\n\n");
        b.append("```\n").append(command).append("\n```\n\n");
        b.append("Machine: ")
                .append(r.cores())
                .append(" cores, open-files limit ")
                .append(openFiles)
                .append(" per process, load average ")
                .append(r.loadAverageStart())
                .append(" at start, ")
                .append(r.loadAverageEnd())
                .append(" at end. The gateway, the console JVM, Redis, the Kafka broker and the")
                .append(" publisher share these cores.\n\n");

        b.append("## Target\n\n");
        b.append(
                        "ARCHITECTURE section 8: one gateway, 2 cores, 10,000 consoles, alert push p99 <= ")
                .append(Math.round(r.targetP99Ms()))
                .append(" ms. This run: ")
                .append(r.consolesConnected())
                .append(" consoles, push p99 ")
                .append(v(r.pushP99Ms()))
                .append(" ms: **")
                .append(r.targetMet() ? "met" : "missed")
                .append("**")
                .append(
                        r.consoles() < FanoutHarness.TARGET_CONSOLES
                                ? " (fewer consoles than the target: not a measure of it)"
                                : "")
                .append(".\n\n");

        b.append("## Healthy phase (")
                .append(r.phaseSeconds())
                .append(" s, every console reading)\n\n");
        b.append("Push latency: the alert's `emittedAt`, set by the publisher just before its")
                .append(
                        " append to `beatwatch:alerts` (the job's own Redis write), to the console's")
                .append(" receipt of the frame, every live delivery of the phase. ")
                .append(r.alertsPerSec())
                .append(" alert events/s and ")
                .append(r.cellsPerSec())
                .append(" cell views/s (3 windows each) published.\n\n");
        b.append("| figure | value |\n|---|---:|\n");
        row(b, "consoles connected", String.valueOf(r.consolesConnected()));
        row(b, "seconds to connect them all", String.valueOf(r.connectSeconds()));
        row(b, "push deliveries measured", String.valueOf(r.pushDeliveries()));
        row(b, "push p50 ms", v(r.pushP50Ms()));
        row(b, "push p99 ms", v(r.pushP99Ms()));
        row(b, "push p99.9 ms", v(r.pushP999Ms()));
        row(b, "push max ms", v(r.pushMaxMs()));
        row(b, "gateway live heap before consoles, MB", String.valueOf(r.heapMbIdle()));
        row(b, "gateway live heap with every console, MB", String.valueOf(r.heapMbConnected()));
        row(b, "gateway heap per 1,000 consoles, MB", v(r.heapMbPer1000()));
        row(b, "gateway CPU, % of one core", v(r.gatewayCpuPercent()));
        row(
                b,
                "alerts / cells published (whole run)",
                r.alertsPublished() + " / " + r.cellsPublished());
        row(b, "publish failures", String.valueOf(r.publishFailures()));
        row(b, "publisher's worst lateness, ms", String.valueOf(r.publisherMaxLagMs()));

        var s = r.slowConsoles();
        b.append("\n## Slow consoles (1 in ")
                .append(s.every())
                .append(": ")
                .append(s.count())
                .append(" consoles stop reading for ")
                .append(r.phaseSeconds())
                .append(" s)\n\n");
        b.append("Each slow console has a 4 KB receive buffer (a slow link) and pauses its socket;")
                .append(" the gateway's outbox for it fills, cell updates are coalesced, and it is")
                .append(" closed with 4008 once its outbox passes `limits.maxQueuedMessages` or it")
                .append(" stays blocked past `limits.drainTimeout`. Afterwards it reads again and")
                .append(" resumes from its last id.\n\n");
        b.append("| figure | value |\n|---|---:|\n");
        row(b, "slow consoles closed with 4008", s.closedSlow() + " of " + s.count());
        row(b, "gateway `ws.closed{reason=overflow}` in the phase", n(s.gatewayClosedOverflow()));
        row(b, "gateway `ws.closed{reason=stalled}` in the phase", n(s.gatewayClosedStalled()));
        row(b, "gateway `cells.coalesced` in the phase", n(s.cellsCoalesced()));
        row(
                b,
                "other consoles, push p50 / p99 ms, healthy phase",
                v(s.healthyP50MsWithout()) + " / " + v(s.healthyP99MsWithout()));
        row(
                b,
                "other consoles, push p50 / p99 ms, slow phase",
                v(s.healthyP50MsWith()) + " / " + v(s.healthyP99MsWith()));
        row(
                b,
                "slow consoles: events lost / duplicated over the run",
                s.lost() + " / " + s.duplicates());

        var st = r.reconnectStorm();
        b.append("\n## Reconnect storm\n\n");
        b.append("Every console drops its socket at once and reconnects (new ticket, resume with")
                .append(" its last stream id) after a random delay up to ")
                .append(st.spreadS())
                .append(" s; publishing goes on. Lost / duplicated: alert events published from")
                .append(
                        " the drop to the end of the settle, by event id, per entitled console.\n\n");
        b.append("| figure | value |\n|---|---:|\n");
        row(b, "consoles reconnected", String.valueOf(st.reconnected()));
        row(
                b,
                "all reconnected within, s (target 30)",
                v(st.seconds()) + verdict(st.seconds(), 30));
        row(b, "deliveries owed", String.valueOf(st.owed()));
        row(b, "lost", String.valueOf(st.lost()));
        row(b, "duplicated", String.valueOf(st.duplicates()));

        var g = r.gatewayRestart();
        b.append("\n## Gateway restart\n\n");
        b.append("kill -9 of the gateway process mid-run, started again at once on its port (a")
                .append(" fresh JVM); the consoles reconnect and resume. Publishing goes on; what")
                .append(" was appended while it was down reaches them by replay.\n\n");
        b.append("| figure | value |\n|---|---:|\n");
        row(b, "consoles reconnected", String.valueOf(g.reconnected()));
        row(b, "recovered (kill to the last console's reconnect), s", v(g.recoveredS()));
        row(b, "deliveries owed", String.valueOf(g.owed()));
        row(b, "lost", String.valueOf(g.lost()));
        row(b, "duplicated", String.valueOf(g.duplicates()));

        var t = r.totals();
        b.append("\n## Whole run\n\n");
        b.append("| figure | value |\n|---|---:|\n");
        row(b, "deliveries owed", String.valueOf(t.owed()));
        row(b, "lost", String.valueOf(t.lost()));
        row(b, "duplicated", String.valueOf(t.duplicates()));
        row(b, "resync snapshots", String.valueOf(t.resyncs()));
        row(b, "unreadable frames", String.valueOf(t.unreadable()));
        row(b, "close codes seen by consoles", String.valueOf(t.closeCodes()));

        b.append("\n## Timeline\n\n```\n");
        timeline.forEach(l -> b.append(l).append('\n'));
        b.append("```\n\n`push-cdf.png`: push latency CDF, every console in the healthy phase vs")
                .append(" the other consoles while the slow ones stall.\n");
        return b.toString();
    }

    private static String verdict(Double value, double target) {
        if (value == null) return " (**missed**: not every console came back)";
        return value <= target ? " (**met**)" : " (**missed**)";
    }

    private static void row(StringBuilder b, String name, String value) {
        b.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    private static String n(double d) {
        return String.valueOf(Math.round(d));
    }

    static String v(Double d) {
        return d == null ? "n/a" : String.valueOf(d);
    }
}
