package io.beatwatch.load.fanout;

import io.beatwatch.load.GatewayProcess;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What the gateway process costs: its CPU time (the OS's account of the process) and its live heap
 * after a full collection ({@code jcmd GC.run}, then the heap in use on its {@code /metrics}), and
 * its own counters read from {@code /metrics}.
 */
final class GatewayProbe {

    private final GatewayProcess gateway;

    GatewayProbe(GatewayProcess gateway) {
        this.gateway = gateway;
    }

    /** CPU time of the process so far, in ms (user + system, all threads). */
    long cpuMillis() {
        return ProcessHandle.of(gateway.pid())
                .flatMap(p -> p.info().totalCpuDuration())
                .map(Duration::toMillis)
                .orElse(-1L);
    }

    /** Heap in use after a full GC, in MB. */
    double liveHeapMb() throws IOException, InterruptedException {
        var jcmd =
                new ProcessBuilder(
                                java.nio.file.Path.of(
                                                System.getProperty("java.home"), "bin", "jcmd")
                                        .toString(),
                                Long.toString(gateway.pid()),
                                "GC.run")
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
        if (!jcmd.waitFor(60, TimeUnit.SECONDS)) jcmd.destroyForcibly();
        return sum(gateway.metrics(), "jvm_memory_used_bytes{area=\"heap\"") / (1024.0 * 1024);
    }

    /** The gateway's counter or gauge: the sum of every series whose line starts so. */
    double metric(String seriesPrefix) throws IOException, InterruptedException {
        return sum(gateway.metrics(), seriesPrefix);
    }

    /** Sums the values of the Prometheus lines starting with {@code prefix}. */
    static double sum(String prometheusText, String prefix) {
        double total = 0;
        for (String line : prometheusText.split("\n")) {
            if (!line.startsWith(prefix)) continue;
            int space = line.lastIndexOf(' ');
            try {
                total += Double.parseDouble(line.substring(space + 1));
            } catch (NumberFormatException ignored) {
                // not a sample line
            }
        }
        return total;
    }
}
