package io.beatwatch.load.latency;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the consoles of the fleet received, one line per observation, written as a text file the
 * harness reads back ({@link Deliveries}): {@code A console streamId micros} per alert frame,
 * {@code C console cell observed micros} per cell update of a seeded cell, {@code R console code}
 * per close, {@code S console} per resync snapshot, {@code U console} per unreadable frame, {@code
 * T console} per sign-in retry, {@code O console micros} per socket opened (first connect and every
 * reconnect). Times are epoch microseconds of this machine's clock.
 */
final class FleetRecords {

    private final StringBuilder[] perConsole;

    FleetRecords(int consoles) {
        perConsole = new StringBuilder[consoles];
        for (int i = 0; i < consoles; i++) perConsole[i] = new StringBuilder(4096);
    }

    void alert(int console, String streamId, long micros) {
        line(console, "A " + console + " " + streamId + " " + micros);
    }

    void cell(int console, String cell, long observed, long micros) {
        line(console, "C " + console + " " + cell + " " + observed + " " + micros);
    }

    void reconnect(int console, Short code) {
        line(console, "R " + console + " " + (code == null ? -1 : code));
    }

    void opened(int console, long micros) {
        line(console, "O " + console + " " + micros);
    }

    void resync(int console) {
        line(console, "S " + console);
    }

    void signInRetry(int console) {
        line(console, "T " + console);
    }

    void unreadable(int console) {
        line(console, "U " + console);
    }

    private void line(int console, String s) {
        StringBuilder b = perConsole[console];
        synchronized (b) {
            b.append(s).append('\n');
        }
    }

    void write(Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (StringBuilder b : perConsole) {
                synchronized (b) {
                    w.append(b);
                }
            }
        }
    }
}
