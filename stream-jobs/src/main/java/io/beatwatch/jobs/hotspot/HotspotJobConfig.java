package io.beatwatch.jobs.hotspot;

import io.beatwatch.core.detect.DetectionConfig;
import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.privacy.SensitiveRule;
import io.beatwatch.core.profile.CityProfile;
import io.beatwatch.core.validate.Bounds;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Typed configuration of {@link HotspotJob}, validated on construction. Defaults are the named
 * constants; the module README has the table.
 *
 * @param detection the statistics: windows, rings, baseline, false-alarm budget
 * @param h3Resolution H3 resolution of cells (default 9)
 * @param minLat city bounds: records outside are rejected
 * @param outOfOrderness how late an event may arrive and still move the watermark correctly
 * @param idleness after this long without data an input stops holding back the watermark
 * @param dedupeTtl how long an incident id is remembered to count CAD updates once
 * @param repeatWindow a citizen call of the same type at the same cell within this of the last one
 *     is a repeat (one incident, several callers) and counts once; zero disables
 * @param officerTypes call types treated as officer-initiated when the record does not say
 * @param maxParallelism key groups: fixed so savepoints survive rescaling
 * @param checkpointInterval exactly-once checkpoints every this often (zero disables)
 * @param source name of the input, stamped on rejects
 * @param sensitive which calls are sensitive (never counted publicly): decided at decode and
 *     carried on the event and the public-calls topic, so the public feed cannot forget the profile
 * @param bufferTimeout how long a partly filled network buffer between operators may wait before it
 *     is sent (Flink's {@code execution.buffer-timeout.interval}); Flink's 100 ms default held each
 *     alert up to 100 ms on the hop to the detector at live rates (latency harness)
 */
public record HotspotJobConfig(
        DetectionConfig detection,
        int h3Resolution,
        double minLat,
        double maxLat,
        double minLon,
        double maxLon,
        Duration outOfOrderness,
        Duration idleness,
        Duration dedupeTtl,
        Duration repeatWindow,
        Set<String> officerTypes,
        int maxParallelism,
        Duration checkpointInterval,
        String source,
        SensitiveRule sensitive,
        Duration bufferTimeout)
        implements Serializable {

    public static final Duration DEFAULT_OUT_OF_ORDERNESS = Duration.ofMinutes(2);
    public static final Duration DEFAULT_IDLENESS = Duration.ofSeconds(30);
    public static final Duration DEFAULT_DEDUPE_TTL = Duration.ofHours(24);
    public static final Duration DEFAULT_REPEAT_WINDOW = Duration.ZERO;
    public static final int DEFAULT_MAX_PARALLELISM = 128;
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

    /**
     * A partly filled buffer is sent after 5 ms: at live rates buffers do not fill within Flink's
     * 100 ms default, which held alerts on the hop to the detector (latency harness, 14 events/s:
     * due time to the detector's emit p50 128 ms at 100 ms, 10 ms at 5 ms); replays fill buffers
     * first.
     */
    public static final Duration DEFAULT_BUFFER_TIMEOUT = Duration.ofMillis(5);

    /** Baseline slices of the day (4 × 6 h), so a place's expectation follows its daily rhythm. */
    public static final int DEFAULT_BASELINE_HOUR_BUCKETS = 4;

    /** How many call types explain an alert. */
    public static final int TOP_TYPES = 3;

    public HotspotJobConfig {
        Objects.requireNonNull(detection, "detection");
        if (detection.rings().get(0) != 0) {
            throw new IllegalArgumentException(
                    "the first ring must be 0 (the cell itself), was " + detection.rings());
        }
        if (h3Resolution < 0 || h3Resolution > H3Grid.MAX_RESOLUTION) {
            throw new IllegalArgumentException("h3Resolution must be 0..15, was " + h3Resolution);
        }
        new Bounds(minLat, maxLat, minLon, maxLon); // validates the box
        if (outOfOrderness.isNegative()
                || idleness.isNegative()
                || dedupeTtl.isNegative()
                || repeatWindow.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
        officerTypes = Set.copyOf(officerTypes);
        if (maxParallelism < 1) throw new IllegalArgumentException("maxParallelism must be >= 1");
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        source = source == null ? "beatwatch" : source;
        sensitive = sensitive == null ? SensitiveRule.defaults() : sensitive;
        bufferTimeout = bufferTimeout == null ? DEFAULT_BUFFER_TIMEOUT : bufferTimeout;
        if (bufferTimeout.isNegative()) {
            throw new IllegalArgumentException("bufferTimeout must not be negative");
        }
    }

    /** Defaults for a city within {@code bounds}. */
    public static HotspotJobConfig defaults(Bounds bounds, Set<String> officerTypes) {
        var detection = DetectionConfig.defaults();
        return new HotspotJobConfig(
                detection.withBaseline(
                        detection.baselineDays(),
                        DEFAULT_BASELINE_HOUR_BUCKETS,
                        detection.minBaselineDays()),
                H3Grid.DEFAULT_RESOLUTION,
                bounds.minLat(),
                bounds.maxLat(),
                bounds.minLon(),
                bounds.maxLon(),
                DEFAULT_OUT_OF_ORDERNESS,
                DEFAULT_IDLENESS,
                DEFAULT_DEDUPE_TTL,
                DEFAULT_REPEAT_WINDOW,
                officerTypes,
                DEFAULT_MAX_PARALLELISM,
                DEFAULT_CHECKPOINT_INTERVAL,
                "beatwatch",
                SensitiveRule.defaults(),
                DEFAULT_BUFFER_TIMEOUT);
    }

    /**
     * Defaults for a city profile: its bounds, its source name, its baseline period if it sets one.
     */
    public static HotspotJobConfig forProfile(CityProfile p) {
        var c =
                defaults(p.bounds(), Set.of())
                        .withSource(p.source())
                        .withSensitive(SensitiveRule.forProfile(p));
        if (p.baselineDays() == null) return c;
        var d = c.detection();
        return c.withDetection(
                d.withBaseline(
                        p.baselineDays(),
                        d.baselineHourBuckets(),
                        Math.min(d.minBaselineDays(), p.baselineDays())));
    }

    /** The city box. */
    public Bounds bounds() {
        return new Bounds(minLat, maxLat, minLon, maxLon);
    }

    /** A copy with other detection parameters. */
    public HotspotJobConfig withDetection(DetectionConfig d) {
        var c = new Copy(this);
        c.detection = d;
        return c.build();
    }

    /** A copy with another checkpoint interval (zero disables checkpointing). */
    public HotspotJobConfig withCheckpointInterval(Duration interval) {
        var c = new Copy(this);
        c.checkpointInterval = interval;
        return c.build();
    }

    /** A copy without an idleness timeout: for replays, whose watermarks must be reproducible. */
    public HotspotJobConfig withoutIdleness() {
        return withIdleness(Duration.ZERO);
    }

    /** A copy with another idleness timeout (zero: inputs never go idle). */
    public HotspotJobConfig withIdleness(Duration idleness) {
        var c = new Copy(this);
        c.idleness = idleness;
        return c.build();
    }

    /** A copy with another source name. */
    public HotspotJobConfig withSource(String name) {
        var c = new Copy(this);
        c.source = name;
        return c.build();
    }

    /** A copy with another sensitivity rule. */
    public HotspotJobConfig withSensitive(SensitiveRule rule) {
        var c = new Copy(this);
        c.sensitive = rule;
        return c.build();
    }

    /** A copy with another network buffer timeout (zero: every record is sent at once). */
    public HotspotJobConfig withBufferTimeout(Duration timeout) {
        var c = new Copy(this);
        c.bufferTimeout = timeout;
        return c.build();
    }

    /** The configured windows as an array, in config order. */
    public int[] windows() {
        return detection.windowsMinutes().stream().mapToInt(Integer::intValue).toArray();
    }

    /** Every field, mutable: what the {@code with*} copies change one of. */
    private static final class Copy {
        DetectionConfig detection;
        int h3Resolution;
        double minLat;
        double maxLat;
        double minLon;
        double maxLon;
        Duration outOfOrderness;
        Duration idleness;
        Duration dedupeTtl;
        Duration repeatWindow;
        Set<String> officerTypes;
        int maxParallelism;
        Duration checkpointInterval;
        String source;
        SensitiveRule sensitive;
        Duration bufferTimeout;

        Copy(HotspotJobConfig c) {
            detection = c.detection;
            h3Resolution = c.h3Resolution;
            minLat = c.minLat;
            maxLat = c.maxLat;
            minLon = c.minLon;
            maxLon = c.maxLon;
            outOfOrderness = c.outOfOrderness;
            idleness = c.idleness;
            dedupeTtl = c.dedupeTtl;
            repeatWindow = c.repeatWindow;
            officerTypes = c.officerTypes;
            maxParallelism = c.maxParallelism;
            checkpointInterval = c.checkpointInterval;
            source = c.source;
            sensitive = c.sensitive;
            bufferTimeout = c.bufferTimeout;
        }

        HotspotJobConfig build() {
            return new HotspotJobConfig(
                    detection,
                    h3Resolution,
                    minLat,
                    maxLat,
                    minLon,
                    maxLon,
                    outOfOrderness,
                    idleness,
                    dedupeTtl,
                    repeatWindow,
                    officerTypes,
                    maxParallelism,
                    checkpointInterval,
                    source,
                    sensitive,
                    bufferTimeout);
        }
    }
}
