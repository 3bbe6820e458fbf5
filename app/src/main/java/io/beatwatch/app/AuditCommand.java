package io.beatwatch.app;

import io.beatwatch.gateway.audit.AuditChain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code beatwatch audit}: the gateway's audit file ({@code verify}). */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "The gateway's audit file: 'audit verify FILE' checks its hash chain.",
        subcommands = {AuditCommand.Verify.class})
public final class AuditCommand implements Runnable {

    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code beatwatch audit verify FILE}. */
    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = {
                "Check the audit file's hash chain: every line's seq follows the one before and"
                        + " its prev is the SHA-256 of the line before (the first links to 64"
                        + " zeros). An edited, removed, inserted or moved line breaks it at the"
                        + " next line.",
                "Cutting lines off the end leaves a shorter intact chain: compare the head printed"
                        + " here with the one the gateway logged (\"chain head seq N hash H\") or"
                        + " one kept elsewhere.",
                "Exit status 0 intact, 1 broken, 2 unreadable."
            })
    static final class Verify implements Callable<Integer> {

        @Parameters(paramLabel = "FILE", description = "The audit file (gateway auditFile).")
        Path file;

        @Override
        public Integer call() throws Exception {
            if (!Files.isReadable(file)) {
                System.err.println("error: cannot read " + file);
                return 2;
            }
            var v = AuditChain.verify(file);
            if (v.intact()) {
                System.out.printf(
                        "%s: %,d entries, chain intact%n  head: seq %d hash %s%n",
                        file, v.entries(), v.head().seq(), v.head().hash());
                return 0;
            }
            System.out.printf(
                    "%s: chain BROKEN at line %,d: %s%n  intact up to seq %d hash %s%n",
                    file, v.brokenAt(), v.reason(), v.head().seq(), v.head().hash());
            return 1;
        }
    }
}
