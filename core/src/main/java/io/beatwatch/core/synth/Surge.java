package io.beatwatch.core.synth;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A proportional city-wide surge (a storm, a holiday): every background rate times {@code factor}
 * during {@code [start, start + duration)}. The detector should not alert on it.
 */
public record Surge(Instant start, Duration duration, double factor)
        implements java.io.Serializable {

    public Surge {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        if (!(factor > 0)) throw new IllegalArgumentException("factor must be > 0");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive");
        }
    }

    /** Whether the surge covers {@code epochMillis}. */
    public boolean covers(long epochMillis) {
        return epochMillis >= start.toEpochMilli()
                && epochMillis < start.plus(duration).toEpochMilli();
    }
}
