package io.beatwatch.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;

/**
 * One call for service from a CAD feed (topic {@code beatwatch.cfs}, key = {@link #id}). CAD sends
 * updates of the same incident under the same id; the job counts an incident once.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallForService(
        int v,
        String id,
        Instant receivedAt,
        String type,
        String typeInitial,
        String typeFinal,
        String category,
        Integer priority,
        boolean officerInitiated,
        String disposition,
        String district,
        String beat,
        double lat,
        double lon,
        String address,
        String source) {

    public static final int VERSION = 1;

    public CallForService {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(type, "type");
    }

    /** The types this call was known by (initial, final, current), for rules that check both. */
    public java.util.Set<String> allTypes() {
        var types = new java.util.LinkedHashSet<String>();
        types.add(type);
        if (typeInitial != null) types.add(typeInitial);
        if (typeFinal != null) types.add(typeFinal);
        return types;
    }
}
