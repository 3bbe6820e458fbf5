package io.beatwatch.gateway.view;

/**
 * Field names of a cell hash ({@code RedisKeys.cell(cell, window)}) as the Flink view sink writes
 * them. Kept here until core names them next to the key format.
 */
public final class CellFields {

    public static final String OBSERVED = "observed";
    public static final String EXPECTED = "expected";
    public static final String SCORE = "score";
    public static final String RECURRENCE = "recurrence";
    public static final String RECURRENCE_LONG = "recurrenceIntervalDays";
    public static final String OFFICER_INITIATED = "officerInitiated";
    public static final String TIPS = "tips";
    public static final String DISTRICT = "district";
    public static final String LAT = "lat";
    public static final String LON = "lon";
    public static final String UPDATED_AT = "updatedAt";

    private CellFields() {}
}
