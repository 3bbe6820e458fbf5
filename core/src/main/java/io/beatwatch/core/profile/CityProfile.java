package io.beatwatch.core.profile;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.beatwatch.core.geo.Projection;
import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.validate.Bounds;
import io.beatwatch.core.validate.FieldLimits;
import io.beatwatch.core.validate.ValidationRules;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How one agency's feed maps onto Beatwatch's wire records: columns, time, bounds, which types are
 * officer-initiated and which are sensitive. Loaded from YAML by {@link CityProfiles}; validated
 * here, so a profile that exists is usable.
 *
 * @param name short name, lowercase letters, digits and dashes (the YAML file's base name)
 * @param description one line for people
 * @param feed calls ({@code cfs}) or tips
 * @param format csv or ndjson (either may be gzip-compressed)
 * @param source feed name written into each call's {@code source} / each tip's {@code channel};
 *     defaults to {@code name}
 * @param zone the city's time zone, for local timestamps and local days
 * @param bounds events outside are rejected ({@code out_of_bounds})
 * @param columns which column fills which field
 * @param time where and how to read the event time
 * @param officerInitiated types raised by officers, not citizens (matched on the initial type when
 *     known, else the current type; a yes/no {@code columns.officerInitiated} wins when filled)
 * @param sensitive types never shown publicly (matched on initial, final and current type)
 * @param districtPattern optional regex applied to the district column; group 1 (or the whole
 *     match) becomes the district, no match leaves it empty
 * @param priorityRules optional text-to-priority rules; without them the priority column must hold
 *     integers
 * @param idPrefix prefix of synthesized ids when {@code columns.id} is absent; defaults to {@code
 *     name + "-"}
 * @param maxFutureSkew how far ahead of our clock an event time may be; default 1 h
 * @param limits field length limits; defaults in {@link FieldLimits}
 * @param baselineDays trailing days of the detection baseline for this feed, or null for the
 *     default (28). A feed with gaps (San Antonio's mirror covers about six days a month) needs a
 *     longer period so the baseline holds enough days with data.
 * @param projection EPSG code of projected coordinates ({@code EPSG:2269}): {@code columns.lon}
 *     then holds the easting (x) and {@code columns.lat} the northing (y), converted to WGS84 at
 *     decode; null for degrees
 * @param typeTable a CSV of {@code code,name,group}, path relative to the profile file: codes
 *     become names and groups at decode (see {@link TypeTable}); null for none
 * @param typeCodes the table read from {@code typeTable}, set by {@link CityProfiles} (not a YAML
 *     key)
 */
public record CityProfile(
        String name,
        String description,
        FeedKind feed,
        FeedFormat format,
        String source,
        ZoneId zone,
        Bounds bounds,
        Columns columns,
        TimeSource time,
        TypeRules officerInitiated,
        TypeRules sensitive,
        String districtPattern,
        List<PriorityRule> priorityRules,
        String idPrefix,
        Duration maxFutureSkew,
        FieldLimits limits,
        Integer baselineDays,
        String projection,
        String typeTable,
        @JsonIgnore TypeTable typeCodes) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    public CityProfile {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "name '" + name + "' must be lowercase letters, digits and dashes");
        }
        Objects.requireNonNull(feed, "feed (cfs or tips) is required");
        Objects.requireNonNull(format, "format (csv or ndjson) is required");
        Objects.requireNonNull(zone, "zone is required");
        Objects.requireNonNull(bounds, "bounds is required");
        Objects.requireNonNull(columns, "columns is required");
        Objects.requireNonNull(time, "time is required");
        source = source == null || source.isBlank() ? name : source;
        officerInitiated = officerInitiated == null ? TypeRules.none() : officerInitiated;
        sensitive = sensitive == null ? TypeRules.none() : sensitive;
        priorityRules = priorityRules == null ? List.of() : List.copyOf(priorityRules);
        idPrefix = idPrefix == null ? name + "-" : idPrefix;
        maxFutureSkew =
                maxFutureSkew == null ? ValidationRules.DEFAULT_MAX_FUTURE_SKEW : maxFutureSkew;
        limits = limits == null ? FieldLimits.DEFAULT : limits;
        if (baselineDays != null && (baselineDays < 1 || baselineDays > 366)) {
            throw new IllegalArgumentException("baselineDays must be 1..366, was " + baselineDays);
        }
        if (maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("maxFutureSkew must not be negative");
        }
        if (feed == FeedKind.CFS && isBlank(columns.type())) {
            throw new IllegalArgumentException("a cfs profile needs columns.type");
        }
        if (feed == FeedKind.TIPS && isBlank(columns.category())) {
            throw new IllegalArgumentException("a tips profile needs columns.category");
        }
        if (districtPattern != null) {
            if (isBlank(columns.district())) {
                throw new IllegalArgumentException("districtPattern needs columns.district");
            }
            try {
                Pattern.compile(districtPattern);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(
                        "districtPattern is not a regex: " + e.getMessage(), e);
            }
        }
        if (!priorityRules.isEmpty() && isBlank(columns.priority())) {
            throw new IllegalArgumentException("priorityRules need columns.priority");
        }
        if (projection != null) {
            projection = Projection.of(projection).epsg();
        }
        if (typeCodes != null) {
            // Rules may name codes: match the names the codes become as well.
            officerInitiated = typeCodes.expand(officerInitiated);
            sensitive = typeCodes.expand(sensitive);
        }
    }

    /** This profile with its type table read (by {@link CityProfiles}, from {@code typeTable}). */
    public CityProfile withTypeCodes(TypeTable table) {
        return new CityProfile(
                name,
                description,
                feed,
                format,
                source,
                zone,
                bounds,
                columns,
                time,
                officerInitiated,
                sensitive,
                districtPattern,
                priorityRules,
                idPrefix,
                maxFutureSkew,
                limits,
                baselineDays,
                projection,
                typeTable,
                table);
    }

    /** The validation rules this profile implies (bounds, skew, limits). */
    public ValidationRules validationRules() {
        return new ValidationRules(bounds, maxFutureSkew, limits);
    }

    /** Whether the feed carries its own incident id (else ids are synthesized). */
    public boolean hasIdColumn() {
        return !isBlank(columns.id());
    }

    /**
     * Whether the call must never be shown publicly: any of its initial, final and current types is
     * sensitive (sexual assault, domestic violence, juvenile, mental health / welfare, ...).
     */
    public boolean isSensitive(CallForService call) {
        return sensitive.testAny(call.allTypes());
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
