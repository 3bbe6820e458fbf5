package io.beatwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class NotBuiltYetTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Every planned subcommand name. */
    static java.util.stream.Stream<String> planned() {
        return NotBuiltYet.PLANNED.keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("planned")
    void plannedSubcommandSaysNotBuiltYetAndExits2(String name) {
        var cli = new CommandLine(new PlannedOnly());
        NotBuiltYet.addMissing(cli);
        int code = run(cli, name, "--some-option", "value");

        assertThat(code).isEqualTo(NotBuiltYet.EXIT_CODE);
        assertThat(err.toString()).contains("beatwatch " + name + ": not built yet");
    }

    @Test
    void helpOfAPlaceholderDescribesItAndExits0() {
        var cli = new CommandLine(new PlannedOnly());
        NotBuiltYet.addMissing(cli);
        int code = run(cli, "backtest", "--help");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("backtest").contains("PAI").contains("Not built yet.");
    }

    @Test
    void everyPlannedSubcommandIsBuiltNow() {
        var subs = Main.commandLine().getSubcommands();
        for (String name : NotBuiltYet.PLANNED.keySet()) {
            Object command = subs.get(name).getCommand();
            assertThat(command).as(name).isNotInstanceOf(NotBuiltYet.class);
        }
    }

    @Test
    void mainHelpListsEveryPlannedSubcommand() {
        int code = run(Main.commandLine(), "--help");

        assertThat(code).isZero();
        assertThat(out.toString()).contains(NotBuiltYet.PLANNED.keySet());
    }

    @Test
    void aRealCommandReplacesItsPlaceholder() {
        CommandLine cli = new CommandLine(new PlannedOnly());
        cli.addSubcommand("demo", new RealDemo());
        NotBuiltYet.addMissing(cli);

        assertThat(run(cli, "demo")).isZero();
        assertThat(run(cli, "backtest")).isEqualTo(NotBuiltYet.EXIT_CODE);
    }

    private int run(CommandLine cli, String... args) {
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** A root command with no real subcommands: every planned one is a placeholder. */
    @Command(name = "beatwatch")
    static final class PlannedOnly implements Runnable {
        @Override
        public void run() {}
    }

    @Command(name = "demo")
    static final class RealDemo implements Runnable {
        @Override
        public void run() {}
    }
}
