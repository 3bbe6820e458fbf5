package io.beatwatch.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.gateway.internal.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    static final Instant AT = Instant.parse("2026-11-21T13:45:07.123456Z");

    @Test
    void linesAreJsonWithUtcHundredths() throws Exception {
        var line =
                AuditLog.line(
                        AT,
                        "sup1",
                        "supervisor",
                        "alert.ack",
                        "a-1",
                        "10.0.0.7",
                        AuditLog.OK,
                        null);
        var n = Json.tree(line);
        assertThat(n.path("at").asText()).isEqualTo("2026-11-21T13:45:07.12Z");
        assertThat(n.path("who").asText()).isEqualTo("sup1");
        assertThat(n.path("role").asText()).isEqualTo("supervisor");
        assertThat(n.path("action").asText()).isEqualTo("alert.ack");
        assertThat(n.path("target").asText()).isEqualTo("a-1");
        assertThat(n.path("from").asText()).isEqualTo("10.0.0.7");
        assertThat(n.path("outcome").asText()).isEqualTo("ok");
        assertThat(n.has("detail")).isFalse();
        assertThat(
                        Json.tree(
                                        AuditLog.line(
                                                AT,
                                                null,
                                                null,
                                                "ws.connect",
                                                null,
                                                null,
                                                AuditLog.DENIED,
                                                "origin"))
                                .path("who")
                                .asText())
                .isEqualTo("-");
    }

    @Test
    void appendsToTheAuditFile(@TempDir Path dir) throws Exception {
        var file = dir.resolve("audit/audit.jsonl");
        try (var log = new AuditLog(Clock.fixed(AT, ZoneOffset.UTC), file)) {
            log.record("sup1", "supervisor", "tip.read", "t-1", "10.0.0.7", AuditLog.OK, null);
            log.record(
                    "disp-north",
                    "dispatcher",
                    "tip.read",
                    "t-1",
                    "10.0.0.8",
                    AuditLog.DENIED,
                    "role");
        }
        var lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains("\"outcome\":\"denied\"");
    }
}
