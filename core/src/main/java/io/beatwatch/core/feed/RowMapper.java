package io.beatwatch.core.feed;

import io.beatwatch.core.geo.Projection;
import io.beatwatch.core.model.RejectReason;
import io.beatwatch.core.profile.CityProfile;
import io.beatwatch.core.validate.InvalidRecordException;
import io.beatwatch.core.validate.Parsed;
import io.beatwatch.core.validate.Validator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Maps one row through a city profile into a wire record or a reject. Shared parts: optional
 * fields, ids (read or synthesized), coordinates. Not thread-safe (one per reader).
 */
abstract class RowMapper<T> {

    /** Hex characters kept of the SHA-256 of a row for a synthesized id (96 bits). */
    static final int SYNTHETIC_ID_HEX_CHARS = 24;

    protected final CityProfile profile;
    protected final Validator validator;
    protected final TimeReader time;
    private final MessageDigest sha256;
    private final Projection projection;

    RowMapper(CityProfile profile, Validator validator) {
        this.profile = profile;
        this.validator = validator;
        this.time = new TimeReader(profile.time(), profile.zone());
        this.projection = profile.projection() == null ? null : Projection.of(profile.projection());
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    private boolean lastHadCoordinates;

    /** The row as a record, or a reject naming the first failing check. */
    final Parsed<T> map(Row row, long rowNumber) {
        Location location = locate(row);
        lastHadCoordinates =
                location.problem() == null
                        || location.problem().reason() == RejectReason.OUT_OF_BOUNDS;
        try {
            return Parsed.ok(build(row, rowNumber, location));
        } catch (InvalidRecordException e) {
            return Parsed.rejected(validator.reject(e, row.payload()));
        }
    }

    /**
     * Whether the row last mapped carried a usable location (two numbers, not a 0,0 placeholder),
     * whatever else was wrong with it, inside the bounds or not.
     */
    final boolean lastHadCoordinates() {
        return lastHadCoordinates;
    }

    /**
     * Builds the record or throws {@link InvalidRecordException}. {@code location} is parsed
     * already (once per row); call {@link Location#require()} where coordinates are checked.
     */
    abstract T build(Row row, long rowNumber, Location location);

    /** A row's parsed coordinates, or why they are unusable. */
    record Location(double lat, double lon, InvalidRecordException problem) {
        /** Throws the coordinate problem, if any. */
        void require() {
            if (problem != null) {
                throw problem;
            }
        }
    }

    private Location locate(Row row) {
        try {
            double lat =
                    Validator.parseCoordinate(
                            row.get(profile.columns().lat()), profile.columns().lat());
            double lon =
                    Validator.parseCoordinate(
                            row.get(profile.columns().lon()), profile.columns().lon());
            if (projection != null) {
                if (Math.abs(lat) < 1 && Math.abs(lon) < 1) {
                    // A projected 0,0 is no location; converted it would land far from the city.
                    throw new InvalidRecordException(
                            RejectReason.MISSING_COORDINATES,
                            "projected coordinates " + lon + "," + lat + " are a 0,0 placeholder");
                }
                double[] d = projection.toDegrees(lon, lat);
                lat = d[0];
                lon = d[1];
            }
            validator.requireLocation(lat, lon);
            return new Location(lat, lon, null);
        } catch (InvalidRecordException e) {
            return new Location(Double.NaN, Double.NaN, e);
        }
    }

    /** The id of an accepted record, for distinct-id counting. */
    abstract String idOf(T value);

    /**
     * The feed's id, or, when the profile maps no id column, a synthesized one: the profile's
     * prefix plus the first 96 bits (hex) of SHA-256 over the row number and every field. Stable
     * for the same file (a re-read gives the same ids); identical rows at different positions get
     * different ids, since feeds without ids do repeat genuine, distinct events.
     */
    final String id(Row row, long rowNumber) {
        if (profile.hasIdColumn()) {
            return validator.requireId(row.get(profile.columns().id()));
        }
        sha256.reset();
        sha256.update(Long.toString(rowNumber).getBytes(StandardCharsets.US_ASCII));
        sha256.update((byte) 0x1f);
        sha256.update(row.canonical().getBytes(StandardCharsets.UTF_8));
        String hex = HexFormat.of().formatHex(sha256.digest());
        return profile.idPrefix() + hex.substring(0, SYNTHETIC_ID_HEX_CHARS);
    }

    /** The stripped text of an optional column; null when unmapped, absent or blank. */
    static String opt(Row row, String column) {
        if (column == null) {
            return null;
        }
        String v = row.get(column);
        if (v == null) {
            return null;
        }
        String s = v.strip();
        return s.isEmpty() ? null : s;
    }
}
