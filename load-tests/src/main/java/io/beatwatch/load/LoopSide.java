package io.beatwatch.load;

/** The loop side: {@link PlainLoop} over the input on the calling thread. */
final class LoopSide {

    private LoopSide() {}

    static SideRun run(BenchInput in) {
        long t0 = System.nanoTime();
        PlainLoop.Result r = PlainLoop.run(in.feed().open(), in.config(), in.districtOfCell());
        double secs = (System.nanoTime() - t0) / 1e9;
        if (r.records() != in.records()) {
            return SideRun.failed(
                    "loop saw " + r.records() + " records, expected " + in.records(),
                    LocalCluster.loadAverage());
        }
        return new SideRun(
                Stats.rate(r.records(), secs),
                secs,
                secs,
                r.records(),
                String.format("%,d alert events, %,d rejects", r.alertEvents(), r.rejected()),
                LocalCluster.loadAverage(),
                null);
    }
}
