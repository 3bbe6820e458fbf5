package io.beatwatch.core.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The city's side of the expectation: citizen calls per hour of day and day of week over the last
 * {@code days} days <b>with data</b> (a feed with gaps, like San Antonio's few days a month, counts
 * only the days it has), and the recent minute counts that say whether the whole city is busier
 * than usual right now. Pure state, no Flink.
 */
final class CityRates {

    static final int RECENT = 1441; // minutes of recent counts kept (one day and one)

    private final int days;
    // per data-day slot (slot = dataDay % (days + 1)): its data-day index, weekday, hourly counts
    private final int[] slotDay;
    private final int[] slotDow;
    private final int[] slotHours;
    private final int[] slotTips;
    // recent per-minute citizen and tip counts, by minute % RECENT with the minute as tag
    private final long[] recentTag = new long[RECENT];
    private final int[] recentCfs = new int[RECENT];
    private final int[] recentTips = new int[RECENT];

    // the baseline of the current data day (today excluded), recomputed once a data day
    int dataDay = -1;
    int daysWithData;
    long total;
    long tipTotal;
    final long[] byHour = new long[24];
    final long[] byDow = new long[7];
    final int[] dowDays = new int[7];

    CityRates(int days) {
        this.days = days;
        slotDay = new int[days + 1];
        slotDow = new int[days + 1];
        slotHours = new int[(days + 1) * 24];
        slotTips = new int[days + 1];
        Arrays.fill(slotDay, -1);
        Arrays.fill(recentTag, Long.MIN_VALUE);
    }

    /**
     * Starts data day {@code day} (weekday {@code dow}, 0 = Monday) and recomputes the baseline.
     */
    void startDay(int day, int dow) {
        dataDay = day;
        int s = Math.floorMod(day, days + 1);
        slotDay[s] = day;
        slotDow[s] = dow;
        Arrays.fill(slotHours, s * 24, s * 24 + 24, 0);
        slotTips[s] = 0;
        total = 0;
        tipTotal = 0;
        daysWithData = 0;
        Arrays.fill(byHour, 0);
        Arrays.fill(byDow, 0);
        Arrays.fill(dowDays, 0);
        for (int i = 0; i <= days; i++) {
            int d = slotDay[i];
            if (d < 0 || d >= day || d < day - days) continue;
            daysWithData++;
            dowDays[slotDow[i]]++;
            tipTotal += slotTips[i];
            for (int h = 0; h < 24; h++) {
                int c = slotHours[i * 24 + h];
                byHour[h] += c;
                byDow[slotDow[i]] += c;
                total += c;
            }
        }
    }

    /** Counts a citizen call at {@code minute} (UTC hour {@code hour}) into today and recent. */
    void addCall(long minute, int hour) {
        slotHours[Math.floorMod(dataDay, days + 1) * 24 + hour]++;
        recentSlot(minute);
        recentCfs[(int) Math.floorMod(minute, (long) RECENT)]++;
    }

    /** Counts a tip. */
    void addTip(long minute) {
        slotTips[Math.floorMod(dataDay, days + 1)]++;
        recentSlot(minute);
        recentTips[(int) Math.floorMod(minute, (long) RECENT)]++;
    }

    private void recentSlot(long minute) {
        int i = (int) Math.floorMod(minute, (long) RECENT);
        if (recentTag[i] != minute) {
            recentTag[i] = minute;
            recentCfs[i] = 0;
            recentTips[i] = 0;
        }
    }

    /** Citizen calls in minutes {@code (now - window, now]}. */
    long recentCalls(long now, int window) {
        return recent(recentCfs, now, window);
    }

    /** Tips in minutes {@code (now - window, now]}. */
    long recentTips(long now, int window) {
        return recent(recentTips, now, window);
    }

    private long recent(int[] counts, long now, int window) {
        long sum = 0;
        for (long m = now - Math.min(window, RECENT - 1) + 1; m <= now; m++) {
            int i = (int) Math.floorMod(m, (long) RECENT);
            if (recentTag[i] == m) sum += counts[i];
        }
        return sum;
    }

    /** Calls per day over the baseline. */
    double dailyCalls() {
        return daysWithData == 0 ? 0 : total / (double) daysWithData;
    }

    /**
     * The city's intensity at this hour and weekday relative to its daily mean (1 = an average
     * minute): the hour-of-day profile times the weekday factor, each lightly smoothed.
     */
    double intensity(int hour, int dow) {
        if (total == 0) return 1.0;
        double hourShare = (byHour[hour] + 1.0) / (total + 24.0) * 24.0;
        double perDay = dailyCalls();
        double dowRate = (byDow[dow] + perDay) / (dowDays[dow] + 1.0);
        return hourShare * dowRate / perDay;
    }

    /** Share of the baseline's calls in hour slice {@code s} of {@code slices}. */
    double sliceShare(int s, int slices) {
        int width = 24 / slices;
        long in = 0;
        for (int h = s * width; h < (s + 1) * width; h++) in += byHour[h];
        return (in + 1.0) / (total + slices);
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeInt(dataDay);
        for (int i = 0; i <= days; i++) {
            out.writeInt(slotDay[i]);
            out.writeByte(slotDow[i]);
            out.writeInt(slotTips[i]);
            for (int h = 0; h < 24; h++) out.writeInt(slotHours[i * 24 + h]);
        }
        for (int i = 0; i < RECENT; i++) {
            out.writeLong(recentTag[i]);
            out.writeInt(recentCfs[i]);
            out.writeInt(recentTips[i]);
        }
    }

    void readFrom(DataInput in) throws IOException {
        int day = in.readInt();
        for (int i = 0; i <= days; i++) {
            slotDay[i] = in.readInt();
            slotDow[i] = in.readByte();
            slotTips[i] = in.readInt();
            for (int h = 0; h < 24; h++) slotHours[i * 24 + h] = in.readInt();
        }
        for (int i = 0; i < RECENT; i++) {
            recentTag[i] = in.readLong();
            recentCfs[i] = in.readInt();
            recentTips[i] = in.readInt();
        }
        if (day >= 0) {
            // recompute the baseline without clearing today's slot
            int s = Math.floorMod(day, days + 1);
            int dow = slotDow[s];
            int[] keepHours = Arrays.copyOfRange(slotHours, s * 24, s * 24 + 24);
            int keepTips = slotTips[s];
            startDay(day, dow);
            System.arraycopy(keepHours, 0, slotHours, s * 24, 24);
            slotTips[s] = keepTips;
        }
    }
}
