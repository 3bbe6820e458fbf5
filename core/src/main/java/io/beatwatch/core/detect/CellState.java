package io.beatwatch.core.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Everything the detector keeps about one H3 cell: the minutes (and type ids) of its recent citizen
 * calls, tips and officer-initiated calls within the longest window, its baseline counts per data
 * day and hour slice, the alert of the place centred on it and its open episodes. Plain primitive
 * arrays: one cell costs a few hundred bytes and an event touches no boxed value.
 */
final class CellState {

    final long id;
    String address;
    long[] neighbours; // the six cells around it, computed once
    // the held cells at neighbours[i] (null: not held); kept by the detector, null: not cached
    CellState[] around;
    String district;
    String beat; // the latest call's beat, when the feed has one (the map's beat outlines)
    int lastDataDay;
    int lastCallDay = Integer.MIN_VALUE; // the last data day a citizen call was counted

    // recent events, oldest first
    long[] callMinutes = new long[4];
    int[] callTypes = new int[4];
    int calls;
    long[] tipMinutes = new long[1];
    int tips;
    long[] officerMinutes = new long[1];
    int officer;

    // baseline: per data-day slot, calls per hour slice and tips
    final int[] slotDay;
    final int[] slotCalls;
    final int[] slotTips;

    // the baseline of the current data day, recomputed on first use that day
    int cachedDay = -1;
    int baseCalls;
    int baseTips;
    final int[] baseBySlice;
    int rateDay = -1;
    double dailyRate;
    final double[] sliceFactor;

    ZoneAlert alert;
    final double[] episodePeak;
    final long[] episodeLast;
    boolean viewActive;

    CellState(long id, int days, int slices, int windows) {
        this.id = id;
        slotDay = new int[days + 1];
        Arrays.fill(slotDay, -1);
        slotCalls = new int[(days + 1) * slices];
        slotTips = new int[days + 1];
        baseBySlice = new int[slices];
        sliceFactor = new double[slices];
        episodePeak = new double[windows];
        episodeLast = new long[windows];
        Arrays.fill(episodeLast, Long.MIN_VALUE);
    }

    /** Adds a citizen call; drops calls older than {@code span} minutes behind {@code now}. */
    void addCall(long minute, int type, long now, int span) {
        calls = expire(callMinutes, callTypes, calls, now - span);
        if (calls == callMinutes.length) {
            callMinutes = Arrays.copyOf(callMinutes, calls * 2);
            callTypes = Arrays.copyOf(callTypes, calls * 2);
        }
        int i = calls;
        while (i > 0 && callMinutes[i - 1] > minute) {
            callMinutes[i] = callMinutes[i - 1];
            callTypes[i] = callTypes[i - 1];
            i--;
        }
        callMinutes[i] = minute;
        callTypes[i] = type;
        calls++;
    }

    void addTip(long minute, long now, int span) {
        tips = expire(tipMinutes, null, tips, now - span);
        if (tips == tipMinutes.length) tipMinutes = Arrays.copyOf(tipMinutes, tips * 2);
        int i = tips;
        while (i > 0 && tipMinutes[i - 1] > minute) {
            tipMinutes[i] = tipMinutes[i - 1];
            i--;
        }
        tipMinutes[i] = minute;
        tips++;
    }

    void addOfficer(long minute, long now, int span) {
        officer = expire(officerMinutes, null, officer, now - span);
        if (officer == officerMinutes.length) {
            officerMinutes = Arrays.copyOf(officerMinutes, officer * 2);
        }
        int i = officer;
        while (i > 0 && officerMinutes[i - 1] > minute) {
            officerMinutes[i] = officerMinutes[i - 1];
            i--;
        }
        officerMinutes[i] = minute;
        officer++;
    }

    /** Drops entries at or before {@code cutoff}; returns the new count. */
    private static int expire(long[] minutes, int[] types, int n, long cutoff) {
        int drop = 0;
        while (drop < n && minutes[drop] <= cutoff) drop++;
        if (drop == 0) return n;
        System.arraycopy(minutes, drop, minutes, 0, n - drop);
        if (types != null) System.arraycopy(types, drop, types, 0, n - drop);
        return n - drop;
    }

    /**
     * Adds to {@code into[w]} the events in minutes {@code (now - windows[w], now]}, for every
     * window in one pass back from the newest ({@code longest}: the largest window).
     */
    static void countInto(
            long[] minutes, int n, long now, int[] windows, int longest, long[] into) {
        long from = now - longest;
        for (int i = n - 1; i >= 0; i--) {
            long m = minutes[i];
            if (m <= from) break;
            if (m > now) continue;
            long age = now - m;
            for (int w = 0; w < windows.length; w++) if (age < windows[w]) into[w]++;
        }
    }

    /** Events in minutes {@code (now - window, now]}. */
    static int count(long[] minutes, int n, long now, int window) {
        int c = 0;
        long from = now - window;
        for (int i = n - 1; i >= 0; i--) {
            long m = minutes[i];
            if (m <= from) break;
            if (m <= now) c++;
        }
        return c;
    }

