package io.beatwatch.load;

import io.beatwatch.core.detect.CityDetector;
import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.model.Tip;
import io.beatwatch.core.validate.Decoder;
import io.beatwatch.core.validate.Parsed;
import io.beatwatch.core.validate.ValidationRules;
import io.beatwatch.core.validate.Validator;
import io.beatwatch.jobs.hotspot.HotspotJobConfig;
import io.beatwatch.jobs.hotspot.RawRecord;
import java.time.Clock;
import java.util.Iterator;
import java.util.function.Function;

/**
 * The single-thread plain-Java loop the job is compared with: per record, decode the JSON with
 * core's {@link Decoder} (as the job's decode operator does), then {@link CityDetector} (H3 cell,
 * dedupe, counts, baselines, scan statistic, alert lifecycle).
 */
public final class PlainLoop {

    /** What one pass did: records in, records decoded, rejects, alert events out. */
    public record Result(long records, long decoded, long rejected, long alertEvents) {}

    private PlainLoop() {}

    /** Runs the loop once over {@code records} with a fresh decoder and detector. */
    public static Result run(
            Iterator<RawRecord> records,
            HotspotJobConfig config,
            Function<String, String> districtOfCell) {
        var decoder =
                new Decoder(
                        new Validator(
                                ValidationRules.of(config.bounds()),
                                Clock.systemUTC(),
                                config.source()),
                        type -> config.officerTypes().contains(type));
        var detector =
                new CityDetector(
                        config.detection(), new H3Grid(config.h3Resolution()), districtOfCell);
        long n = 0, decoded = 0, rejected = 0, alerts = 0, lastTime = Long.MIN_VALUE;
        while (records.hasNext()) {
            RawRecord raw = records.next();
            n++;
            if (raw.kind == RawRecord.Kind.CFS) {
                Parsed<CallForService> p = decoder.call(raw.payload);
                if (!p.isOk()) {
                    rejected++;
                    continue;
                }
                decoded++;
                lastTime = Math.max(lastTime, p.value().receivedAt().toEpochMilli());
                alerts += detector.accept(p.value()).size();
            } else {
                Parsed<Tip> p = decoder.tip(raw.payload);
                if (!p.isOk()) {
                    rejected++;
                    continue;
                }
                decoded++;
                lastTime = Math.max(lastTime, p.value().receivedAt().toEpochMilli());
                alerts += detector.accept(p.value()).size();
            }
        }
        if (lastTime != Long.MIN_VALUE) alerts += detector.advanceTo(lastTime).size();
        return new Result(n, decoded, rejected, alerts);
    }
}
