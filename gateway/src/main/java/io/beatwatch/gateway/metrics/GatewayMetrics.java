package io.beatwatch.gateway.metrics;

import io.beatwatch.gateway.auth.Role;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every gateway meter. Names are constants that tests import; tags come from the fixed vocabulary
 * {@code role}, {@code outcome}, {@code reason} (never a user, console or cell).
 */
public final class GatewayMetrics {

    public static final String WS_SESSIONS = "beatwatch.gateway.ws.sessions";
    public static final String WS_REJECTED = "beatwatch.gateway.ws.rejected";
    public static final String WS_CLOSED = "beatwatch.gateway.ws.closed";
    public static final String WS_MESSAGES_REJECTED = "beatwatch.gateway.ws.messages.rejected";
    public static final String ALERTS_PUSHED = "beatwatch.gateway.alerts.pushed";
    public static final String ALERTS_REPLAYED = "beatwatch.gateway.alerts.replayed";
    public static final String ALERTS_READ = "beatwatch.gateway.alerts.read";
    public static final String ALERTS_MALFORMED = "beatwatch.gateway.alerts.malformed";
    public static final String ALERT_PUSH_LATENCY = "beatwatch.gateway.alert.push.latency";
    public static final String ALERT_APPEND_LATENCY = "beatwatch.gateway.alert.append.latency";
    public static final String ALERT_READ_LATENCY = "beatwatch.gateway.alert.read.latency";
    public static final String CELLS_PUSHED = "beatwatch.gateway.cells.pushed";
    public static final String CELLS_COALESCED = "beatwatch.gateway.cells.coalesced";
    public static final String SNAPSHOTS = "beatwatch.gateway.snapshots";
    public static final String TIPS_ACCEPTED = "beatwatch.gateway.tips.accepted";
    public static final String TIPS_REJECTED = "beatwatch.gateway.tips.rejected";
    public static final String HTTP_REQUESTS = "beatwatch.gateway.http.requests";
    public static final String STREAM_READ_ERRORS = "beatwatch.gateway.stream.read.errors";
    public static final String PUBLIC_FEED_CELLS = "beatwatch.gateway.public.cells";
    public static final String PUBLIC_FEED_RECORDS = "beatwatch.gateway.public.records";

    /** Tag keys. */
    public static final String TAG_ROLE = "role";

    public static final String TAG_OUTCOME = "outcome";
    public static final String TAG_REASON = "reason";

    /** Outcome values of {@link #HTTP_REQUESTS} (Micrometer's usual vocabulary). */
    public static final String SUCCESS = "SUCCESS";

    public static final String REDIRECTION = "REDIRECTION";
    public static final String CLIENT_ERROR = "CLIENT_ERROR";
    public static final String SERVER_ERROR = "SERVER_ERROR";

