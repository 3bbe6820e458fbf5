package io.beatwatch.core.impact;

import java.util.List;

/**
 * What an impact study found: the groups, their balance, the difference-in-differences with its
 * interval, the buffer's change and the weighted displacement quotient, the event study and the
 * dose-response. Effects are relative (-0.2 = 20% fewer calls than the comparison predicts).
 *
 * @param treated treated cells kept
 * @param comparison matched comparison cells (distinct)
 * @param buffer cells in the surrounding rings
 * @param dropped treated cells without a comparison cell
 * @param matchingDays analysed days of the matching window (the first half of the pre-period)
 * @param beforeDays analysed days of the before period (the rest of the pre-period)
 * @param postDays analysed days with patrols
 * @param balance pre-period level and trend of the groups
 * @param totals summed calls of each group before and after (a comparison cell once per use)
 * @param comparisonUses comparison cells counted once per use (the matched pairs)
 * @param effect treated against comparison, per exposure: {@code itt} scaled by the exposure
 *     contrast (equal to {@code itt} when no comparison cell was patrolled)
 * @param itt treated against comparison as matched (intention to treat): with {@link
 *     ImpactConfig.Method#RISK} comparison cells patrolled later count with their patrolled days
 * @param contrast share of after days the treated cells were exposed minus that of their comparison
 *     cells (1 unless comparison cells were patrolled later)
 * @param bufferEffect buffer against comparison (negative: the ring improved too; positive:
 *     displacement)
 * @param wdq weighted displacement quotient, with its interval
 * @param wdqParts the data's success and buffer measures
 * @param eventStudy one entry per calendar bin, relative to the patrol start
 * @param doseResponse one entry per dose bin
 */
public record ImpactResult(
        int treated,
        int comparison,
        int buffer,
        int dropped,
        int matchingDays,
        int beforeDays,
        int postDays,
        Balance balance,
        Totals totals,
        long comparisonUses,
        Interval effect,
        Interval itt,
        Interval contrast,
        Interval bufferEffect,
        Interval wdq,
        Wdq wdqParts,
        List<EventBin> eventStudy,
        List<DoseBin> doseResponse) {

    public ImpactResult {
        eventStudy = List.copyOf(eventStudy);
        doseResponse = List.copyOf(doseResponse);
    }

    /**
     * Means per cell after matching (a comparison cell counted once per use): calls per day in the
     * before period, the matching window's trend (log ratio of its second half to its first), and
     * calls per day in the matching window.
     */
    public record Balance(
            double treatedRate,
            double comparisonRate,
            double treatedTrend,
            double comparisonTrend,
            double treatedMatchRate,
            double comparisonMatchRate) {}

    /** Summed outcome calls of each group in the before period and after the patrol start. */
    public record Totals(
            long treatedBefore,
            long treatedAfter,
            long comparisonBefore,
            long comparisonAfter,
            long bufferBefore,
            long bufferAfter) {}

    /**
     * One event-study bin.
     *
     * @param bin bin number: 0 is the first {@code binDays} of patrols, -1 the bin before
     * @param firstDay local epoch day the bin starts
     * @param days analysed days in the bin
     * @param treatedRate treated calls per cell per day
     * @param comparisonRate comparison calls per cell per day, scaled to the treated cells' level
     *     in the before period (the counterfactual)
     * @param effect this bin's change against the before period, treated relative to comparison
     *     (bins of the matching window are not a test of parallel trends: the comparison cells were
     *     chosen on them)
     */
    public record EventBin(
            int bin,
            int firstDay,
            int days,
            double treatedRate,
            double comparisonRate,
            Interval effect) {}

    /**
     * One dose-response bin: treated cells whose dose is in [from, to), against their own matched
     * comparison cells.
     */
    public record DoseBin(double from, double to, int cells, double meanDose, Interval effect) {}
}
