package io.beatwatch.jobs.hotspot;

import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.model.PublicCall;
import io.beatwatch.core.model.Reject;
import io.beatwatch.core.model.RejectReason;
import io.beatwatch.core.model.Tip;
import io.beatwatch.core.validate.Decoder;
import io.beatwatch.core.validate.Parsed;
import io.beatwatch.core.validate.ValidationRules;
import io.beatwatch.core.validate.Validator;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes raw JSON into {@link CellEvent}s with their H3 cell, and decides there, once, whether a
 * call is sensitive (the city profile is known here): the flag rides on the event and on the {@link
 * #PUBLIC_CALLS} side output the public feed reads. A malformed or invalid record never throws: it
 * goes to the {@link #REJECTS} side output with its reason, and a counter per reason.
 */
final class DecodeFunction extends ProcessFunction<RawRecord, CellEvent> {

    static final OutputTag<Reject> REJECTS = new OutputTag<>("rejects") {};

    /** Every decoded call (updates too) as the public feed may see it. */
    static final OutputTag<PublicCall> PUBLIC_CALLS = new OutputTag<>("public-calls") {};

    private final HotspotJobConfig config;
    private transient Decoder decoder;
    private transient H3Grid grid;
    private transient Counter eventsIn;
    private transient Map<RejectReason, Counter> rejected;

    DecodeFunction(HotspotJobConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext ctx) {
        var rules = ValidationRules.of(config.bounds());
        decoder =
                new Decoder(
                        new Validator(rules, Clock.systemUTC(), config.source()),
                        type -> config.officerTypes().contains(type));
        grid = new H3Grid(config.h3Resolution());
        var metrics = getRuntimeContext().getMetricGroup();
        eventsIn = metrics.counter("events_in");
        rejected = new EnumMap<>(RejectReason.class);
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, metrics.addGroup("reason", reason.code()).counter("rejected"));
        }
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<CellEvent> out) {
        eventsIn.inc();
        if (raw == null || raw.payload == null || raw.kind == null) {
            reject(ctx, raw == null ? null : raw.payload, RejectReason.MALFORMED_RECORD, "empty");
            return;
        }
        try {
            if (raw.kind == RawRecord.Kind.CFS) {
                Parsed<CallForService> parsed = decoder.call(raw.payload);
                if (parsed.isOk()) {
                    var call = parsed.value();
                    boolean sensitive = config.sensitive().isSensitive(call);
                    ctx.output(PUBLIC_CALLS, PublicCall.of(call, sensitive));
                    out.collect(toEvent(call, sensitive));
                } else {
                    sideReject(ctx, parsed.reject());
                }
            } else {
                Parsed<Tip> parsed = decoder.tip(raw.payload);
                if (parsed.isOk()) {
                    out.collect(toEvent(parsed.value()));
                } else {
                    sideReject(ctx, parsed.reject());
                }
            }
        } catch (RuntimeException e) {
            // the decoder promises not to throw; if it ever does, the record still is not lost
            reject(ctx, raw.payload, RejectReason.MALFORMED_RECORD, e.getClass().getSimpleName());
        }
    }

    private CellEvent toEvent(CallForService c, boolean sensitive) {
        CellEvent e =
                new CellEvent(
                        c.id(),
                        c.receivedAt().toEpochMilli(),
                        grid.cellOf(c.lat(), c.lon()),
                        c.district(),
                        c.type(),
                        c.officerInitiated(),
                        false,
                        c.lat(),
                        c.lon());
        e.beat = c.beat();
        e.sensitive = sensitive;
        return e;
    }

    private CellEvent toEvent(Tip t) {
        // tip text never enters the job's state: only place, time and category
        return new CellEvent(
                "tip:" + t.id(),
                t.receivedAt().toEpochMilli(),
                grid.cellOf(t.lat(), t.lon()),
                null,
                t.category(),
                false,
                true,
                t.lat(),
                t.lon());
    }

    private void sideReject(Context ctx, Reject reject) {
        rejected.get(reject.reason()).inc();
        ctx.output(REJECTS, reject);
    }

    private void reject(Context ctx, String payload, RejectReason reason, String detail) {
        sideReject(
                ctx,
                new Reject(
                        Reject.VERSION, config.source(), payload, reason, detail, Instant.now()));
    }
}
