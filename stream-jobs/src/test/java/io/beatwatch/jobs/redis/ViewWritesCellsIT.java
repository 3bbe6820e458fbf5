package io.beatwatch.jobs.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.jobs.hotspot.CellView;
import io.beatwatch.testkit.RedisServerExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The cell view's Redis writes against a real Redis: the hash fields the console reads. */
@ExtendWith(RedisServerExtension.class)
class ViewWritesCellsIT {

    static final String CELL = new H3Grid(9).cellOf(29.42, -98.49);
    static final long T0 = 1_700_006_400_000L;

    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> sync;

    @BeforeEach
    void connect(io.beatwatch.testkit.RedisServer server) {
        client = RedisClient.create(server.uri());
        connection = client.connect();
        sync = connection.sync();
        sync.flushall();
    }

    @AfterEach
    void disconnect() {
        connection.close();
        client.shutdown();
    }

    void write(CellView v) throws Exception {
        for (var f : ViewWrites.cells().write(v, connection.async())) {
            f.get(10, TimeUnit.SECONDS);
        }
    }

    static CellView view(String beat, long observed) {
        var v = new CellView();
        v.cell = CELL;
        v.district = "NORTH";
        v.beat = beat;
        v.windows = new int[] {60};
        v.observed = new long[] {observed};
        v.expected = new double[] {1.5};
        v.score = new double[] {2.0};
        v.recurrenceDays = new double[] {30};
        v.eventTimeMillis = T0;
        return v;
    }

    @Test
    void theCellHashCarriesItsBeatBesideItsDistrictAndKeepsEveryOtherField() throws Exception {
        write(view("N1", 3));
        var h = sync.hgetall(RedisKeys.cell(CELL, 60));
        assertThat(h)
                .containsEntry("district", "NORTH")
                .containsEntry(RedisKeys.CELL_FIELD_BEAT, "N1")
                .containsKeys(
                        "observed",
                        "expected",
                        "score",
                        "recurrence",
                        "officerInitiated",
                        "tips",
                        "lat",
                        "lon",
                        "updatedAt");
        assertThat(sync.zrange(RedisKeys.ranked("NORTH", 60), 0, -1)).containsExactly(CELL);
    }

    @Test
    void aFeedWithoutBeatsWritesNoBeatField() throws Exception {
        write(view(null, 3));
        assertThat(sync.hgetall(RedisKeys.cell(CELL, 60)))
                .containsEntry("district", "NORTH")
                .doesNotContainKey(RedisKeys.CELL_FIELD_BEAT);
    }
}
