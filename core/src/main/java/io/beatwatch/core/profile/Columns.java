package io.beatwatch.core.profile;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Which feed column (CSV header name or NDJSON key) fills each field of the wire record. Any column
 * may be absent (null); which ones a feed needs is checked by {@link CityProfile}.
 *
 * @param id incident id; absent: the id is synthesized (see {@link CityProfile#idPrefix()})
 * @param types current call type (calls): YAML {@code type}, one column or a list of them tried in
 *     order, the first non-blank wins ({@code type: [CALL_DESC, CALL_ID]})
 * @param typeInitial type as first dispatched
 * @param typeFinal type as cleared
 * @param category agency grouping of types (calls) or the tip's category (tips, required)
 * @param priority dispatch priority (integer, or text matched by the profile's priority rules)
 * @param district district / substation (see {@link CityProfile#districtPattern()})
 * @param beat patrol beat
 * @param lat latitude, WGS84 decimal degrees
 * @param lon longitude, WGS84 decimal degrees
 * @param address block-level address
 * @param disposition how the call was cleared
 * @param officerInitiated a yes/no column saying the call was raised by an officer
 * @param text a tip's free text (tips only)
 */
public record Columns(
        String id,
        @JsonProperty("type") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                List<String> types,
        String typeInitial,
        String typeFinal,
        String category,
        String priority,
        String district,
        String beat,
        String lat,
        String lon,
        String address,
        String disposition,
        String officerInitiated,
        String text) {

    public Columns {
        if (lat == null || lat.isBlank() || lon == null || lon.isBlank()) {
            throw new IllegalArgumentException(
                    "columns: lat and lon are required (e.g. 'lat: LATITUDE', 'lon: LONGITUDE',"
                            + " your header names)");
        }
        types = types == null ? List.of() : List.copyOf(types);
        for (String t : types) {
            if (t == null || t.isBlank()) {
                throw new IllegalArgumentException("columns.type: a blank column name");
            }
        }
    }

    /** The first type column, or null when none is mapped. */
    public String type() {
        return types.isEmpty() ? null : types.get(0);
    }
}
