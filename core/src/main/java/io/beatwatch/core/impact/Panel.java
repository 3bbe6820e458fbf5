package io.beatwatch.core.impact;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The study's data: per cell and per analysed day (days with complete data only), the outcome calls
 * and the patrol minutes received. Days are local epoch days in increasing order; days before
 * {@code start} are the pre-period, the rest the post-period (the patrols).
 */
public final class Panel {

    private final String[] cells;
    private final String[] districts;
    private final int[] district;
    private final int[] days;
    private final int start;
    private final int post;
    private final int[][] calls;
    private final double[][] minutes;
    private final Map<String, Integer> index;

    private Panel(Builder b) {
        this.days = b.days;
        this.start = b.start;
        int p = 0;
        while (p < days.length && days[p] < start) p++;
        this.post = p;
        int n = b.cellIndex.size();
        this.cells = b.cellIndex.keySet().toArray(String[]::new);
        this.districts = b.districtIndex.keySet().toArray(String[]::new);
        this.district = Arrays.copyOf(b.district, n);
        this.calls = new int[n][];
        this.minutes = new double[n][];
        for (int c = 0; c < n; c++) {
            calls[c] = b.calls[c] == null ? new int[days.length] : b.calls[c];
            minutes[c] = b.minutes[c];
        }
        this.index = Map.copyOf(b.cellIndex);
    }

    /**
     * A builder over the analysed days {@code days} (local epoch days, any order) with the patrols
     * starting on local epoch day {@code start}.
     */
    public static Builder builder(int[] days, int start) {
        return new Builder(days, start);
    }

    public int cellCount() {
        return cells.length;
    }

    public String cell(int c) {
        return cells[c];
    }

    /** Index of a cell address, or -1. */
    public int indexOf(String cell) {
        return index.getOrDefault(cell, -1);
    }

    /** District index of cell c, or -1. */
    public int district(int c) {
        return district[c];
    }

    public String districtName(int d) {
        return districts[d];
    }

    public int districtCount() {
        return districts.length;
    }

    /** Analysed local epoch days, increasing. */
    public int[] days() {
        return days.clone();
    }

    public int dayCount() {
        return days.length;
    }

    public int day(int i) {
        return days[i];
    }

    /** Local epoch day the patrols start. */
    public int start() {
        return start;
    }

    /** Index of the first post-period day (= number of pre-period days). */
    public int firstPostIndex() {
        return post;
    }

    public int preDays() {
        return post;
    }

    public int postDays() {
        return days.length - post;
    }

    /** Outcome calls of cell c on analysed day i. */
    public int calls(int c, int i) {
        return calls[c][i];
    }

    /** Patrol minutes of cell c on analysed day i. */
    public double minutes(int c, int i) {
        return minutes[c] == null ? 0 : minutes[c][i];
    }

    /** Outcome calls of cell c over the analysed days [from, to). */
    public long calls(int c, int from, int to) {
        long s = 0;
        for (int i = from; i < to; i++) s += calls[c][i];
        return s;
    }

    public long preCalls(int c) {
        return calls(c, 0, post);
    }

    public long postCalls(int c) {
        return calls(c, post, days.length);
    }

    /** Mean patrol minutes per post-period day (the dose), 0 when there is no post-period. */
    public double dose(int c) {
        if (minutes[c] == null || postDays() == 0) return 0;
        double s = 0;
        for (int i = post; i < days.length; i++) s += minutes[c][i];
        return s / postDays();
    }

    /** Collects calls and minutes by cell and day; days outside the analysed set are ignored. */
    public static final class Builder {
        private final int[] days;
        private final int start;
        private final Map<Integer, Integer> dayIndex = new HashMap<>();
        private final Map<String, Integer> cellIndex = new LinkedHashMap<>();
        private final Map<String, Integer> districtIndex = new LinkedHashMap<>();
        private int[] district = new int[256];
        private int[][] calls = new int[256][];
        private double[][] minutes = new double[256][];

        private Builder(int[] days, int start) {
            this.days = Arrays.stream(days).distinct().sorted().toArray();
            this.start = start;
            for (int i = 0; i < this.days.length; i++) dayIndex.put(this.days[i], i);
        }

        /**
         * Registers a cell and its district (null: none); a later call with a district sets it.
         * Returns its index.
         */
        public int cell(String cell, String districtName) {
            Objects.requireNonNull(cell, "cell");
            Integer c = cellIndex.get(cell);
            if (c == null) {
                c = cellIndex.size();
                cellIndex.put(cell, c);
                if (c == district.length) {
                    district = Arrays.copyOf(district, c * 2);
                    calls = Arrays.copyOf(calls, c * 2);
                    minutes = Arrays.copyOf(minutes, c * 2);
                }
                district[c] = -1;
            }
            if (districtName != null && !districtName.isBlank()) {
                district[c] =
                        districtIndex.computeIfAbsent(districtName, k -> districtIndex.size());
            }
            return c;
        }

        /** Adds {@code n} outcome calls to a cell on a local epoch day. */
        public Builder calls(String cell, int day, int n) {
            Integer i = dayIndex.get(day);
            int c = cell(cell, null);
            if (i == null) return this;
            if (calls[c] == null) calls[c] = new int[days.length];
            calls[c][i] += n;
            return this;
        }

        /** Adds patrol minutes to a cell on a local epoch day. */
        public Builder minutes(String cell, int day, double m) {
            Integer i = dayIndex.get(day);
            int c = cell(cell, null);
            if (i == null) return this;
            if (minutes[c] == null) minutes[c] = new double[days.length];
            minutes[c][i] += m;
            return this;
        }

        public Panel build() {
            return new Panel(this);
        }
    }
}
