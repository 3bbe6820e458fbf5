package io.beatwatch.jobs.backtest;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.beatwatch.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A report as a list of blocks (headings, paragraphs, tables, figures, preformatted text), written
 * once as {@code report.md} and once as a self-contained {@code report.html} (inline CSS, PNGs
 * linked relatively from the same folder), with the figures' data in {@code figures.json}.
 * Paragraph text may use {@code **bold**} and {@code `code`}.
 */
public final class ReportWriter {

    private sealed interface Block permits Heading, Para, Table, Figure, Pre {}

    private record Heading(int level, String text) implements Block {}

    private record Para(String text) implements Block {}

    private record Table(List<String> header, List<List<String>> rows) implements Block {}

    private record Figure(String file, String caption) implements Block {}

    private record Pre(String text) implements Block {}

    private final String title;
    private final List<Block> blocks = new ArrayList<>();

    public ReportWriter(String title) {
        this.title = title;
    }

    public ReportWriter heading(int level, String text) {
        blocks.add(new Heading(level, text));
        return this;
    }

    public ReportWriter para(String text) {
        blocks.add(new Para(text));
        return this;
    }

    public ReportWriter table(List<String> header, List<List<String>> rows) {
        blocks.add(new Table(List.copyOf(header), rows.stream().map(List::copyOf).toList()));
        return this;
    }

    public ReportWriter figure(String file, String caption) {
        blocks.add(new Figure(file, caption));
        return this;
    }

    public ReportWriter pre(String text) {
        blocks.add(new Pre(text));
        return this;
    }

    /** Writes report.md, report.html and figures.json into {@code dir}. */
    public void write(Path dir, Object figures) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("report.md"), markdown(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.html"), html(), StandardCharsets.UTF_8);
        Files.writeString(
                dir.resolve("figures.json"),
                Json.mapper()
                                .copy()
                                .enable(SerializationFeature.INDENT_OUTPUT)
                                .writeValueAsString(figures)
                        + "\n",
                StandardCharsets.UTF_8);
    }

    String markdown() {
        StringBuilder sb = new StringBuilder("# ").append(title).append("\n\n");
        for (Block b : blocks) {
            if (b instanceof Heading h) {
                sb.append("#".repeat(h.level() + 1)).append(' ').append(h.text()).append("\n\n");
            } else if (b instanceof Para p) {
                sb.append(p.text()).append("\n\n");
            } else if (b instanceof Table t) {
                sb.append("| ").append(String.join(" | ", t.header())).append(" |\n|");
                for (int i = 0; i < t.header().size(); i++) {
                    sb.append(numeric(t, i) ? "---:|" : "---|");
                }
                sb.append('\n');
                for (List<String> r : t.rows()) {
                    List<String> cells = r.stream().map(x -> x.replace("|", "\\|")).toList();
                    sb.append("| ").append(String.join(" | ", cells)).append(" |\n");
                }
                sb.append('\n');
            } else if (b instanceof Figure f) {
                sb.append("![").append(f.caption()).append("](").append(f.file()).append(")\n\n*");
                sb.append(f.caption()).append("*\n\n");
            } else if (b instanceof Pre p) {
                sb.append("```\n").append(p.text()).append("\n```\n\n");
            }
        }
        return sb.toString();
    }

    String html() {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>")
                .append(esc(title))
                .append("</title><style>")
                .append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;")
                .append(
                        "max-width:1100px;margin:2em auto;padding:0 1em;color:#1b1b1b;line-height:1.45}")
                .append("table{border-collapse:collapse;margin:1em 0;font-size:.92em}")
                .append("th,td{border:1px solid #ccc;padding:.3em .6em;text-align:right}")
                .append("th:first-child,td:first-child{text-align:left}")
                .append("th{background:#f2f2f2}figure{margin:1.5em 0}img{max-width:100%}")
                .append("figcaption{font-style:italic;color:#555}")
                .append("pre{background:#f6f6f6;padding:.8em;overflow-x:auto}")
                .append("code{background:#f2f2f2;padding:0 .2em}")
                .append("</style></head><body>\n<h1>")
                .append(esc(title))
                .append("</h1>\n");
        for (Block b : blocks) {
            if (b instanceof Heading h) {
                int l = h.level() + 1;
                sb.append("<h").append(l).append('>').append(inline(h.text()));
                sb.append("</h").append(l).append(">\n");
            } else if (b instanceof Para p) {
                sb.append("<p>").append(inline(p.text())).append("</p>\n");
            } else if (b instanceof Table t) {
                sb.append("<table><thead><tr>");
                for (String h : t.header()) sb.append("<th>").append(inline(h)).append("</th>");
                sb.append("</tr></thead><tbody>\n");
                for (List<String> r : t.rows()) {
                    sb.append("<tr>");
                    for (int i = 0; i < r.size(); i++) {
                        sb.append(numeric(t, i) ? "<td>" : "<td style=\"text-align:left\">");
                        sb.append(inline(r.get(i))).append("</td>");
                    }
                    sb.append("</tr>\n");
                }
                sb.append("</tbody></table>\n");
            } else if (b instanceof Figure f) {
                sb.append("<figure><img src=\"").append(esc(f.file())).append("\" alt=\"");
                sb.append(esc(f.caption())).append("\"><figcaption>").append(inline(f.caption()));
                sb.append("</figcaption></figure>\n");
            } else if (b instanceof Pre p) {
                sb.append("<pre>").append(esc(p.text())).append("</pre>\n");
            }
        }
        return sb.append("</body></html>\n").toString();
    }

    /** A column is right-aligned when every filled cell but the first column's is a number. */
    private static boolean numeric(Table t, int col) {
        if (col == 0) return false;
        for (List<String> r : t.rows()) {
            if (col >= r.size() || r.get(col).isBlank()) continue;
            char c = r.get(col).charAt(0);
            if (!(Character.isDigit(c) || c == '-' || c == '+' || c == '–' || c == '.')
                    && !r.get(col).startsWith("n/a")) return false;
        }
        return true;
    }

    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    static String inline(String text) {
        String s = esc(text);
        Matcher m = CODE.matcher(s);
        s = m.replaceAll(r -> "<code>" + Matcher.quoteReplacement(r.group(1)) + "</code>");
        m = BOLD.matcher(s);
        return m.replaceAll(r -> "<b>" + Matcher.quoteReplacement(r.group(1)) + "</b>");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
