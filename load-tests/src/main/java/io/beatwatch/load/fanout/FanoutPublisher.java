package io.beatwatch.load.fanout;

import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.model.AlertState;
import io.beatwatch.core.model.EmergenceCategory;
import io.beatwatch.core.model.HotspotAlert;
import io.beatwatch.core.model.LatLon;
import io.beatwatch.core.model.Signal;
import io.beatwatch.core.model.TypeCount;
import io.beatwatch.core.synth.SyntheticCity;
import io.beatwatch.core.view.RedisKeys;
import io.beatwatch.jobs.hotspot.CellView;
import io.beatwatch.jobs.redis.RedisWrite;
import io.beatwatch.jobs.redis.ViewWrites;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server side of the fan-out harness: alert events and cell views written to Redis with the
 * job's own writes ({@link ViewWrites}), open loop at fixed rates, so the gateway reads them as it
 * reads the job's. Each alert's {@code emittedAt} is set just before its append: the publish time
 * the push latency is measured from.
 */
final class FanoutPublisher implements AutoCloseable {

    /** Cells per district the map updates move over. */
    static final int CELLS_PER_DISTRICT = 100;

    /** Revisions per alert (opened, then updated) before a new alert id starts. */
    static final int REVISIONS_PER_ALERT = 4;

    static final int[] WINDOWS = {30, 60, 180};

    private final double alertsPerSec;
    private final double cellsPerSec;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisWrite<HotspotAlert> alertWrite =
            ViewWrites.alerts(RedisKeys.ALERT_STREAM_MAX_LEN);
    private final RedisWrite<CellView> cellWrite = ViewWrites.cells();
    private final List<String> cells = new ArrayList<>();
    private final List<String> cellDistricts = new ArrayList<>();
    private final long[] counts;
    private final Random random;
    private final AtomicLong alertsSent = new AtomicLong();
    private final AtomicLong cellsSent = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong maxLagMicros = new AtomicLong();
    private volatile boolean stopped;
    private Thread thread;

    FanoutPublisher(String redisUri, double alertsPerSec, double cellsPerSec, long seed) {
        this.alertsPerSec = alertsPerSec;
        this.cellsPerSec = cellsPerSec;
        this.random = new Random(seed);
        this.client = RedisClient.create(redisUri);
        this.connection = client.connect();
        var city = SyntheticCity.defaults();
        LatLon centre = city.config().centre();
        var perDistrict = new java.util.HashMap<String, Integer>();
        while (cells.size() < CELLS_PER_DISTRICT * SyntheticCity.DISTRICTS.size()) {
            double lat = centre.lat() + (random.nextDouble() - 0.5) * 0.12;
            double lon = centre.lon() + (random.nextDouble() - 0.5) * 0.15;
            String district = city.districtOf(lat, lon);
            String cell = city.grid().cellOf(lat, lon);
            if (district == null
                    || cells.contains(cell)
                    || perDistrict.getOrDefault(district, 0) >= CELLS_PER_DISTRICT) {
                continue;
            }
            perDistrict.merge(district, 1, Integer::sum);
            cells.add(cell);
            cellDistricts.add(district);
        }
        counts = new long[cells.size()];
    }

    /** Starts publishing on its own thread; alert {@code k} is due at start + k / rate. */
    void start() {
        thread = new Thread(this::run, "fanout-publisher");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        RedisAsyncCommands<String, String> redis = connection.async();
        long start = System.nanoTime();
        long nextAlert = 0;
        long nextCell = 0;
        try {
            while (!stopped) {
                long alertDue = start + (long) (nextAlert * 1e9 / alertsPerSec);
                long cellDue =
                        cellsPerSec > 0
                                ? start + (long) (nextCell * 1e9 / cellsPerSec)
                                : Long.MAX_VALUE;
                long due = Math.min(alertDue, cellDue);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    continue;
                }
                // open loop: a late slot is sent at once, never skipped; the lag is reported
                maxLagMicros.accumulateAndGet(-wait / 1000, Math::max);
                if (alertDue <= cellDue) {
                    track(alertWrite.write(alert(nextAlert), redis));
                    alertsSent.incrementAndGet();
                    nextAlert++;
                } else {
                    track(cellWrite.write(cell(nextCell), redis));
                    cellsSent.incrementAndGet();
                    nextCell++;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void track(List<RedisFuture<?>> futures) {
        for (var f : futures) {
            f.whenComplete(
                    (v, e) -> {
                        if (e != null) failures.incrementAndGet();
                    });
        }
    }

    /**
     * Alert event {@code k}: revision {@code k % 4} of alert {@code k / 4}, district round-robin.
     */
    HotspotAlert alert(long k) {
        long alertNo = k / REVISIONS_PER_ALERT;
        int revision = (int) (k % REVISIONS_PER_ALERT);
        int c = (int) ((alertNo * 7919) % cells.size());
        String cell = cells.get(c);
        String district = cellDistricts.get(c);
        // one alert in ten is tips-only (unconfirmed): supervisors only, as the gateway rules
        boolean tips = alertNo % 10 == 9;
        Instant now = Instant.now();
        long observed = 5 + revision;
        return new HotspotAlert(
                HotspotAlert.VERSION,
                "fanout-" + alertNo,
                revision == 0 ? AlertState.OPENED : AlertState.UPDATED,
                revision == 0 ? EmergenceCategory.NEW : EmergenceCategory.INTENSIFYING,
                cell,
                1,
                H3Grid.ring(cell, 1),
                H3Grid.centroid(cell),
                district,
                Duration.ofMinutes(60),
                observed,
                1.3,
                9.5 + revision,
                120.0 + 30 * revision,
                tips ? Signal.TIPS : Signal.CFS,
                !tips,
                List.of(new TypeCount("BURGLARY", observed - 2), new TypeCount("DISTURBANCE", 2)),
                tips ? observed : 0,
                now,
                now,
                "fanout-harness",
                now);
    }

    /** Cell update {@code j}: a random cell's counts move by one in each window. */
    CellView cell(long j) {
        int c = random.nextInt(cells.size());
        long n = ++counts[c];
        var v = new CellView();
        v.cell = cells.get(c);
        v.district = cellDistricts.get(c);
        v.windows = WINDOWS;
        v.observed = new long[] {1 + n % 5, 1 + n % 9, 1 + n % 17};
        v.expected = new double[] {0.8, 1.6, 4.2};
        v.score = new double[] {0.1 * (n % 50), 0.1 * (n % 70), 0.1 * (n % 90)};
        v.recurrenceDays = new double[] {1.0 + n % 20, 1.0 + n % 40, 1.0 + n % 60};
        v.officerInitiated = n % 3;
        v.eventTimeMillis = System.currentTimeMillis();
        return v;
    }

    long alertsSent() {
        return alertsSent.get();
    }

    long cellsSent() {
        return cellsSent.get();
    }

    long failures() {
        return failures.get();
    }

    /** How late the publisher sent its latest slot at worst, in ms. */
    double maxLagMs() {
        return maxLagMicros.get() / 1000.0;
    }

    /** Stops publishing and waits for the thread. */
    void stop() throws InterruptedException {
        stopped = true;
        if (thread != null) thread.join(5000);
    }

    @Override
    public void close() throws Exception {
        stop();
        connection.close();
        client.shutdown();
    }
}
