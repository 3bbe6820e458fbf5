package io.beatwatch.load.latency;

import io.beatwatch.gateway.metrics.GatewayMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's own push-latency timer ({@code beatwatch.gateway.alert.push.latency}: stream append
 * to the socket write) over a span: its cumulative percentile-histogram buckets taken at the start
 * and the end and subtracted. Percentiles are bucket upper bounds (Micrometer's buckets are about
 * 10-30% apart), so read them as "at most".
 */
final class GatewayTimer {

    private final CountAtBucket[] start;
    private final Timer timer;

    private GatewayTimer(Timer timer) {
        this.timer = timer;
        this.start = timer == null ? new CountAtBucket[0] : timer.takeSnapshot().histogramCounts();
    }

    static GatewayTimer mark(MeterRegistry registry) {
        return new GatewayTimer(registry.find(GatewayMetrics.ALERT_PUSH_LATENCY).timer());
    }

    /** Percentiles of the writes since {@link #mark}. */
    StageFigures sinceMark() {
        if (timer == null) return new StageFigures(0, null, null, null, null);
        CountAtBucket[] end = timer.takeSnapshot().histogramCounts();
        double[] bound = new double[end.length];
        double[] cumulative = new double[end.length];
        for (int i = 0; i < end.length; i++) {
            bound[i] = end[i].bucket(TimeUnit.MICROSECONDS);
            cumulative[i] = end[i].count() - (i < start.length ? start[i].count() : 0);
        }
        double total = end.length == 0 ? 0 : cumulative[end.length - 1];
        if (total <= 0) return new StageFigures(0, null, null, null, null);
        return new StageFigures(
                Math.round(total),
                at(bound, cumulative, total, 0.50),
                at(bound, cumulative, total, 0.99),
                at(bound, cumulative, total, 0.999),
                null);
    }

    private static Double at(double[] bound, double[] cumulative, double total, double p) {
        for (int i = 0; i < bound.length; i++) {
            if (cumulative[i] >= p * total) return StageFigures.ms((long) Math.ceil(bound[i]));
        }
        return null;
    }
}
