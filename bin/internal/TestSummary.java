import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;

/**
 * Sums the surefire and failsafe XML reports of a run, per module, and prints the closing line
 * "N passed, N failed, N skipped". Run as a source file: java TestSummary.java ROOT MARKER.
 * Only reports newer than MARKER count. Exit 3 when any test failed or errored.
 */
public class TestSummary {

    static final class Counts {
        long run, failures, errors, skipped;

        void add(Counts o) {
            run += o.run;
            failures += o.failures;
            errors += o.errors;
            skipped += o.skipped;
        }

        long passed() {
            return run - failures - errors - skipped;
        }
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        FileTime since = args.length > 1 ? Files.getLastModifiedTime(Path.of(args[1])) : FileTime.fromMillis(0);
        Map<String, Counts> byModule = new TreeMap<>();
        List<Path> reports;
        try (Stream<Path> files = Files.walk(root)) {
            reports = files
                    .filter(p -> p.getFileName().toString().startsWith("TEST-"))
                    .filter(p -> p.getFileName().toString().endsWith(".xml"))
                    .filter(p -> {
                        String dir = p.getParent().getFileName().toString();
                        return dir.equals("surefire-reports") || dir.equals("failsafe-reports");
                    })
                    .filter(p -> !p.toString().contains("/.git/"))
                    .filter(p -> newer(p, since))
                    .collect(Collectors.toList());
        }
        var factory = DocumentBuilderFactory.newInstance();
        for (Path report : reports) {
            // <module>/target/<surefire|failsafe>-reports/TEST-*.xml
            Path moduleDir = report.getParent().getParent().getParent();
            String module = root.relativize(moduleDir).toString();
            if (module.isEmpty()) {
                module = ".";
            }
            Counts c = new Counts();
            try {
                Element suite = factory.newDocumentBuilder().parse(report.toFile()).getDocumentElement();
                c.run = num(suite, "tests");
                c.failures = num(suite, "failures");
                c.errors = num(suite, "errors");
                c.skipped = num(suite, "skipped");
            } catch (Exception e) {
                System.err.println("unreadable report " + report + ": " + e.getMessage());
                c.errors = 1;
                c.run = 1;
            }
            byModule.computeIfAbsent(module, m -> new Counts()).add(c);
        }

        Counts total = new Counts();
        System.out.println();
        System.out.println("Test summary (surefire + failsafe reports)");
        System.out.printf("%-16s %7s %7s %9s %7s %8s%n", "module", "run", "passed", "failures", "errors", "skipped");
        for (var e : byModule.entrySet()) {
            Counts c = e.getValue();
            total.add(c);
            System.out.printf("%-16s %7d %7d %9d %7d %8d%n", e.getKey(), c.run, c.passed(), c.failures, c.errors, c.skipped);
        }
        System.out.printf("%-16s %7d %7d %9d %7d %8d%n", "total", total.run, total.passed(), total.failures, total.errors, total.skipped);
        long failed = total.failures + total.errors;
        System.out.println(total.passed() + " passed, " + failed + " failed, " + total.skipped + " skipped");
        System.exit(failed > 0 ? 3 : 0);
    }

    private static boolean newer(Path p, FileTime since) {
        try {
            return Files.getLastModifiedTime(p).compareTo(since) >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static long num(Element e, String attr) {
        String v = e.getAttribute(attr);
        return v.isEmpty() ? 0 : Long.parseLong(v.trim());
    }
}