    int calls(long now, int window) {
        return count(callMinutes, calls, now, window);
    }

    int tips(long now, int window) {
        return count(tipMinutes, tips, now, window);
    }

    int officer(long now, int window) {
        return count(officerMinutes, officer, now, window);
    }

    /** True when nothing lies in the longest window any more. */
    boolean recentEmpty(long now, int span) {
        return (calls == 0 || callMinutes[calls - 1] <= now - span)
                && (tips == 0 || tipMinutes[tips - 1] <= now - span)
                && (officer == 0 || officerMinutes[officer - 1] <= now - span);
    }

    /** Counts a citizen call (or a tip) into data day {@code day}'s slot. */
    void addBaseline(int day, int slice, boolean tip, int days, int slices) {
        int s = Math.floorMod(day, days + 1);
        if (slotDay[s] != day) {
            slotDay[s] = day;
            Arrays.fill(slotCalls, s * slices, (s + 1) * slices, 0);
            slotTips[s] = 0;
        }
        if (tip) {
            slotTips[s]++;
        } else {
            slotCalls[s * slices + slice]++;
            lastCallDay = day;
        }
        lastDataDay = day;
    }

    /** Whether the baseline of data day {@code today} holds a citizen call (no sums needed). */
    boolean hasBaseCalls(int today, int days) {
        return lastCallDay >= today - days && lastCallDay < today;
    }

    /** Recomputes the baseline sums of data day {@code today} (the days before it) if stale. */
    void baseline(int today, int days, int slices) {
        if (cachedDay == today) return;
        cachedDay = today;
        baseCalls = 0;
        baseTips = 0;
        Arrays.fill(baseBySlice, 0);
        for (int i = 0; i <= days; i++) {
            int d = slotDay[i];
            if (d < 0 || d >= today || d < today - days) continue;
            baseTips += slotTips[i];
            for (int s = 0; s < slices; s++) {
                int c = slotCalls[i * slices + s];
                baseBySlice[s] += c;
                baseCalls += c;
            }
        }
    }

    void writeTo(DataOutput out, int days, int slices, int windows) throws IOException {
        out.writeLong(id);
        out.writeUTF(district == null ? "" : district);
        out.writeInt(lastDataDay);
        writeEvents(out, callMinutes, callTypes, calls);
        writeEvents(out, tipMinutes, null, tips);
        writeEvents(out, officerMinutes, null, officer);
        for (int i = 0; i <= days; i++) {
            out.writeInt(slotDay[i]);
            out.writeInt(slotTips[i]);
            for (int s = 0; s < slices; s++) out.writeInt(slotCalls[i * slices + s]);
        }
        for (int w = 0; w < windows; w++) {
            out.writeDouble(episodePeak[w]);
            out.writeLong(episodeLast[w]);
        }
        out.writeBoolean(viewActive);
        out.writeUTF(beat == null ? "" : beat);
    }

    private static void writeEvents(DataOutput out, long[] minutes, int[] types, int n)
            throws IOException {
        out.writeInt(n);
        for (int i = 0; i < n; i++) {
            out.writeLong(minutes[i]);
            if (types != null) out.writeInt(types[i]);
        }
    }

    /** Reads what {@link #writeTo} wrote; snapshots before {@code version} 2 carry no beat. */
    static CellState readFrom(DataInput in, int days, int slices, int windows, int version)
            throws IOException {
        var c = new CellState(in.readLong(), days, slices, windows);
        String d = in.readUTF();
        c.district = d.isEmpty() ? null : d;
        c.lastDataDay = in.readInt();
        int n = in.readInt();
        c.callMinutes = new long[Math.max(4, n)];
        c.callTypes = new int[Math.max(4, n)];
        for (int i = 0; i < n; i++) {
            c.callMinutes[i] = in.readLong();
            c.callTypes[i] = in.readInt();
        }
        c.calls = n;
        n = in.readInt();
        c.tipMinutes = new long[Math.max(1, n)];
        for (int i = 0; i < n; i++) c.tipMinutes[i] = in.readLong();
        c.tips = n;
        n = in.readInt();
        c.officerMinutes = new long[Math.max(1, n)];
        for (int i = 0; i < n; i++) c.officerMinutes[i] = in.readLong();
        c.officer = n;
        for (int i = 0; i <= days; i++) {
            c.slotDay[i] = in.readInt();
            c.slotTips[i] = in.readInt();
            for (int s = 0; s < slices; s++) c.slotCalls[i * slices + s] = in.readInt();
        }
        for (int i = 0; i <= days; i++) {
            for (int s = 0; s < slices; s++) {
                if (c.slotCalls[i * slices + s] > 0) {
                    c.lastCallDay = Math.max(c.lastCallDay, c.slotDay[i]);
                }
            }
        }
        for (int w = 0; w < windows; w++) {
            c.episodePeak[w] = in.readDouble();
            c.episodeLast[w] = in.readLong();
        }
        c.viewActive = in.readBoolean();
        if (version >= 2) {
            String b = in.readUTF();
            c.beat = b.isEmpty() ? null : b;
        }
        return c;
    }
}
