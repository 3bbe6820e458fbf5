package io.beatwatch.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code beatwatch profile}: tools for city profiles ({@code init}). */
@Command(
        name = "profile",
        mixinStandardHelpOptions = true,
        description = "City profiles: 'profile init FILE' drafts one from an export.",
        subcommands = {ProfileInitCommand.class})
public final class ProfileCommand implements Runnable {

    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
