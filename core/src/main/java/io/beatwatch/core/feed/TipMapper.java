package io.beatwatch.core.feed;

import io.beatwatch.core.model.Tip;
import io.beatwatch.core.profile.CityProfile;
import io.beatwatch.core.profile.Columns;
import io.beatwatch.core.validate.Validator;
import java.time.Instant;

/** Maps a row to a {@link Tip}: id, time, category, location, optional text; channel = source. */
final class TipMapper extends RowMapper<Tip> {

    private final Columns c;

    TipMapper(CityProfile profile, Validator validator) {
        super(profile, validator);
        this.c = profile.columns();
    }

    @Override
    Tip build(Row row, long rowNumber, Location location) {
        String id = id(row, rowNumber);
        Instant receivedAt = validator.requireNotFuture(time.read(row));
        String category = validator.requireType(row.get(c.category()), c.category());
        location.require();
        double lat = location.lat();
        double lon = location.lon();
        var tip =
                new Tip(
                        Tip.VERSION,
                        id,
                        receivedAt,
                        category,
                        lat,
                        lon,
                        opt(row, c.text()),
                        profile.source());
        validator.checkLengths(tip);
        return tip;
    }

    @Override
    String idOf(Tip value) {
        return value.id();
    }
}
