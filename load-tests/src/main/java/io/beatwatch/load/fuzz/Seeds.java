package io.beatwatch.load.fuzz;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Real-looking records to mutate: calls and tips around San Antonio, CSV rows of the template. */
final class Seeds {

    static final Instant NOW = Instant.parse("2024-06-02T00:00:00Z");

    private static final List<String> TYPES =
            List.of(
                    "Disturbance",
                    "Burglary",
                    "Traffic Stop",
                    "Theft",
                    "Suspicious Person",
                    "Lewd Conduct",
                    "Welfare Check",
                    "Alarm");

    private static final List<String> DISTRICTS =
            List.of("CENTRAL", "NORTH", "SOUTH", "EAST", "WEST");

    private Seeds() {}

    static String callJson(SplittableRandom r) {
        return String.format(
                Locale.ROOT,
                "{\"v\":1,\"id\":\"C-%d\",\"receivedAt\":\"%s\",\"type\":\"%s\",\"typeInitial\":\"%s\","
                        + "\"category\":\"Other\",\"priority\":%d,\"officerInitiated\":%b,"
                        + "\"district\":\"%s\",\"beat\":\"%d\",\"lat\":%.5f,\"lon\":%.5f,"
                        + "\"address\":\"%d Test St\",\"source\":\"sapd-cad\"}",
                r.nextInt(1_000_000),
                time(r),
                pick(TYPES, r),
                pick(TYPES, r),
                1 + r.nextInt(5),
                r.nextBoolean(),
                pick(DISTRICTS, r),
                1000 + r.nextInt(9000),
                29.0 + r.nextDouble() * 0.85,
                -98.95 + r.nextDouble() * 0.8,
                r.nextInt(9999));
    }

    static String tipJson(SplittableRandom r) {
        return String.format(
                Locale.ROOT,
                "{\"v\":1,\"id\":\"T-%d\",\"receivedAt\":\"%s\",\"category\":\"%s\",\"lat\":%.5f,"
                        + "\"lon\":%.5f,\"text\":\"seen near the corner\",\"channel\":\"app\"}",
                r.nextInt(1_000_000),
                time(r),
                pick(TYPES, r),
                29.0 + r.nextDouble() * 0.85,
                -98.95 + r.nextDouble() * 0.8);
    }

    static final String CSV_HEADER =
            "incident_id,received_at,call_type_initial,call_type_final,call_type,call_group,"
                    + "priority,disposition,district,beat,latitude,longitude,block_address,"
                    + "self_initiated";

    static String csvRow(SplittableRandom r) {
        String type = pick(TYPES, r);
        return String.format(
                Locale.ROOT,
                "G-%d,%s,%s,%s,%s,Property,%d,Report Taken,%s,N%d,%.5f,%.5f,%d Block Main St,%s",
                r.nextInt(1_000_000),
                r.nextBoolean() ? time(r) : "2024-05-01T08:00:00-0500",
                type,
                pick(TYPES, r),
                type,
                1 + r.nextInt(5),
                pick(DISTRICTS, r),
                r.nextInt(99),
                40.4 + r.nextDouble() * 0.6,
                -74.3 + r.nextDouble() * 0.7,
                r.nextInt(9999),
                r.nextBoolean() ? "no" : "yes");
    }

    private static String time(SplittableRandom r) {
        return NOW.minusSeconds(r.nextInt(30 * 86_400)).toString();
    }

    private static String pick(List<String> xs, SplittableRandom r) {
        return xs.get(r.nextInt(xs.size()));
    }
}
