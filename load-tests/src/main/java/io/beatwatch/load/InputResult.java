package io.beatwatch.load;

import java.util.List;

/**
 * The measured rounds of the three sides on one input.
 *
 * @param name input name ({@code synthetic-30d}, {@code san-antonio})
 * @param synthetic whether it is the synthetic city (else a real file)
 * @param historyDays days of history the input spans
 * @param events records the job and the loop consume
 * @param q5Events bids q5 consumes
 * @param description the input, for the report
 * @param job the job's measured rounds, in order
 * @param q5 q5's measured rounds
 * @param loop the loop's measured rounds
 * @param notes what went wrong or was cut short, for the report
 */
public record InputResult(
        String name,
        boolean synthetic,
        double historyDays,
        long events,
        long q5Events,
        String description,
        List<SideRun> job,
        List<SideRun> q5,
        List<SideRun> loop,
        List<String> notes) {

    public InputResult {
        job = List.copyOf(job);
        q5 = List.copyOf(q5);
        loop = List.copyOf(loop);
        notes = List.copyOf(notes);
    }

    public double jobMedian() {
        return median(job);
    }

    public double q5Median() {
        return median(q5);
    }

    public double loopMedian() {
        return median(loop);
    }

    /** The median events/s of the runs that have a figure; NaN when none has. */
    static double median(List<SideRun> runs) {
        List<Double> v = runs.stream().filter(SideRun::ok).map(SideRun::eventsPerSecond).toList();
        return v.isEmpty() ? Double.NaN : Stats.median(v);
    }

    /** {@code part / whole}, NaN when either is missing. */
    static double ratio(double part, double whole) {
        return Double.isNaN(part) || Double.isNaN(whole) || whole <= 0 ? Double.NaN : part / whole;
    }
}
