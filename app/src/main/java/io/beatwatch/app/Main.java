package io.beatwatch.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code beatwatch} command: parses arguments and hands over to one subcommand. */
@Command(
        name = "beatwatch",
        mixinStandardHelpOptions = true,
        version = "beatwatch 0.1.0",
        description = "Real-time hotspot monitoring for police dispatch centres.",
        subcommands = {CommandLine.HelpCommand.class, InspectCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
