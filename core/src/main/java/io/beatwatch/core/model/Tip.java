package io.beatwatch.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;

/**
 * One community tip (topic {@code beatwatch.tips}). Carries no tipster identity: the intake strips
 * IP, device, name and phone before a tip exists. {@link #text} never reaches logs, the public
 * feed, or any console payload but the supervisor's tip detail.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Tip(
        int v,
        String id,
        Instant receivedAt,
        String category,
        double lat,
        double lon,
        String text,
        String channel) {

    public static final int VERSION = 1;

    public Tip {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(category, "category");
    }

    /**
     * This tip without its free text, for every payload that is not the supervisor's tip detail.
     */
    public Tip withoutText() {
        return new Tip(v, id, receivedAt, category, lat, lon, null, channel);
    }

    /** Tips are not shown in full in toString, so a stray log line cannot leak the text. */
    @Override
    public String toString() {
        return "Tip[id=" + id + ", receivedAt=" + receivedAt + ", category=" + category + "]";
    }
}
