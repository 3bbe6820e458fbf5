package io.beatwatch.app;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Stand-in for a planned subcommand that has not landed yet: it says so plainly and exits 2. Once a
 * real command with the same name is registered in {@link Main}, its placeholder disappears.
 */
@Command(mixinStandardHelpOptions = true)
public final class NotBuiltYet implements Callable<Integer> {

    /** Exit code of every placeholder. */
    public static final int EXIT_CODE = 2;

    /** Planned subcommands and what each will do, in the order {@code help} lists them. */
    static final Map<String, String> PLANNED = planned();

    @CommandLine.Spec CommandSpec spec;

    // Accept whatever a user passes, so the answer is "not built yet" rather than a usage error.
    @CommandLine.Unmatched List<String> ignored;

    @Override
    public Integer call() {
        spec.commandLine()
                .getErr()
                .println(
                        "beatwatch "
                                + spec.name()
                                + ": not built yet (see README.md, Known limitations).");
        return EXIT_CODE;
    }

    /** Registers a placeholder for every planned subcommand that {@code main} does not have. */
    public static void addMissing(CommandLine main) {
        PLANNED.forEach(
                (name, purpose) -> {
                    if (!main.getSubcommands().containsKey(name)) {
                        CommandLine placeholder = new CommandLine(new NotBuiltYet());
                        placeholder
                                .getCommandSpec()
                                .usageMessage()
                                .description(purpose, "Not built yet.");
                        main.addSubcommand(name, placeholder);
                    }
                });
    }

    private static Map<String, String> planned() {
        Map<String, String> planned = new LinkedHashMap<>();
        planned.put(
                "demo",
                "Run everything in one JVM (Kafka, Redis, Flink, gateway) on a replayed city and"
                        + " serve the console on http://localhost:8080.");
        planned.put("replay", "Replay a recorded city stream through the hotspot job.");
        planned.put(
                "backtest",
                "Score detection on historical data (PAI, PEI, hit rate) against baselines.");
        planned.put(
                "emergence",
                "Inject synthetic clusters into real background calls and measure time to detect.");
        planned.put("job", "Run the Flink HotspotJob against Kafka and Redis.");
        planned.put("gateway", "Run the HTTP and WebSocket gateway.");
        return Collections.unmodifiableMap(planned);
    }
}
