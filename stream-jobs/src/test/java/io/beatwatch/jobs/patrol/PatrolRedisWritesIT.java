package io.beatwatch.jobs.patrol;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.json.Json;
import io.beatwatch.core.model.LatLon;
import io.beatwatch.core.model.PatrolSuggestion;
import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.jobs.redis.RedisWrite;
import io.beatwatch.jobs.redis.ViewWrites;
import io.beatwatch.testkit.RedisServerExtension;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The patrol stage's Redis writes against a real Redis server: absolute, idempotent, expiring. */
@ExtendWith(RedisServerExtension.class)
class PatrolRedisWritesIT {

    static final Instant T0 = Instant.parse("2026-03-02T12:00:00Z");

    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> sync;
    private RedisAsyncCommands<String, String> async;

    @BeforeEach
    void connect(io.beatwatch.testkit.RedisServer server) {
        client = RedisClient.create(server.uri());
        connection = client.connect();
        sync = connection.sync();
        async = connection.async();
        sync.flushall();
    }

    @AfterEach
    void disconnect() {
        connection.close();
        client.shutdown();
    }

    <T> void write(RedisWrite<T> w, T value) throws Exception {
        for (var f : w.write(value, async)) f.get(10, TimeUnit.SECONDS);
    }

    static PatrolSuggestion suggestion(String id, String cell) {
        return new PatrolSuggestion(
                1,
                id,
                "NORTH",
                cell,
                "6120",
                new LatLon(29.4, -98.5),
                "Forecast risk: ...",
                null,
                15,
                T0,
                T0.plusSeconds(900));
    }

    static DistrictBoard board(PatrolSuggestion... s) {
        var b = new DistrictBoard();
        b.district = "NORTH";
        b.time = T0.toEpochMilli();
        b.ids = new String[s.length];
        b.json = new String[s.length];
        for (int i = 0; i < s.length; i++) {
            b.ids[i] = s[i].suggestionId();
            b.json[i] = Json.encode(s[i]);
        }
        return b;
    }

    @Test
    void aSuggestionIsAppendedToTheStreamOnceAndReadableById() throws Exception {
        var s = suggestion("p-a-1", "a");
        var w = ViewWrites.suggestions(RedisKeys.SUGGESTION_STREAM_MAX_LEN);

        write(w, s);
        write(w, s); // a re-send after a reconnect or a restart from a checkpoint

        var entries = sync.xrange(RedisKeys.SUGGESTION_STREAM, Range.create("-", "+"));
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).getBody())
                .containsEntry(RedisKeys.STREAM_FIELD_EVENT_ID, "p-a-1");
        assertThat(
                        Json.decodeSuggestion(
                                entries.get(0).getBody().get(RedisKeys.STREAM_FIELD_SUGGESTION)))
                .isEqualTo(s);
        assertThat(Json.decodeSuggestion(sync.get(RedisKeys.suggestion("p-a-1")))).isEqualTo(s);
        assertThat(sync.ttl(RedisKeys.suggestion("p-a-1")))
                .isPositive()
                .isLessThanOrEqualTo(RedisKeys.SUGGESTION_TTL.toSeconds());
    }

    @Test
    void aBoardReplacesTheDistrictsHashAndAnEmptyBoardDeletesIt() throws Exception {
        var a = suggestion("p-a-1", "a");
        var b = suggestion("p-b-1", "b");
        var c = suggestion("p-c-2", "c");

        write(ViewWrites.suggestionBoards(), board(a, b));
        write(ViewWrites.suggestionBoards(), board(b, c));

        assertThat(sync.hkeys(RedisKeys.suggestions("NORTH")))
                .containsExactlyInAnyOrder("p-b-1", "p-c-2");
        assertThat(sync.ttl(RedisKeys.suggestions("NORTH"))).isPositive();
        assertThat(sync.smembers(RedisKeys.DISTRICTS)).contains("NORTH");

        write(ViewWrites.suggestionBoards(), board());
        assertThat(sync.exists(RedisKeys.suggestions("NORTH"))).isZero();
    }

    @Test
    void dosageIsWrittenAsAbsoluteMinutesWithTheDaysSummary() throws Exception {
        var d = new DosageUpdate();
        d.district = "NORTH";
        d.date = "2026-03-02";
        d.cells = new String[] {"a", "b"};
        d.minutes = new int[] {30, 15};
        d.totalMinutes = 45;
        d.visits = 3;
        d.fromAlerts = 1;
        d.doneMinutes = 15;
        d.declined = 1;

        write(ViewWrites.dosage(), d);
        d.cells = new String[] {"a"};
        d.minutes = new int[] {30};
        d.totalMinutes = 30;
        write(ViewWrites.dosage(), d);
        write(ViewWrites.dosage(), d);

        assertThat(sync.hgetall(RedisKeys.dosage("NORTH", "2026-03-02")))
                .containsExactly(java.util.Map.entry("a", "30"));
        var summary = Json.tree(sync.hget(RedisKeys.dosageSummary("2026-03-02"), "NORTH"));
        assertThat(summary.get("minutes").asInt()).isEqualTo(30);
        assertThat(summary.get("declined").asInt()).isEqualTo(1);
        assertThat(sync.ttl(RedisKeys.dosage("NORTH", "2026-03-02"))).isPositive();
        assertThat(sync.ttl(RedisKeys.dosageSummary("2026-03-02"))).isPositive();

        // the days index: newest last; days older than the dosage TTL before the newest drop out
        d.date = "2026-03-12";
        write(ViewWrites.dosage(), d);
        d.date = "2026-03-05";
        write(ViewWrites.dosage(), d);
        assertThat(sync.zrange(RedisKeys.DOSAGE_DAYS, 0, -1))
                .containsExactly("2026-03-05", "2026-03-12");
    }
}
