package io.beatwatch.core.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One harness's section of a shared report (docs/reliability/report.md): the text between {@code
 * <!-- NAME:begin (written by WRITER) -->} and {@code <!-- NAME:end -->}, replaced on each run and
 * appended when absent, so each harness rewrites only its own figures.
 */
public final class ReportSection {

    /** The title and preface of a report that does not exist yet. */
    public static final String NEW_REPORT =
            "# Reliability report\n\nFaults, bad input and security (issue 13), each figure written by"
                    + " the harness or test named in its section.\n";

    private ReportSection() {}

    static String begin(String name, String writer) {
        return "<!-- " + name + ":begin (written by " + writer + ") -->";
    }

    static String end(String name) {
        return "<!-- " + name + ":end -->";
    }

    /**
     * Writes {@code body} as section {@code name} of {@code report}, creating the file if needed.
     */
    public static void write(Path report, String name, String writer, String body)
            throws IOException {
        String begin = begin(name, writer);
        String end = end(name);
        String section = begin + "\n" + body.strip() + "\n" + end;
        String text = Files.exists(report) ? Files.readString(report) : NEW_REPORT;
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        text =
                b >= 0 && e > b
                        ? text.substring(0, b) + section + text.substring(e + end.length())
                        : text.stripTrailing() + "\n\n" + section + "\n";
        Files.writeString(report, text);
    }
}
