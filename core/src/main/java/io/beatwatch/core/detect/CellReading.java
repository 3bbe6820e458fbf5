package io.beatwatch.core.detect;

/**
 * What the live map shows of one cell at one event time: per window its observed citizen calls,
 * expected count, score and recurrence interval, plus officer-initiated calls and tips over the
 * longest window, with the cell's district and latest beat (null when the feed has none). Emitted
 * by {@link StreamDetector} once per cell and minute in which it changed.
 */
public record CellReading(
        String cell,
        String district,
        String beat,
        int[] windows,
        long[] observed,
        double[] expected,
        double[] score,
        double[] recurrenceDays,
        long officerInitiated,
        long tips,
        long eventTimeMillis) {}
