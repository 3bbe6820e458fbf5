package io.beatwatch.core.validate;

import java.time.Duration;
import java.util.Objects;

/**
 * What a valid event must satisfy beyond its shape: inside the city's bounds, not further in the
 * future than the allowed clock skew, fields within their length limits.
 */
public record ValidationRules(Bounds bounds, Duration maxFutureSkew, FieldLimits limits) {

    /** Default allowance for a source clock running ahead of ours. */
    public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofHours(1);

    public ValidationRules {
        Objects.requireNonNull(bounds, "bounds");
        maxFutureSkew = maxFutureSkew == null ? DEFAULT_MAX_FUTURE_SKEW : maxFutureSkew;
        limits = limits == null ? FieldLimits.DEFAULT : limits;
        if (maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("maxFutureSkew must not be negative");
        }
    }

    /** Rules with default skew and limits inside {@code bounds}. */
    public static ValidationRules of(Bounds bounds) {
        return new ValidationRules(bounds, DEFAULT_MAX_FUTURE_SKEW, FieldLimits.DEFAULT);
    }
}
