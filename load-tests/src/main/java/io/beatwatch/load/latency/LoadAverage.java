package io.beatwatch.load.latency;

import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load average (1, 5, 15 min) from {@code /proc/loadavg}, for the report. */
public final class LoadAverage {

    private LoadAverage() {}

    public static String now() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "n/a";
        }
    }
}
