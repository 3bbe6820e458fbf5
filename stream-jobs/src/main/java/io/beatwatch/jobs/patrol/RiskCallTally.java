package io.beatwatch.jobs.patrol;

import java.util.HashMap;
import org.apache.flink.api.common.accumulators.Accumulator;

/**
 * Calls that count as patrol risk, per cell, as the cell tracker saw them (each incident once,
 * citizen-initiated, neither enforcement-prone nor ignored): a Flink accumulator, merged over the
 * subtasks when the job ends. The replay summary's population of "cells with calls".
 */
public final class RiskCallTally implements Accumulator<String, HashMap<String, Long>> {

    private static final long serialVersionUID = 1L;

    /** The accumulator's name in the job result. */
    public static final String NAME = "patrol-risk-calls-by-cell";

    private HashMap<String, Long> counts = new HashMap<>();

    @Override
    public void add(String cell) {
        counts.merge(cell, 1L, Long::sum);
    }

    @Override
    public HashMap<String, Long> getLocalValue() {
        return counts;
    }

    @Override
    public void resetLocal() {
        counts = new HashMap<>();
    }

    @Override
    public void merge(Accumulator<String, HashMap<String, Long>> other) {
        other.getLocalValue().forEach((cell, n) -> counts.merge(cell, n, Long::sum));
    }

    @Override
    public RiskCallTally clone() {
        RiskCallTally copy = new RiskCallTally();
        copy.counts = new HashMap<>(counts);
        return copy;
    }
}
