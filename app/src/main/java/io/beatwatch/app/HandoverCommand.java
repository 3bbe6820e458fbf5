package io.beatwatch.app;

import io.beatwatch.core.profile.CityProfiles;
import io.beatwatch.gateway.config.GatewayConfig;
import io.beatwatch.gateway.handover.HandoverHtml;
import io.beatwatch.gateway.handover.HandoverReport;
import io.beatwatch.gateway.handover.HandoverSource;
import io.lettuce.core.RedisClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code beatwatch handover --from --to}: writes the shift handover of a period as one printable
 * HTML file, read from Redis the way the gateway's {@code /handover} reads it (the same report and
 * the same document).
 */
@Command(
        name = "handover",
        mixinStandardHelpOptions = true,
        description = {
            "Write the shift handover (alerts opened, still open, acknowledged, dismissed, top"
                    + " places with explanations, patrol minutes, declined suggestions, tips) of"
                    + " a period as one HTML file, from the Redis view the gateway reads.",
        },
        footer = {
            "",
            "Example:",
            "  beatwatch handover --from 2026-12-07T06:00 --to 2026-12-07T14:00 \\",
            "      --zone America/Chicago --out handover.html"
        })
public final class HandoverCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--from",
            required = true,
            paramLabel = "TIME",
            description =
                    "Start of the shift: local time in --zone (2026-12-07T06:00) or an instant")
    String from;

    @Option(
            names = "--to",
            required = true,
            paramLabel = "TIME",
            description = "End of the shift (at most 7 days after --from)")
    String to;

    @Option(
            names = "--zone",
            paramLabel = "ZONE",
            description = "The city's time zone (default: --profile's, else UTC)")
    ZoneId zone;

    @Option(
            names = "--profile",
            paramLabel = "NAME|FILE",
            description = "City profile whose zone to use when --zone is not given")
    String profile;

    @Option(
            names = "--redis",
            paramLabel = "URI",
            description =
                    "Redis of the view (default: BEATWATCH_REDIS_URI, else redis://localhost:6379)")
    String redis;

    @Option(
            names = "--districts",
            split = ",",
            paramLabel = "D",
            description = "Only these districts (default: all)")
    List<String> districts;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Output HTML file (default: handover-<from>-<to>.html)")
    Path out;

    @Override
    public Integer call() throws Exception {
        var z =
                zone != null
                        ? zone
                        : profile != null ? CityProfiles.load(profile).zone() : ZoneOffset.UTC;
        var start = instant(from, z);
        var end = instant(to, z);
        var uri =
                redis != null
                        ? redis
                        : System.getenv()
                                .getOrDefault(
                                        "BEATWATCH_REDIS_URI", GatewayConfig.DEFAULT_REDIS_URI);
        var client = RedisClient.create(uri);
        try (var connection = client.connect()) {
            var source = new HandoverSource(connection.async(), GatewayConfig.Live.DEFAULT_WINDOWS);
            var inputs =
                    source.read(start, end, z).toCompletableFuture().get(120, TimeUnit.SECONDS);
            Set<String> only = districts == null ? null : Set.copyOf(districts);
            var report =
                    HandoverReport.build(
                            start,
                            end,
                            z,
                            Instant.now(),
                            inputs,
                            d -> only == null || only.contains(d));
            var file =
                    out != null
                            ? out
                            : Path.of("handover-" + stamp(from) + "-" + stamp(to) + ".html");
            Files.writeString(file, HandoverHtml.document(report), StandardCharsets.UTF_8);
            spec.commandLine()
                    .getOut()
                    .printf(
                            "handover of %d district(s), %d alert(s) opened, written to %s%n",
                            report.districts().size(), report.total().opened(), file);
            spec.commandLine().getOut().flush();
            return 0;
        } finally {
            client.shutdown();
        }
    }

    static Instant instant(String text, ZoneId zone) {
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            return LocalDateTime.parse(text).atZone(zone).toInstant();
        }
    }

    private static String stamp(String time) {
        return time.replaceAll("[^0-9]", "");
    }
}
