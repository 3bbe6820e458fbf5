package io.beatwatch.core.backtest;

/**
 * One forecast period of a walk-forward backtest: one or more complete days (by their index in
 * {@link Timeline}) and, for a shift, the minutes of the day it covers. A method flags cells using
 * only events before {@link #startMillis()}; it is scored on the events inside the period.
 *
 * @param index position in the backtest (0 = first scored period)
 * @param label e.g. {@code 2024-03-02}, {@code 2024-03-02 s1 (08-16)} or {@code 2024-W09}
 * @param dayIndexes indexes of its complete days in the timeline, ascending
 * @param fromMinute first local minute of the day it covers (0 unless a shift)
 * @param toMinute end (exclusive) local minute of the day (1440 unless a shift)
 * @param startMillis the instant it starts: nothing at or after it may be used to flag cells
 */
public record Period(
        int index, String label, int[] dayIndexes, int fromMinute, int toMinute, long startMillis) {

    public Period {
        dayIndexes = dayIndexes.clone();
        if (dayIndexes.length == 0) throw new IllegalArgumentException("a period needs a day");
        if (fromMinute < 0 || toMinute > 1440 || fromMinute >= toMinute) {
            throw new IllegalArgumentException("bad minutes " + fromMinute + ".." + toMinute);
        }
    }

    /** Index of its first complete day. */
    public int firstDayIndex() {
        return dayIndexes[0];
    }

    /** Whether local minute-of-day m falls in it. */
    public boolean coversMinute(int m) {
        return m >= fromMinute && m < toMinute;
    }

    /** The shift number (0..2), or -1 when the period is not a shift. */
    public int shift() {
        return toMinute - fromMinute == Horizon.SHIFT_MINUTES
                ? fromMinute / Horizon.SHIFT_MINUTES
                : -1;
    }
}
