package io.beatwatch.load.latency;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One scenario's figures, as {@code figures.json} holds them: the end-to-end alert latency (due
 * time of the call that caused the alert to the console's receipt, every delivery), alerts lost and
 * duplicated, and beside them the per-stage delays, the cell updates and the run's sanity counts.
 *
 * @param alertsExpected deliveries owed: each alert stream entry of the measured span times the
 *     consoles entitled to it (the gateway's own visibility rule)
 * @param alertsLost owed deliveries no console frame carried by the end of the drain
 * @param duplicates frames of an entry a console had already received
 * @param stages per stage: {@code kafkaToJob} (due time to the detector's emit, per entry: the
 *     producer, broker, source, decode and the hop to the detector), {@code jobToRedis} (emit to
 *     the stream append, per entry), {@code redisToGatewayWrite} (append to the socket write, the
 *     gateway's own timer, bucket upper bounds), {@code redisToConsole} (append to the console's
 *     receipt, per delivery: the gateway's read, fan-out, socket and the console's parse)
 */
@JsonPropertyOrder({
    "eventsPerSec",
    "consoles",
    "durationSec",
    "p50Ms",
    "p99Ms",
    "p999Ms",
    "maxMs",
    "alertsExpected",
    "alertsLost",
    "duplicates"
})
public record ScenarioResult(
        int eventsPerSec,
        int consoles,
        int durationSec,
        Double p50Ms,
        Double p99Ms,
        Double p999Ms,
        Double maxMs,
        long alertsExpected,
        long alertsLost,
        long duplicates,
        long alertEntries,
        long alertDeliveries,
        long unattributedEntries,
        int clustersSeeded,
        int clustersAlerted,
        long callsSent,
        long sendFailures,
        StageFigures sendLag,
        Map<String, StageFigures> stages,
        StageFigures cellUpdates,
        int reconnects,
        int resyncs,
        int signInRetries,
        Map<Integer, Integer> closeCodes,
        long jobBufferTimeoutMs,
        String loadAverageStart,
        String loadAverageEnd,
        Boolean firstAlertSeen,
        Long jobBacklogAtEnd,
        @JsonIgnore Histogram endToEnd,
        @JsonIgnore Histogram cells) {

    static final String KAFKA_TO_JOB = "kafkaToJob";
    static final String JOB_TO_REDIS = "jobToRedis";
    static final String REDIS_TO_GATEWAY_WRITE = "redisToGatewayWrite";
    static final String REDIS_TO_CONSOLE = "redisToConsole";

    /** This result with the load averages filled in. */
    ScenarioResult withLoad(String start, String end) {
        return copy(start, end, firstAlertSeen, jobBacklogAtEnd);
    }

    /**
     * This result with the job's state: whether any alert appeared before the measurement, and the
     * calls sent but not yet decoded by the job when the generator stopped.
     */
    ScenarioResult withBacklog(boolean alerting, long backlog) {
        return copy(loadAverageStart, loadAverageEnd, alerting, backlog);
    }

    private ScenarioResult copy(String start, String end, Boolean alerting, Long backlog) {
        return new ScenarioResult(
                eventsPerSec,
                consoles,
                durationSec,
                p50Ms,
                p99Ms,
                p999Ms,
                maxMs,
                alertsExpected,
                alertsLost,
                duplicates,
                alertEntries,
                alertDeliveries,
                unattributedEntries,
                clustersSeeded,
                clustersAlerted,
                callsSent,
                sendFailures,
                sendLag,
                stages,
                cellUpdates,
                reconnects,
                resyncs,
                signInRetries,
                closeCodes,
                jobBufferTimeoutMs,
                start,
                end,
                alerting,
                backlog,
                endToEnd,
                cells);
    }
}
