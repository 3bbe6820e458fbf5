package io.beatwatch.core.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CsvParserTest {

    static List<List<String>> parse(String text, int maxRecordChars) throws IOException {
        var rows = new ArrayList<List<String>>();
        try (var p = new CsvParser(new StringReader(text), maxRecordChars)) {
            String[] r;
            while ((r = p.next()) != null) {
                rows.add(List.of(r));
            }
        }
        return rows;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("plain", "a,b,c\n", List.of(List.of("a", "b", "c"))),
                Arguments.of("no final line break", "a,b", List.of(List.of("a", "b"))),
                Arguments.of("quoted comma", "\"a,b\",c\n", List.of(List.of("a,b", "c"))),
                Arguments.of(
                        "escaped quotes",
                        "\"He said \"\"hi\"\"\",x\n",
                        List.of(List.of("He said \"hi\"", "x"))),
                Arguments.of(
                        "quoted line break",
                        "\"line1\nline2\",z\nnext,row\n",
                        List.of(List.of("line1\nline2", "z"), List.of("next", "row"))),
                Arguments.of(
                        "quoted CRLF kept", "\"a\r\nb\",c\r\n", List.of(List.of("a\r\nb", "c"))),
                Arguments.of(
                        "CRLF line ends",
                        "a,b\r\nc,d\r\n",
                        List.of(List.of("a", "b"), List.of("c", "d"))),
                Arguments.of(
                        "bare CR line ends",
                        "a,b\rc,d\r",
                        List.of(List.of("a", "b"), List.of("c", "d"))),
                Arguments.of("empty fields", ",,\n", List.of(List.of("", "", ""))),
                Arguments.of("trailing empty field", "a,\n", List.of(List.of("a", ""))),
                Arguments.of("empty quoted field", "\"\",x\n", List.of(List.of("", "x"))),
                Arguments.of("only quotes", "\"\"\"\"\n", List.of(List.of("\""))),
                Arguments.of("byte-order mark", "\uFEFFa,b\n", List.of(List.of("a", "b"))),
                Arguments.of(
                        "blank lines skipped", "a\n\n\r\nb\n", List.of(List.of("a"), List.of("b"))),
                Arguments.of(
                        "quote inside unquoted field", "ab\"c,d\n", List.of(List.of("ab\"c", "d"))),
                Arguments.of(
                        "text after closing quote", "\"ab\"c,d\n", List.of(List.of("abc", "d"))),
                Arguments.of("spaces kept", " a , b \n", List.of(List.of(" a ", " b "))),
                Arguments.of(
                        "unicode",
                        "Wilder Müll,\"Straße, 1\"\n",
                        List.of(List.of("Wilder Müll", "Straße, 1"))),
                Arguments.of(
                        "San Antonio placeholder address",
                        "\"00°00'00.04\"\"N / 000°00'00.04\"\"W\",x\n",
                        List.of(List.of("00°00'00.04\"N / 000°00'00.04\"W", "x"))),
                Arguments.of("empty input", "", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parses(String name, String text, List<List<String>> expected) throws IOException {
        assertThat(parse(text, 1000)).isEqualTo(expected);
    }

    @Test
    void reportsUnterminatedQuote() throws IOException {
        try (var p = new CsvParser(new StringReader("a,b\n\"open,c\nd\n"), 1000)) {
            assertThat(p.next()).containsExactly("a", "b");
            assertThat(p.problem()).isNull();
            assertThat(p.next()).containsExactly("open,c\nd\n");
            assertThat(p.problem()).isEqualTo(CsvParser.Problem.UNTERMINATED_QUOTE);
            assertThat(p.next()).isNull();
        }
    }

    @Test
    void oversizedRecordIsReportedAndTheNextOneParses() throws IOException {
        String text = "x".repeat(50) + "," + "y".repeat(50) + "\nsmall,row\n";
        try (var p = new CsvParser(new StringReader(text), 60)) {
            String[] big = p.next();
            assertThat(p.problem()).isEqualTo(CsvParser.Problem.OVERSIZED);
            assertThat(p.recordChars()).isEqualTo(100);
            assertThat(String.join("", big).length()).isLessThanOrEqualTo(60);
            assertThat(p.next()).containsExactly("small", "row");
            assertThat(p.problem()).isNull();
        }
    }

    @Test
    void fieldsSpanningTheReadBufferSurvive() throws IOException {
        // The parser reads 64 KiB at a time: put quotes, escapes and a separator across the edge.
        String head = "a".repeat((1 << 16) - 3);
        String quoted = "q\"\"q," + "b".repeat(100);
        String text = head + ",\"" + quoted + "\"\r\nnext,row\r\n";

        List<List<String>> rows = parse(text, 1 << 20);

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsExactly(head, "q\"q," + "b".repeat(100));
        assertThat(rows.get(1)).containsExactly("next", "row");
    }

    @Test
    void formatRoundTrips() throws IOException {
        String[] fields = {"plain", "with,comma", "with \"quote\"", "multi\nline", "", " pad "};

        String line = CsvParser.format(fields);

        assertThat(parse(line + "\n", 1000)).containsExactly(List.of(fields));
    }
}
