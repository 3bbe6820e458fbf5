package io.beatwatch.jobs.cli;

import java.io.PrintStream;
import java.time.Duration;

/** A one-line progress bar on a terminal (redrawn in place), plain lines when not a terminal. */
public final class Progress {

    private static final int WIDTH = 28;

    private final PrintStream out;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();

    public Progress(PrintStream out) {
        this.out = out;
        this.terminal = System.console() != null;
    }

    /** Redraws: {@code fraction} in [0, 1] or negative when unknown. */
    public void update(double fraction, long events, long alerts) {
        double secs = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        String bar;
        String eta = "";
        if (fraction >= 0) {
            int filled = (int) Math.round(fraction * WIDTH);
            bar =
                    "["
                            + "#".repeat(filled)
                            + "-".repeat(WIDTH - filled)
                            + "] "
                            + String.format("%5.1f%%", fraction * 100);
            if (fraction > 0.01) {
                eta = " ETA " + format(Duration.ofSeconds((long) (secs / fraction - secs)));
            }
        } else {
            bar = "[running]";
        }
        draw(
                bar
                        + String.format(
                                " %,d events  %,.0f ev/s  %,d alerts%s",
                                events, events / secs, alerts, eta));
    }

    /** Redraws with a free-form status after the bar: {@code fraction} as in {@link #update}. */
    public void status(double fraction, String detail) {
        double secs = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        String bar = "[running]";
        String eta = "";
        if (fraction >= 0) {
            int filled = (int) Math.round(Math.min(1, fraction) * WIDTH);
            bar =
                    "["
                            + "#".repeat(filled)
                            + "-".repeat(WIDTH - filled)
                            + "] "
                            + String.format("%5.1f%%", fraction * 100);
            if (fraction > 0.01 && fraction < 1) {
                eta = " ETA " + format(Duration.ofSeconds((long) (secs / fraction - secs)));
            }
        }
        draw(bar + " " + detail + eta);
    }

    private void draw(String line) {
        if (terminal) {
            out.print("\r" + line + "   ");
        } else {
            out.println(line);
        }
        out.flush();
    }

    public void done() {
        if (terminal) out.println();
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    public static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 3600
                ? String.format("%dh%02dm", s / 3600, (s % 3600) / 60)
                : String.format("%dm%02ds", s / 60, s % 60);
    }
}
