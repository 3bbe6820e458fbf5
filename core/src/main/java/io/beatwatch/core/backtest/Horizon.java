package io.beatwatch.core.backtest;

import java.util.Locale;

/**
 * How long a forecast holds: an 8-hour shift (00-08, 08-16, 16-24 local), a local day, or an ISO
 * week (Monday to Sunday, its complete days only).
 */
public enum Horizon {
    /** Three 8-hour shifts a day, local time: 00-08, 08-16, 16-24. */
    SHIFT,
    /** One local day. */
    DAY,
    /** An ISO week, Monday to Sunday; only its complete days are scored. */
    WEEK;

    /** Minutes in a shift. */
    public static final int SHIFT_MINUTES = 8 * 60;

    /** Shifts in a day. */
    public static final int SHIFTS_PER_DAY = 3;

    /** Parses {@code shift}, {@code day} or {@code week} (any case). */
    public static Horizon parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "horizon must be shift, day or week, was '" + text + "'", e);
        }
    }

    /** Lowercase name for reports. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
