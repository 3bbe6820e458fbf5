package io.beatwatch.jobs.patrol;

/** A district's view of one of its cells: beat, neighbourhood and risk as of a time. */
public final class CellRisk {

    public String beat;
    public String neighbourhood;
    public double risk;
    public long riskAt;

    public CellRisk() {}

    CellRisk(String beat, String neighbourhood, double risk, long riskAt) {
        this.beat = beat;
        this.neighbourhood = neighbourhood;
        this.risk = risk;
        this.riskAt = riskAt;
    }
}
