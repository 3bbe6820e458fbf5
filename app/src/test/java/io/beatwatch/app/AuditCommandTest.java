package io.beatwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.gateway.audit.AuditLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code beatwatch audit verify FILE} on a file the gateway's audit log wrote. */
class AuditCommandTest {

    @TempDir Path dir;

    @Test
    void verifiesAnIntactFileAndNamesTheLineWhereAnEditedOneBreaks() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        try (var log = new AuditLog(Clock.systemUTC(), file)) {
            for (int i = 0; i < 4; i++) {
                log.record("sup1", "supervisor", "alert.ack", "a-" + i, "10.0.0.1", "ok", null);
            }
        }
        assertThat(run("verify", file.toString()))
                .startsWith("0 ")
                .contains("4 entries, chain intact");

        Files.writeString(file, Files.readString(file).replace("a-1", "a-7"));
        assertThat(run("verify", file.toString()))
                .startsWith("1 ")
                .contains("chain BROKEN at line 3")
                .contains("intact up to seq 2");

        assertThat(run("verify", dir.resolve("none.jsonl").toString())).startsWith("2 ");
    }

    /** Exit code, a space, then what the command printed. */
    private static String run(String... args) {
        var out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        int code;
        try {
            System.setOut(new PrintStream(out, true));
            code = new CommandLine(new AuditCommand()).execute(args);
        } finally {
            System.setOut(stdout);
        }
        return code + " " + out;
    }
}
