package io.beatwatch.core.synth;

import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.model.Tip;
import java.time.Instant;
import java.util.Objects;

/**
 * One item of the synthetic city's time-ordered stream: a call (or a CAD update of one) or a tip,
 * with its ground-truth label. {@link #time()} is when the item arrives; a CAD update arrives
 * minutes after its call but keeps the call's {@code receivedAt}.
 */
public sealed interface Event permits Event.CallEvent, Event.TipEvent {

    /** Label prefix of events added by an injected cluster (on the call source or tip channel). */
    String CLUSTER_SOURCE_PREFIX = "synthetic:cluster:";

    /** Source / channel of every other synthetic event. */
    String SOURCE = "synthetic";

    /** When the item arrives on its topic (the stream is ordered by this). */
    Instant time();

    /** What produced the item. */
    Origin origin();

    /** The id of the injected cluster that added this item, or null for background. */
    String clusterId();

    /** True for the items an injected cluster added (and their CAD updates). */
    default boolean injected() {
        return clusterId() != null;
    }

    /** What produced an item. */
    enum Origin {
        /** Background citizen call (place and hour-of-week varying rate). */
        BACKGROUND,
        /** Self-exciting aftershock of an earlier citizen call, near it. */
        AFTERSHOCK,
        /** Officer-initiated event (patrol-by, traffic stop, security check). */
        OFFICER,
        /** Background tip. */
        TIP,
        /** A CAD update re-emitting an earlier call with the same id. */
        UPDATE,
        /** Added by an {@link InjectedCluster}. */
        CLUSTER
    }

    /** A call for service, or a CAD update of one (same id). */
    record CallEvent(Instant time, CallForService call, Origin origin, String clusterId)
            implements Event {
        public CallEvent {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(call, "call");
            Objects.requireNonNull(origin, "origin");
        }
    }

    /** A community tip. */
    record TipEvent(Instant time, Tip tip, Origin origin, String clusterId) implements Event {
        public TipEvent {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(tip, "tip");
            Objects.requireNonNull(origin, "origin");
        }
    }
}
