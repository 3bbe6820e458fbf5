package io.beatwatch.load;

import io.beatwatch.core.detect.CityDetector;
import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.json.Json;
import io.beatwatch.core.model.HotspotAlert;
import io.beatwatch.core.validate.Decoder;
import io.beatwatch.core.validate.Parsed;
import io.beatwatch.core.validate.ValidationRules;
import io.beatwatch.core.validate.Validator;
import io.beatwatch.jobs.hotspot.RawRecord;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The plain loop alone, for profiling and before/after comparisons of its per-event cost: the
 * synthetic city of {@code --days} days held in memory as {@link ThroughputBench} holds it, then
 * {@link PlainLoop} for warm-up and measured rounds; prints each round's and the median events/s.
 * {@code --digest} instead prints SHA-256 digests of every decoded record and every alert, so two
 * builds can be checked to produce the same output.
 */
@Command(
        name = "loop-bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "PlainLoop (Decoder + CityDetector) alone over the synthetic city.")
public final class LoopBench implements Callable<Integer> {

    @Option(names = "--days", defaultValue = "30", description = "Synthetic days (default 30).")
    int days;

    @Option(names = "--seed", defaultValue = "42", description = "Synthetic seed (default 42).")
    long seed;

    @Option(names = "--warmup", defaultValue = "3", description = "Unmeasured rounds (default 3).")
    int warmup;

    @Option(names = "--rounds", defaultValue = "7", description = "Measured rounds (default 7).")
    int rounds;

    @Option(
            names = "--file",
            paramLabel = "FILE",
            description = "A feed file read with --profile instead of the synthetic city.")
    Path file;

    @Option(names = "--profile", description = "City profile of --file.")
    String profile;

    @Option(
            names = "--digest",
            description = "Print digests of the decoded records and the alerts, no timing.")
    boolean digest;

    public static void main(String[] args) {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "log4j2-bench.xml");
        }
        System.exit(new CommandLine(new LoopBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        BenchInput in =
                file != null
                        ? BenchInput.file(profile, file, 0, true)
                        : BenchInput.synthetic(days, seed, true);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try {
            if (digest) {
                digest(in);
                return 0;
            }
            List<Double> rates = new ArrayList<>();
            List<Double> cpuRates = new ArrayList<>();
            for (int r = 0; r < warmup + rounds; r++) {
                long t0 = System.nanoTime();
                long c0 = threads.getCurrentThreadCpuTime();
                PlainLoop.Result res =
                        PlainLoop.run(in.feed().open(), in.config(), in.districtOfCell());
                double cpu = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
                double secs = (System.nanoTime() - t0) / 1e9;
                double rate = Stats.rate(res.records(), secs);
                // on a shared machine the thread's CPU time is steadier than the wall time
                double cpuRate = Stats.rate(res.records(), cpu);
                boolean measured = r >= warmup;
                if (measured) {
                    rates.add(rate);
                    cpuRates.add(cpuRate);
                }
                System.out.printf(
                        "%s %d: %,.0f events/s wall, %,.0f per CPU second (%.3f s, %,d records,"
                                + " %,d alert events)%n",
                        measured ? "round" : "warmup",
                        measured ? r - warmup + 1 : r + 1,
                        rate,
                        cpuRate,
                        secs,
                        res.records(),
                        res.alertEvents());
            }
            System.out.printf(
                    "median %,.0f events/s wall, %,.0f per CPU second, over %d rounds, %s, load"
                            + " %s%n",
                    Stats.median(rates),
                    Stats.median(cpuRates),
                    rounds,
                    in.name(),
                    LocalCluster.loadAverage());
            return 0;
        } finally {
            in.release();
        }
    }

    /** The loop of {@link PlainLoop} with every decoded record and alert hashed. */
    private static void digest(BenchInput in) throws Exception {
        var config = in.config();
        var decoder =
                new Decoder(
                        new Validator(
                                ValidationRules.of(config.bounds()),
                                Clock.systemUTC(),
                                config.source()),
                        type -> config.officerTypes().contains(type));
        var detector =
                new CityDetector(
                        config.detection(), new H3Grid(config.h3Resolution()), in.districtOfCell());
        MessageDigest records = MessageDigest.getInstance("SHA-256");
        MessageDigest alerts = MessageDigest.getInstance("SHA-256");
        long n = 0, rejects = 0, alertCount = 0, last = Long.MIN_VALUE;
        for (Iterator<RawRecord> it = in.feed().open(); it.hasNext(); ) {
            RawRecord raw = it.next();
            n++;
            List<HotspotAlert> out;
            if (raw.kind == RawRecord.Kind.CFS) {
                var p = decoder.call(raw.payload);
                if (!p.isOk()) {
                    rejects++;
                    records.update(reject(p));
                    continue;
                }
                records.update(Json.encodeBytes(p.value()));
                last = Math.max(last, p.value().receivedAt().toEpochMilli());
                out = detector.accept(p.value());
            } else {
                var p = decoder.tip(raw.payload);
                if (!p.isOk()) {
                    rejects++;
                    records.update(reject(p));
                    continue;
                }
                records.update(Json.encodeBytes(p.value()));
                last = Math.max(last, p.value().receivedAt().toEpochMilli());
                out = detector.accept(p.value());
            }
            for (HotspotAlert a : out) alerts.update(Json.encodeBytes(a));
            alertCount += out.size();
        }
        if (last != Long.MIN_VALUE) {
            for (HotspotAlert a : detector.advanceTo(last)) {
                alerts.update(Json.encodeBytes(a));
                alertCount++;
            }
        }
        HexFormat hex = HexFormat.of();
        System.out.printf("records %,d rejects %,d alerts %,d%n", n, rejects, alertCount);
        System.out.println("records digest " + hex.formatHex(records.digest()));
        System.out.println("alerts  digest " + hex.formatHex(alerts.digest()));
    }

    private static byte[] reject(Parsed<?> p) {
        // the reject's time is the wall clock: only its reason and detail are compared
        var r = p.reject();
        return (r.reason() + " " + r.detail() + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
