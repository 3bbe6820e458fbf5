package io.beatwatch.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatwatch.core.docs.ReportSection;
import io.beatwatch.core.json.Json;
import io.beatwatch.load.fuzz.CsvTarget;
import io.beatwatch.load.fuzz.DecoderTarget;
import io.beatwatch.load.fuzz.FuzzTarget;
import io.beatwatch.load.fuzz.ProfileTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * On-demand fuzzing of the untrusted-input code in core: the JSON decoder, the CSV adapter and the
 * city-profile loader, each fed mutations of real-looking records. Counts inputs, accepted,
 * rejected, crashes (an exception the code does not document, or a reject without a reason; the
 * first few inputs saved) and hangs (an input over the per-input timeout, found by a watchdog), and
 * the peak heap; writes {@code docs/reliability/fuzz.json} and its section of {@code report.md}.
 */
@Command(
        name = "fuzz",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Fuzz the decoder, the CSV row mapper and the profile loader.")
public final class FuzzHarness implements Callable<Integer> {

    @Option(
            names = "--inputs",
            defaultValue = "1100000",
            description = "Inputs in all (default 1100000).")
    long inputs;

    @Option(names = "--seed", defaultValue = "13", description = "Seed (default 13).")
    long seed;

    @Option(
            names = "--max-seconds",
            defaultValue = "900",
            description = "Time bound of the whole run (default 900).")
    long maxSeconds;

    @Option(
            names = "--timeout-ms",
            defaultValue = "2000",
            description = "Per-input timeout: a hang (default 2000).")
    long timeoutMs;

    @Option(
            names = "--keep",
            defaultValue = "5",
            description = "Crash inputs saved per target (default 5).")
    int keep;

    @Option(
            names = "--out",
            defaultValue = "docs/reliability",
            description = "Where fuzz.json and report.md go.")
    Path out;

    @Option(
            names = "--crashes",
            defaultValue = "load-tests/reports/fuzz",
            description = "Where crash inputs go.")
    Path crashDir;

    /** Share of the inputs and of the time of each target, in order. */
    static final double[] INPUT_SHARE = {0.85, 0.12, 0.03};

    static final double[] TIME_SHARE = {0.45, 0.25, 0.30};

    public static void main(String[] args) {
        System.exit(new CommandLine(new FuzzHarness()).execute(args));
    }

    /** Counters of one target. */
    static final class Tally {
        final String name;
        long inputs;
        long accepted;
        long rejected;
        long crashes;
        long hangs;
        double seconds;
        final List<String> firstCrashes = new ArrayList<>();

        Tally(String name) {
            this.name = name;
        }
    }

    /** What the worker is doing now, read by the watchdog. */
    private static final class Progress {
        volatile long startedNanos; // 0 when idle
        volatile Object current;
        volatile long index;
        volatile boolean finished;
    }

    @Override
    public Integer call() throws Exception {
        List<FuzzTarget> targets =
                List.of(new DecoderTarget(), new CsvTarget(), new ProfileTarget());
        Files.createDirectories(crashDir);
        long t0 = System.nanoTime();
        long peakHeap = 0;
        var tallies = new ArrayList<Tally>();
        for (int k = 0; k < targets.size(); k++) {
            FuzzTarget target = targets.get(k);
            var tally = new Tally(target.name());
            tallies.add(tally);
            long quota = Math.round(inputs * INPUT_SHARE[k]);
            long deadline = System.nanoTime() + (long) (maxSeconds * TIME_SHARE[k] * 1e9);
            long start = System.nanoTime();
            long next = 0;
            while (next < quota && System.nanoTime() < deadline) {
                var progress = new Progress();
                long from = next;
                long base = seed * 0x9E3779B97F4A7C15L + k * 0x632BE59BD9B4E019L;
                Thread worker =
                        new Thread(
                                () -> work(target, tally, progress, base, from, quota, deadline),
                                "fuzz-" + target.name());
                worker.setDaemon(true);
                worker.start();
                // the watchdog: heap samples, and a hang when one input runs past the timeout
                while (!progress.finished) {
                    Thread.sleep(20);
                    peakHeap = Math.max(peakHeap, usedHeap());
                    long s = progress.startedNanos;
                    if (s != 0 && System.nanoTime() - s > timeoutMs * 1_000_000L) {
                        synchronized (tally) {
                            tally.hangs++;
                            tally.inputs++;
                            save(target, tally, "hang", progress.current, null);
                        }
                        // abandon the stuck worker (it is a daemon) and go on after its input
                        worker.interrupt();
                        break;
                    }
                }
                next = progress.finished ? quota : progress.index + 1;
                if (progress.finished) break;
            }
            tally.seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    "%-8s inputs %,d accepted %,d rejected %,d crashes %d hangs %d in %.1f s%n",
                    tally.name,
                    tally.inputs,
                    tally.accepted,
                    tally.rejected,
                    tally.crashes,
                    tally.hangs,
                    tally.seconds);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        peakHeap = Math.max(peakHeap, peakHeapPools());
        write(tallies, seconds, peakHeap);
        long crashes = tallies.stream().mapToLong(t -> t.crashes).sum();
        long hangs = tallies.stream().mapToLong(t -> t.hangs).sum();
        return crashes == 0 && hangs == 0 ? 0 : 1;
    }

    private void work(
            FuzzTarget target,
            Tally tally,
            Progress progress,
            long base,
            long from,
            long quota,
            long deadline) {
        try {
            for (long i = from; i < quota; i++) {
                if ((i & 255) == 0 && System.nanoTime() > deadline) break;
                Object input = target.generate(new SplittableRandom(base + i));
                progress.current = input;
                progress.index = i;
                progress.startedNanos = System.nanoTime();
                Throwable crash = null;
                boolean ok = false;
                boolean rejected = false;
                try {
                    ok = target.run(input);
                    rejected = !ok;
                } catch (Throwable t) {
                    if (target.documented(t)) rejected = true;
                    else crash = t;
                }
                progress.startedNanos = 0;
                if (Thread.currentThread().isInterrupted()) return; // abandoned by the watchdog
                synchronized (tally) {
                    tally.inputs++;
                    if (crash != null) {
                        tally.crashes++;
                        save(target, tally, "crash", input, crash);
                    } else if (ok) {
                        tally.accepted++;
                    } else if (rejected) {
                        tally.rejected++;
                    }
                }
            }
        } finally {
            if (!Thread.currentThread().isInterrupted()) progress.finished = true;
        }
    }

    private void save(FuzzTarget target, Tally tally, String kind, Object input, Throwable t) {
        if (tally.firstCrashes.size() >= keep) return;
        String name = target.name() + "-" + kind + "-" + (tally.firstCrashes.size() + 1) + ".txt";
        var sb = new StringBuilder();
        if (t != null) {
            var sw = new StringWriter();
            t.printStackTrace(new PrintWriter(sw));
            String trace = sw.toString();
            sb.append("# ").append(trace.replace("\n", "\n# ")).append('\n');
        }
        sb.append(target.describe(input));
        try {
            Files.writeString(crashDir.resolve(name), sb, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        tally.firstCrashes.add(crashDir.resolve(name).toString());
        System.out.println(
                kind
                        + " in "
                        + target.name()
                        + ": saved "
                        + crashDir.resolve(name)
                        + (t == null ? "" : " (" + t + ")"));
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** Sum of the heap pools' peaks: an upper bound of the peak heap in use. */
    private static long peakHeapPools() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private void write(List<Tally> tallies, double seconds, long peakHeap) throws IOException {
        long in = tallies.stream().mapToLong(t -> t.inputs).sum();
        long crashes = tallies.stream().mapToLong(t -> t.crashes).sum();
        long hangs = tallies.stream().mapToLong(t -> t.hangs).sum();
        long maxHeap = Runtime.getRuntime().maxMemory();
        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode fuzz = root.putObject("fuzz");
        fuzz.put("inputs", in).put("crashes", crashes).put("hangs", hangs);
        fuzz.put("seed", seed).put("seconds", Math.round(seconds * 10) / 10.0);
        fuzz.put("timeoutMs", timeoutMs);
        fuzz.put("peakHeapMb", peakHeap >> 20).put("maxHeapMb", maxHeap >> 20);
        ObjectNode per = fuzz.putObject("targets");
        for (Tally t : tallies) {
            per.putObject(t.name)
                    .put("inputs", t.inputs)
                    .put("accepted", t.accepted)
                    .put("rejected", t.rejected)
                    .put("crashes", t.crashes)
                    .put("hangs", t.hangs)
                    .put("seconds", Math.round(t.seconds * 10) / 10.0);
        }
        Files.createDirectories(out);
        Files.writeString(
                out.resolve("fuzz.json"),
                Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        writeReport(tallies, in, crashes, hangs, seconds, peakHeap, maxHeap);
        System.out.printf(
                "fuzz: inputs %,d crashes %d hangs %d in %.0f s, peak heap %d MB of %d MB%n",
                in, crashes, hangs, seconds, peakHeap >> 20, maxHeap >> 20);
    }

    /**
     * Rewrites the fuzz section of report.md, creating the report (with the auth figure) if absent.
     */
    private void writeReport(
            List<Tally> tallies,
            long in,
            long crashes,
            long hangs,
            double seconds,
            long peak,
            long max)
            throws IOException {
        var s = new StringBuilder("## Bad input, fuzzed\n\n");
        s.append(
                String.format(
                        "%,d generated inputs, **%d crashes, %d hangs**, in %.0f s on one core (seed %d,"
                                + " per-input timeout %d ms), peak heap %d MB of %d MB.%n%n",
                        in, crashes, hangs, seconds, seed, timeoutMs, peak >> 20, max >> 20));
        s.append(
                "| target | code | inputs | accepted | rejected (named reason) | crashes | hangs | s |\n");
        s.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        Map<String, String> code = new LinkedHashMap<>();
        code.put("decoder", "`Decoder.call` / `Decoder.tip` (text and bytes)");
        code.put("csv", "`Feeds.calls`: `CsvParser`, `CsvSource`, `CallMapper`");
        code.put("profile", "`CityProfiles.parse` of the bundled profiles, mutated");
        for (Tally t : tallies) {
            s.append(
                    String.format(
                            "| %s | %s | %,d | %,d | %,d | %d | %d | %.0f |%n",
                            t.name,
                            code.get(t.name),
                            t.inputs,
                            t.accepted,
                            t.rejected,
                            t.crashes,
                            t.hangs,
                            t.seconds));
        }
        s.append(
                "\nInputs are mutations of real-looking calls, tips, CSV rows and the bundled profiles:"
                        + " byte and char flips, truncation, deleted and duplicated spans (duplicated fields and"
                        + " rows), oversized strings (up to 40,000 chars), numbers of up to 5,000 digits, NaN /"
                        + " Infinity / hex floats, out-of-city and 0,0 coordinates, times decades and centuries"
                        + " away, nesting up to 20,000 deep, other encodings read as UTF-8, random bytes. A crash"
                        + " is an exception the code does not document (the decoder documents none; the CSV"
                        + " reader a header without the profile's columns and I/O errors; the profile loader"
                        + " `IllegalArgumentException`) or a reject without a reason; a hang is an input over the"
                        + " timeout. Figures: `fuzz.json`. The CI runs the short fixed-seed version: the jqwik"
                        + " properties in core (`*PropertyTest`).\n\n```\n"
                        + "mvn -B -q -DskipTests package -pl load-tests -am\n"
                        + "java -Xmx1g -cp \"load-tests/target/beatwatch-load-tests-0.1.0-SNAPSHOT.jar:load-tests/target/lib/*\" \\\n"
                        + "  io.beatwatch.load.FuzzHarness --inputs "
                        + inputs
                        + " --seed "
                        + seed
                        + "\n```\n");
        Path report = out.resolve("report.md");
        ReportSection.write(report, "fuzz", "FuzzHarness", s.toString());
    }
}