    private final MeterRegistry registry;
    private final Map<Role, AtomicInteger> sessions = new EnumMap<>(Role.class);
    private final Counter alertsPushed;
    private final Counter alertsReplayed;
    private final Counter alertsRead;
    private final Counter alertsMalformed;
    private final Timer pushLatency;
    private final Timer appendLatency;
    private final Timer readLatency;
    private final Counter cellsPushed;
    private final Counter cellsCoalesced;
    private final Counter tipsAccepted;
    private final Counter streamReadErrors;
    private final AtomicLong publicCells = new AtomicLong();
    private final Counter publicRecords;
    private final Map<String, Counter> byTag = new ConcurrentHashMap<>();
    private final Map<String, Timer> httpTimers = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (var role : Role.values()) {
            var n = new AtomicInteger();
            sessions.put(role, n);
            Gauge.builder(WS_SESSIONS, n, AtomicInteger::get)
                    .description("Open console WebSocket sessions")
                    .tag(TAG_ROLE, role.wire())
                    .register(registry);
        }
        alertsPushed =
                Counter.builder(ALERTS_PUSHED)
                        .description("Live alert messages written to consoles")
                        .register(registry);
        alertsReplayed =
                Counter.builder(ALERTS_REPLAYED)
                        .description("Missed alert messages replayed to resuming consoles")
                        .register(registry);
        alertsRead =
                Counter.builder(ALERTS_READ)
                        .description("Alert stream entries read from Redis")
                        .register(registry);
        alertsMalformed =
                Counter.builder(ALERTS_MALFORMED)
                        .description("Alert stream entries skipped as malformed")
                        .register(registry);
        pushLatency =
                Timer.builder(ALERT_PUSH_LATENCY)
                        .description(
                                "From the alert's stream append (its Redis id) to the write to a console")
                        .publishPercentiles(0.5, 0.99)
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofSeconds(10))
                        .register(registry);
        appendLatency =
                stageTimer(
                        ALERT_APPEND_LATENCY,
                        "From the job's emit of an alert (its emittedAt) to its stream append");
        readLatency =
                stageTimer(
                        ALERT_READ_LATENCY,
                        "From an alert's stream append to this gateway's read of it");
        cellsPushed =
                Counter.builder(CELLS_PUSHED)
                        .description("Cell updates written to consoles")
                        .register(registry);
        cellsCoalesced =
                Counter.builder(CELLS_COALESCED)
                        .description("Cell updates replaced by a newer one before being sent")
                        .register(registry);
        tipsAccepted =
                Counter.builder(TIPS_ACCEPTED)
                        .description("Tips accepted and published to Kafka")
                        .register(registry);
        streamReadErrors =
                Counter.builder(STREAM_READ_ERRORS)
                        .description("Failed reads of the Redis alert stream")
                        .register(registry);
        Gauge.builder(PUBLIC_FEED_CELLS, publicCells, AtomicLong::get)
                .description("Cells published in the public feed")
                .register(registry);
        publicRecords =
                Counter.builder(PUBLIC_FEED_RECORDS)
                        .description("Call records read for the public feed")
                        .register(registry);
    }

    /** A per-stage alert delay timer, bucketed as {@link #ALERT_PUSH_LATENCY}. */
    private Timer stageTimer(String name, String description) {
        return Timer.builder(name)
                .description(description)
                .publishPercentiles(0.5, 0.99)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void sessionOpened(Role role) {
        sessions.get(role).incrementAndGet();
    }

    public void sessionClosed(Role role) {
        sessions.get(role).decrementAndGet();
    }

    /** Open sessions of one role. */
    public int sessions(Role role) {
        return sessions.get(role).get();
    }

    public void alertPushed(Duration sinceAppend) {
        alertsPushed.increment();
        pushLatency.record(sinceAppend.isNegative() ? Duration.ZERO : sinceAppend);
    }

    /**
     * One live alert entry read from the stream: {@code emitToAppend} from the job's emit to the
     * append (null when the alert carries no {@code emittedAt}), {@code appendToRead} from the
     * append to this read. Negative durations (another machine's clock) count as zero.
     */
    public void alertRead(Duration emitToAppend, Duration appendToRead) {
        if (emitToAppend != null) {
            appendLatency.record(emitToAppend.isNegative() ? Duration.ZERO : emitToAppend);
        }
        readLatency.record(appendToRead.isNegative() ? Duration.ZERO : appendToRead);
    }

    public void alertReplayed() {
        alertsReplayed.increment();
    }

    public void alertsRead(int n) {
        alertsRead.increment(n);
    }

    public void alertMalformed() {
        alertsMalformed.increment();
    }

    public void cellsPushed(int n) {
        cellsPushed.increment(n);
    }

    public void cellCoalesced() {
        cellsCoalesced.increment();
    }

    public void tipAccepted() {
        tipsAccepted.increment();
    }

    public void tipRejected(String reason) {
        counter(TIPS_REJECTED, TAG_REASON, reason, "Tips refused at intake").increment();
    }

    public void wsRejected(String reason) {
        counter(WS_REJECTED, TAG_REASON, reason, "WebSocket upgrades refused").increment();
    }

    /** A console's message answered with an error (bad_request, forbidden, busy, ...). */
    public void wsMessageRejected(String reason) {
        counter(WS_MESSAGES_REJECTED, TAG_REASON, reason, "Console messages answered with an error")
                .increment();
    }

    public void wsClosed(String reason) {
        counter(WS_CLOSED, TAG_REASON, reason, "Console sessions closed").increment();
    }

    public void snapshot(String reason) {
        counter(SNAPSHOTS, TAG_REASON, reason, "Snapshots sent after subscribe").increment();
    }

    public void streamReadError() {
        streamReadErrors.increment();
    }

    public void publicFeedCells(long n) {
        publicCells.set(n);
    }

    public void publicFeedRecords(int n) {
        publicRecords.increment(n);
    }

    /** Counts one HTTP request by status class. */
    public void httpRequest(int status, Duration took) {
        var outcome =
                status >= 500
                        ? SERVER_ERROR
                        : status >= 400 ? CLIENT_ERROR : status >= 300 ? REDIRECTION : SUCCESS;
        httpTimers
                .computeIfAbsent(
                        outcome,
                        o ->
                                Timer.builder(HTTP_REQUESTS)
                                        .description("HTTP requests served, by outcome")
                                        .tag(TAG_OUTCOME, o)
                                        .register(registry))
                .record(took);
    }

    private Counter counter(String name, String tag, String value, String description) {
        return byTag.computeIfAbsent(
                name + "|" + value,
                k ->
                        Counter.builder(name)
                                .description(description)
                                .tag(tag, value)
                                .register(registry));
    }
}
