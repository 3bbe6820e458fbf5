package io.beatwatch.core.feed;

import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.profile.CityProfile;
import io.beatwatch.core.profile.Columns;
import io.beatwatch.core.profile.PriorityRule;
import io.beatwatch.core.profile.TypeTable;
import io.beatwatch.core.validate.Validator;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Maps a row to a {@link CallForService} as the city profile says. */
final class CallMapper extends RowMapper<CallForService> {

    private final Columns c;
    private final Pattern districtPattern;
    private final Map<String, Boolean> officerTypeCache = new HashMap<>();
    private final TypeTable table;

    CallMapper(CityProfile profile, Validator validator) {
        super(profile, validator);
        this.c = profile.columns();
        this.table = profile.typeCodes();
        this.districtPattern =
                profile.districtPattern() == null
                        ? null
                        : Pattern.compile(profile.districtPattern());
    }

    @Override
    CallForService build(Row row, long rowNumber, Location location) {
        String id = id(row, rowNumber);
        Instant receivedAt = validator.requireNotFuture(time.read(row));
        String code = validator.requireType(firstType(row), String.join(" / ", c.types()));
        location.require();
        double lat = location.lat();
        double lon = location.lon();
        String initialCode = opt(row, c.typeInitial());
        String category = opt(row, c.category());
        if (category == null && table != null) {
            category = table.group(code);
        }
        boolean officer = officerInitiated(row, initialCode != null ? initialCode : code);
        var call =
                new CallForService(
                        CallForService.VERSION,
                        id,
                        receivedAt,
                        named(code),
                        named(initialCode),
                        named(opt(row, c.typeFinal())),
                        category,
                        priority(row),
                        officer,
                        opt(row, c.disposition()),
                        district(row),
                        opt(row, c.beat()),
                        lat,
                        lon,
                        opt(row, c.address()),
                        profile.source());
        validator.checkLengths(call);
        return call;
    }

    /** A code's name from the profile's type table; the code itself without one. */
    private String named(String code) {
        return table == null ? code : table.name(code);
    }

    @Override
    String idOf(CallForService value) {
        return value.id();
    }

    /** The first non-blank of the type columns, in the profile's order; null if all are blank. */
    private String firstType(Row row) {
        for (String column : c.types()) {
            String v = row.get(column);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private boolean officerInitiated(Row row, String type) {
        String flag = opt(row, c.officerInitiated());
        if (flag != null) {
            switch (flag.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "y", "1", "t" -> {
                    return true;
                }
                case "false", "no", "n", "0", "f" -> {
                    return false;
                }
                default -> {
                    // unreadable flag: fall back to the type list
                }
            }
        }
        // Rules may name the code or, with a type table, its name.
        return officerTypeCache.computeIfAbsent(
                type,
                t ->
                        profile.officerInitiated().test(t)
                                || (table != null
                                        && profile.officerInitiated().test(table.name(t))));
    }

    private String district(Row row) {
        String raw = opt(row, c.district());
        if (raw == null || districtPattern == null) {
            return raw;
        }
        Matcher m = districtPattern.matcher(raw);
        if (!m.find()) {
            return null;
        }
        return m.groupCount() >= 1 && m.group(1) != null ? m.group(1) : m.group();
    }

    private Integer priority(Row row) {
        String raw = opt(row, c.priority());
        if (raw == null) {
            return null;
        }
        if (!profile.priorityRules().isEmpty()) {
            String lower = raw.toLowerCase(Locale.ROOT);
            for (PriorityRule rule : profile.priorityRules()) {
                if (lower.contains(rule.contains().toLowerCase(Locale.ROOT))) {
                    return rule.value();
                }
            }
            return null;
        }
        try {
            int p = Integer.parseInt(raw);
            return p >= 0 ? p : null;
        } catch (NumberFormatException e) {
            // An optional field: an unreadable priority leaves it unknown, not the call rejected.
            return null;
        }
    }
}
