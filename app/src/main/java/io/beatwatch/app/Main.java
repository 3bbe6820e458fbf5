package io.beatwatch.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code beatwatch} command: parses arguments and hands over to one subcommand. */
@Command(
        name = "beatwatch",
        mixinStandardHelpOptions = true,
        version = "beatwatch 0.1.0",
        description = "Real-time hotspot monitoring for police dispatch centres.",
        subcommands = {
            CommandLine.HelpCommand.class,
            InspectCommand.class,
            io.beatwatch.jobs.cli.ReplayCommand.class,
            io.beatwatch.jobs.cli.JobCommand.class,
            io.beatwatch.app.demo.DemoCommand.class,
            GatewayCommand.class,
            io.beatwatch.jobs.backtest.BacktestCommand.class,
            io.beatwatch.jobs.backtest.EmergenceCommand.class
        })
public final class Main implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The full command tree: real subcommands plus placeholders for those not built yet. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        NotBuiltYet.addMissing(cli);
        return cli;
    }
}
