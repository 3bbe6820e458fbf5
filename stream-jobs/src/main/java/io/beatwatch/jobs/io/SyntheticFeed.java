package io.beatwatch.jobs.io;

import io.beatwatch.core.json.Json;
import io.beatwatch.core.synth.Event;
import io.beatwatch.core.synth.SyntheticCity;
import io.beatwatch.core.synth.SyntheticCityConfig;
import io.beatwatch.core.validate.Bounds;
import io.beatwatch.jobs.hotspot.RawRecord;
import java.util.Iterator;

/** The seeded synthetic city as a replayable feed of raw JSON records. */
public record SyntheticFeed(SyntheticCityConfig config) implements RecordFeed {

    @Override
    public Iterator<RawRecord> open() {
        Iterator<Event> events = new SyntheticCity(config).iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return events.hasNext();
            }

            @Override
            public RawRecord next() {
                return toRaw(events.next());
            }
        };
    }

    /** A box around the synthetic city with margin: the validation bounds of its job. */
    public static Bounds bounds(SyntheticCityConfig c) {
        double dLat = c.halfWidthKm() / 111.0 * 1.5;
        double dLon = dLat / Math.cos(Math.toRadians(c.centre().lat()));
        return new Bounds(
                c.centre().lat() - dLat,
                c.centre().lat() + dLat,
                c.centre().lon() - dLon,
                c.centre().lon() + dLon);
    }

    /** One synthetic event as the JSON its topic would carry. */
    public static RawRecord toRaw(Event e) {
        RawRecord raw =
                e instanceof Event.CallEvent c
                        ? RawRecord.call(Json.encode(c.call()))
                        : RawRecord.tip(Json.encode(((Event.TipEvent) e).tip()));
        raw.eventTimeMillis = e.time().toEpochMilli();
        return raw;
    }
}
