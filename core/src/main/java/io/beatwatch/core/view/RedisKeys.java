package io.beatwatch.core.view;

import java.time.Duration;

/**
 * Every Redis key Beatwatch writes, in one place. The view is rebuilt from Flink at any time and is
 * written only with absolute values (HSET, ZADD, SET), never INCR, so a re-sent command is
 * harmless.
 */
public final class RedisKeys {

    /** Redis Stream of alert events (opened / updated / closed), bounded with MAXLEN ~. */
    public static final String ALERT_STREAM = "beatwatch:alerts";

    /** Hash field of a stream entry holding the alert JSON. */
    public static final String STREAM_FIELD_ALERT = "alert";

    /** Hash field of a stream entry holding the alert event's dedupe key (alertId + revision). */
    public static final String STREAM_FIELD_EVENT_ID = "event";

    /** Set of alert event ids already appended to the stream, so a re-run does not append twice. */
    public static final String ALERT_EVENTS_SEEN = "beatwatch:alerts:seen";

    /** Hash alertId to alert JSON of every open alert; removed on close. */
    public static final String OPEN_ALERTS = "beatwatch:alerts:open";

    /** Set of district names that have any cell in the view. */
    public static final String DISTRICTS = "beatwatch:districts";

    /**
     * Hash alertId to the latest supervisor action JSON (ack / assign / dismiss: who, when, note),
     * written by the gateway. Not rebuilt from Flink: the audit log holds the full history.
     */
    public static final String ALERT_ACTIONS = "beatwatch:alert-actions";

    /**
     * How long an alert's log ({@link #alertLog}) is kept after its last entry: a shift handover a
     * week later still finds who acknowledged what.
     */
    public static final Duration ALERT_LOG_TTL = Duration.ofDays(8);

    /** Default bound on the alert stream length. */
    public static final long ALERT_STREAM_MAX_LEN = 10_000;

    /** How long a cell's view entry lives after its last update (idle cells expire). */
    public static final Duration CELL_TTL = Duration.ofHours(6);

    // ---- patrol suggestions (written by the patrol stage of HotspotJob) ----

    /**
     * Redis Stream of new patrol suggestions, one entry per suggestion (fields {@link
     * #STREAM_FIELD_EVENT_ID} = suggestionId and {@link #STREAM_FIELD_SUGGESTION} = its JSON), for
     * gateways to push to dispatchers; bounded with MAXLEN ~.
     */
    public static final String SUGGESTION_STREAM = "beatwatch:suggestions";

    /** Hash field of a suggestion stream entry holding the suggestion JSON. */
    public static final String STREAM_FIELD_SUGGESTION = "suggestion";

    /** Default bound on the suggestion stream length. */
    public static final long SUGGESTION_STREAM_MAX_LEN = 10_000;

    /**
     * How long a district's suggestion hash lives after its last rewrite (the job rewrites it at
     * every change; if the job stops, stale suggestions vanish).
     */
    public static final Duration SUGGESTIONS_TTL = Duration.ofHours(2);

    /** How long a single suggestion stays readable by id (feedback may come hours later). */
    public static final Duration SUGGESTION_TTL = Duration.ofHours(12);

    /** How long a district's daily dosage hash and the day's summary live. */
    public static final Duration DOSAGE_TTL = Duration.ofDays(8);

    /** Field of a {@link #cell} hash: the beat of the cell's latest call that had one. */
    public static final String CELL_FIELD_BEAT = "beat";

    private RedisKeys() {}

    /**
     * Hash of one cell's current state for one window: observed, expected, score, recurrence,
     * officerInitiated, tips, district, lat, lon, updatedAt (all absolute values), and {@link
     * #CELL_FIELD_BEAT} when the feed carries beats.
     */
    public static String cell(String cell, int windowMinutes) {
        return "beatwatch:cell:" + cell + ":" + windowMinutes;
    }

    /**
     * Sorted set: one alert's log, written by the gateway: every supervisor action (ack, assign,
     * note, dismiss) and the patrol feedback of suggestions the alert drove, each member a JSON
     * record, scored by its time (epoch ms). ZADD of the whole record, so a re-sent command adds
     * nothing; expires {@link #ALERT_LOG_TTL} after the last entry.
     */
    public static String alertLog(String alertId) {
        return "beatwatch:alert-log:" + alertId;
    }

    /** Sorted set of cells in a district ranked by score for one window (ZADD absolute scores). */
    public static String ranked(String district, int windowMinutes) {
        return "beatwatch:hot:" + district + ":" + windowMinutes;
    }

    /**
     * Hash suggestionId to suggestion JSON of a district's current patrol suggestions: those a
     * dispatcher can still act on (suggested and still valid, accepted, on scene). Rewritten whole
     * (absolute) at every change; expires {@link #SUGGESTIONS_TTL} after the last rewrite.
     */
    public static String suggestions(String district) {
        return "beatwatch:suggestions:" + district;
    }

    /**
     * String: one suggestion's JSON by id, for {@link #SUGGESTION_TTL} after it was made, so the
     * gateway can check feedback (and find its district and cell) without knowing the district.
     */
    public static String suggestion(String suggestionId) {
        return "beatwatch:suggestion:" + suggestionId;
    }

    /** Marker set (NX) before a suggestion is appended to the stream, so it is appended once. */
    public static String suggestionSeen(String suggestionId) {
        return "beatwatch:suggestion-seen:" + suggestionId;
    }

    /**
     * A single-use WebSocket ticket (value: the principal JSON, TTL about 30 s), keyed by the
     * SHA-256 of the ticket so the ticket itself is never stored. Written and deleted by the
     * gateway (SET NX EX, GETDEL), so any gateway instance can redeem it.
     */
    public static String wsTicket(String ticketSha256Hex) {
        return "beatwatch:ws-ticket:" + ticketSha256Hex;
    }

    /**
     * One tip's JSON (with its text) for the supervisor's tip detail, written by the gateway's
     * intake after Kafka accepted it, with a TTL. Never read by any other payload.
     */
    public static String tip(String tipId) {
        return "beatwatch:tip:" + tipId;
    }

    /**
     * Sorted set of recent tip ids in one H3 cell, scored by receipt time (epoch ms), with a TTL.
     */
    public static String cellTips(String cell) {
        return "beatwatch:tips:cell:" + cell;
    }

    /**
     * Hash cell to patrol minutes of one district on one local date (yyyy-MM-dd): suggested dwell,
     * or the reported minutes of a visit done; declined visits count nothing. Rewritten whole.
     */
    public static String dosage(String district, String date) {
        return "beatwatch:dosage:" + district + ":" + date;
    }

    /**
     * Hash district to JSON {@code {"minutes","visits","fromAlerts","doneMinutes","declined",
     * "cells"}} of one local date: the per-district totals the public feed publishes (delayed).
     */
    public static String dosageSummary(String date) {
        return "beatwatch:dosage-summary:" + date;
    }

    /**
     * Sorted set of the local dates (yyyy-MM-dd) that have a dosage summary, scored by epoch day,
     * trimmed to {@link #DOSAGE_TTL}: where a console finds "today" of the city feed (the job's
     * event time, which in a replay is not the wall clock).
     */
    public static final String DOSAGE_DAYS = "beatwatch:dosage-days";
}
