package io.beatwatch.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.gateway.internal.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditChainTest {

    static final Clock CLOCK =
            Clock.fixed(Instant.parse("2026-12-07T15:00:00.25Z"), ZoneOffset.UTC);

    @TempDir Path dir;
    Path file;

    @BeforeEach
    void fiveLinesWrittenByTwoGatewayRuns() throws Exception {
        file = dir.resolve("audit.jsonl");
        try (var log = new AuditLog(CLOCK, file)) {
            log.record("sup1", "supervisor", "login", null, "10.0.0.1", AuditLog.OK, null);
            log.record("sup1", "supervisor", "alert.ack", "a-1", "10.0.0.1", AuditLog.OK, null);
            log.record("disp-n", "dispatcher", "tip.read", "t-9", "10.0.0.2", "denied", "role");
        }
        // a restart continues the chain from the file's last line
        try (var log = new AuditLog(CLOCK, file)) {
            assertThat(log.head().seq()).isEqualTo(3);
            log.record("sup1", "supervisor", "alert.dismiss", "a-1", "10.0.0.1", "ok", null);
            log.record("ops1", "ops", "metrics", null, "10.0.0.3", "ok", null);
            assertThat(log.head().seq()).isEqualTo(5);
        }
    }

    @Test
    void anUntouchedFileVerifiesAcrossARestart() throws Exception {
        var v = AuditChain.verify(file);
        assertThat(v.intact()).isTrue();
        assertThat(v.entries()).isEqualTo(5);
        assertThat(v.head().seq()).isEqualTo(5);
        List<String> lines = Files.readAllLines(file);
        assertThat(v.head().hash()).isEqualTo(AuditChain.hash(lines.get(4)));
        assertThat(Json.tree(lines.get(0)).path("prev").asText()).isEqualTo(AuditChain.GENESIS);
        assertThat(Json.tree(lines.get(3)).path("prev").asText())
                .isEqualTo(AuditChain.hash(lines.get(2)));
    }

    @Test
    void anEditedLineBreaksTheChainAtTheNextLine() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(2, lines.get(2).replace("\"denied\"", "\"ok\""));
        Files.write(file, lines);
        var v = AuditChain.verify(file);
        assertThat(v.intact()).isFalse();
        assertThat(v.brokenAt()).isEqualTo(4);
        assertThat(v.reason()).contains("prev does not match");
    }

    @Test
    void aRemovedMovedOrInsertedLineIsFound() throws Exception {
        List<String> lines = Files.readAllLines(file);

        var removed = new ArrayList<>(lines);
        removed.remove(1);
        Files.write(file, removed);
        assertThat(AuditChain.verify(file).brokenAt()).isEqualTo(2);

        var swapped = new ArrayList<>(lines);
        swapped.set(1, lines.get(2));
        swapped.set(2, lines.get(1));
        Files.write(file, swapped);
        assertThat(AuditChain.verify(file).brokenAt()).isEqualTo(2);

        var inserted = new ArrayList<>(lines);
        inserted.add(3, lines.get(3));
        Files.write(file, inserted);
        assertThat(AuditChain.verify(file).brokenAt()).isEqualTo(5);
        assertThat(AuditChain.verify(file).reason()).contains("seq 4 after 4");
    }

    @Test
    void aCutTailLeavesAShorterChainWhoseHeadNoLongerMatches() throws Exception {
        var before = AuditChain.verify(file).head();
        List<String> lines = Files.readAllLines(file);
        Files.write(file, lines.subList(0, 3));
        var v = AuditChain.verify(file);
        assertThat(v.intact()).isTrue();
        assertThat(v.head().seq()).isEqualTo(3);
        assertThat(v.head()).isNotEqualTo(before);
    }
}
