package io.beatwatch.jobs.io;

import java.io.Serializable;
import java.util.Objects;

/**
 * Kafka topic names and the bootstrap servers, typed config with the defaults of ARCHITECTURE.md.
 */
public record Topics(
        String bootstrapServers,
        String calls,
        String tips,
        String alerts,
        String dlq,
        String patrolFeedback,
        String suggestions,
        String groupId,
        String publicCalls)
        implements Serializable {

    public static final String DEFAULT_CALLS = "beatwatch.cfs";
    public static final String DEFAULT_TIPS = "beatwatch.tips";
    public static final String DEFAULT_ALERTS = "beatwatch.alerts";
    public static final String DEFAULT_DLQ = "beatwatch.dlq";
    public static final String DEFAULT_PATROL_FEEDBACK = "beatwatch.patrol-feedback";
    public static final String DEFAULT_SUGGESTIONS = "beatwatch.suggestions";
    public static final String DEFAULT_GROUP_ID = "beatwatch-hotspot-job";

    /** Calls as the public feed may see them, sensitivity decided at decode (core PublicCall). */
    public static final String DEFAULT_PUBLIC_CALLS = "beatwatch.public-calls";

    public Topics {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        if (bootstrapServers.isBlank()) throw new IllegalArgumentException("no bootstrap servers");
        publicCalls = publicCalls == null ? DEFAULT_PUBLIC_CALLS : publicCalls;
    }

    /** The default topic names on these servers. */
    public static Topics defaults(String bootstrapServers) {
        return new Topics(
                bootstrapServers,
                DEFAULT_CALLS,
                DEFAULT_TIPS,
                DEFAULT_ALERTS,
                DEFAULT_DLQ,
                DEFAULT_PATROL_FEEDBACK,
                DEFAULT_SUGGESTIONS,
                DEFAULT_GROUP_ID,
                DEFAULT_PUBLIC_CALLS);
    }
}
