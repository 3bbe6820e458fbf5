package io.beatwatch.gateway.transparency;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One published state of the public patrol-minutes feed: its JSON text, the local days it covers
 * (null before the first build) and how many district-days it publishes.
 */
public record PatrolMinutesSnapshot(
        Instant generatedAt, LocalDate from, LocalDate to, int districtDays, String json) {}
