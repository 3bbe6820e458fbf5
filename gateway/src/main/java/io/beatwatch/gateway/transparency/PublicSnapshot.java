package io.beatwatch.gateway.transparency;

import java.time.Instant;

/** One published state of the public feed: the GeoJSON text and what it covers. */
public record PublicSnapshot(
        Instant generatedAt, Instant from, Instant to, int cells, String geoJson) {}
