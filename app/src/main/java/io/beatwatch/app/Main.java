package io.beatwatch.app;

import io.beatwatch.core.profile.CityProfiles;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code beatwatch} command: parses arguments and hands over to one subcommand. */
@Command(
        name = "beatwatch",
        mixinStandardHelpOptions = true,
        version = "beatwatch 0.1.0",
        description = "Real-time hotspot monitoring for police dispatch centres.",
        subcommands = {
            CommandLine.HelpCommand.class,
            InspectCommand.class,
            ProfileCommand.class,
            io.beatwatch.jobs.cli.ReplayCommand.class,
            io.beatwatch.jobs.cli.JobCommand.class,
            io.beatwatch.app.demo.DemoCommand.class,
            io.beatwatch.app.cluster.ClusterCommand.class,
            GatewayCommand.class,
            HandoverCommand.class,
            AuditCommand.class,
            io.beatwatch.jobs.backtest.BacktestCommand.class,
            io.beatwatch.jobs.backtest.EmergenceCommand.class,
            io.beatwatch.jobs.impact.ImpactCommand.class
        })
public final class Main implements Runnable {

    /** System property read by config/log4j2.xml: the level of Flink, Kafka and friends. */
    static final String THIRD_PARTY_LEVEL_PROPERTY = "beatwatch.log.thirdParty";

    /** The level of third-party logs with {@code --verbose} (default: ERROR, see log4j2.xml). */
    static final String VERBOSE_THIRD_PARTY_LEVEL = "WARN";

    static final String VERBOSE = "--verbose";

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--profiles",
            paramLabel = "DIR",
            scope = ScopeType.INHERIT,
            description =
                    "Folder (or file) of city profiles searched first for --profile NAME; several"
                            + " separated by ':'. Also: BEATWATCH_PROFILES=DIR. Then config/cities/.")
    void setProfiles(String folders) {
        System.setProperty(CityProfiles.PROFILES_PROPERTY, folders);
    }

    @Option(
            names = VERBOSE,
            scope = ScopeType.INHERIT,
            description =
                    "Also show Flink, Kafka and other libraries' warnings (hidden by default).")
    void setVerbose(boolean verbose) {
        // Read before logging starts, in main(); declared here so that every command accepts it.
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        applyVerbosity(args);
        System.exit(commandLine().execute(args));
    }

    /**
     * With {@code --verbose}, lets third-party warnings through. Log4j reads its levels once, when
     * the first logger is made, so this runs before any command class is loaded.
     */
    static void applyVerbosity(String[] args) {
        if (Arrays.asList(args).contains(VERBOSE)) {
            System.setProperty(THIRD_PARTY_LEVEL_PROPERTY, VERBOSE_THIRD_PARTY_LEVEL);
        }
    }

    /** The full command tree: real subcommands plus placeholders for those not built yet. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        NotBuiltYet.addMissing(cli);
        return cli;
    }
}
