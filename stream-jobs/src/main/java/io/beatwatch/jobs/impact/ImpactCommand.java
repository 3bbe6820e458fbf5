package io.beatwatch.jobs.impact;

import io.beatwatch.core.backtest.CompleteDays;
import io.beatwatch.core.backtest.EventTable;
import io.beatwatch.core.grid.H3Grid;
import io.beatwatch.core.impact.ImpactConfig;
import io.beatwatch.core.impact.ImpactResult;
import io.beatwatch.core.impact.ImpactStudy;
import io.beatwatch.core.impact.Panel;
import io.beatwatch.core.impact.SyntheticStudy;
import io.beatwatch.core.profile.CityProfile;
import io.beatwatch.core.profile.CityProfiles;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code beatwatch impact}: did the patrols work? Compares patrolled cells with matched comparison
 * cells before and after (difference-in-differences, cluster bootstrap by cell), tests for
 * displacement into the surrounding ring (weighted displacement quotient) and relates the effect to
 * the dose. Writes a report folder.
 */
@Command(
        name = "impact",
        mixinStandardHelpOptions = true,
        description = {
            "Impact evaluation of targeted patrols: patrolled cells against matched comparison"
                    + " cells (default --match risk: each patrolled cell from the day after its first"
                    + " patrol against cells not yet patrolled that day with the same planner risk"
                    + " score, scaled by the exposure contrast; nearest/greedy: cells with >="
                    + " --min-dose minutes a day against never-patrolled cells of similar level and"
                    + " trend), as a difference-in-differences of citizen"
                    + " calls (officer-initiated calls left out: patrols create them) with a 95%%"
                    + " cluster-bootstrap interval; displacement or diffusion into the surrounding"
                    + " ring (weighted displacement quotient, Bowers & Johnson 2003); and the"
                    + " effect by dose (minutes per day), to check the Koper curve.",
            "Patrol log (--patrols, NDJSON, one record a line, either format): the replay's"
                    + " OUT/dosage.ndjson (district, date yyyy-mm-dd, cells[], minutes[],"
                    + " totalMinutes, visits, fromAlerts, doneMinutes, declined, time; the last line"
                    + " of a district and date wins) or OUT/suggestions.ndjson (PatrolSuggestion v1:"
                    + " each counts dwellMinutes in cell on the local day of createdAt). A real"
                    + " patrol log in either format works the same way.",
            "Writes OUT/report.md, OUT/report.html, OUT/figures.json and PNG plots.",
            "Examples:",
            "  bin/beatwatch impact --synthetic --out docs/impact/synthetic",
            "  bin/beatwatch impact --profile san-antonio CALLS.csv.gz --patrols"
                    + " out/replay/dosage.ndjson --placebo --out docs/impact/san-antonio"
        })
public final class ImpactCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "Calls file of the profile.")
    Path file;

    @Option(names = "--profile", description = "City profile name or YAML path (with FILE).")
    String profile;

    @Option(
            names = "--patrols",
            split = ",",
            paramLabel = "NDJSON",
            description = "Patrol log: dosage.ndjson and/or suggestions.ndjson (see above).")
    List<Path> patrols = new ArrayList<>();

    @Option(
            names = "--coverage",
            description =
                    "CSV of complete days (date, likely_complete); default: coverage_by_day.csv"
                            + " beside FILE, else the generic rule of 'inspect'.")
    Path coverage;

    @Option(
            names = "--pre-days",
            defaultValue = "365",
            description =
                    "Calendar days before the first patrol day that form the pre-period (its first"
                            + " half matches, its second is the before period) (default"
                            + " ${DEFAULT-VALUE}).")
    int preDays;

    @Option(
            names = "--placebo",
            description =
                    "The patrol log never happened (a replay's suggestions): report it as a placebo"
                            + " study, whose interval should contain zero.")
    boolean placebo;

    @Option(
            names = "--synthetic",
            description =
                    "Validate on the seeded synthetic city: a run with --planted and a null run.")
    boolean synthetic;

    @Option(
            names = "--planted",
            defaultValue = "-0.2",
            description = "Synthetic: planted relative effect (default ${DEFAULT-VALUE}).")
    double planted;

    @Option(
            names = "--city-seed",
            defaultValue = "1",
            description = "Synthetic: seed of the city (default ${DEFAULT-VALUE}).")
    long citySeed;

    @Option(
            names = "--check-seeds",
            defaultValue = "60",
            description =
                    "Synthetic: also count how often the intervals cover over cities 1..N"
                            + " (default ${DEFAULT-VALUE}; 0: skip).")
    int checkSeeds;

    @Option(
            names = "--min-dose",
            defaultValue = "" + ImpactConfig.DEFAULT_MIN_DOSE,
            description =
                    "nearest, greedy: minutes per day that make a cell treated (default"
                            + " ${DEFAULT-VALUE}).")
    double minDose;

    @Option(
            names = "--max-control-dose",
            defaultValue = "0",
            description =
                    "Most minutes per day a comparison cell may have had (default ${DEFAULT-VALUE}:"
                            + " never patrolled; raise it when nearly every busy cell got some"
                            + " patrol, to compare heavy with light patrol).")
    double maxControlDose;

    @Option(
            names = "--match",
            defaultValue = "risk",
            description =
                    "How comparison cells are chosen: nearest (with replacement, same district when"
                            + " it has enough within --caliper, else city-wide within it) or greedy"
                            + " (same district, without replacement) (default ${DEFAULT-VALUE}).")
    String match;

    @Option(
            names = "--caliper",
            defaultValue = "" + ImpactConfig.DEFAULT_CALIPER,
            description =
                    "nearest: largest distance of a comparison cell, in standard deviations of"
                            + " level and trend (default ${DEFAULT-VALUE}).")
    double caliper;

    @Option(
            names = "--gap-days",
            defaultValue = "" + ImpactConfig.DEFAULT_GAP_DAYS,
            description =
                    "Calendar days just before the first patrol day left out of the before period"
                            + " (the planner's selection window) (default ${DEFAULT-VALUE}).")
    int gapDays;

    @Option(
            names = "--controls",
            defaultValue = "" + ImpactConfig.DEFAULT_CONTROLS,
            description = "Comparison cells per treated cell (default ${DEFAULT-VALUE}).")
    int controls;

    @Option(
            names = "--ring",
            defaultValue = "" + ImpactConfig.DEFAULT_RING,
            description = "H3 rings of the displacement buffer (default ${DEFAULT-VALUE}).")
    int ring;

    @Option(
            names = "--replicates",
            defaultValue = "" + ImpactConfig.DEFAULT_REPLICATES,
            description = "Bootstrap replicates (default ${DEFAULT-VALUE}).")
    int replicates;

    @Option(
            names = "--seed",
            defaultValue = "" + ImpactConfig.DEFAULT_SEED,
            description = "Bootstrap seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--bin-days",
            defaultValue = "" + ImpactConfig.DEFAULT_BIN_DAYS,
            description = "Calendar days per event-study bin (default ${DEFAULT-VALUE}).")
    int binDays;

    @Option(names = "--out", description = "Report folder (default docs/impact/<city>).")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        ImpactConfig cfg;
        try {
            cfg =
                    ImpactConfig.defaults()
                            .withMinDose(minDose)
                            .withControls(controls)
                            .withRing(ring)
                            .withReplicates(replicates)
                            .withSeed(seed)
                            .withBinDays(binDays)
                            .withMaxControlDose(maxControlDose)
                            .withMethod(
                                    ImpactConfig.Method.valueOf(
                                            match.toUpperCase(java.util.Locale.ROOT)))
                            .withCaliper(caliper)
                            .withGapDays(gapDays);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        if (synthetic) return synthetic(cfg, err);
        if (file == null || profile == null || patrols.isEmpty()) {
            err.println("error: give FILE, --profile and --patrols, or --synthetic");
            return 2;
        }
        if (!Files.isReadable(file)) {
            err.println("error: cannot read " + file);
            return 2;
        }
        for (Path p : patrols) {
            if (!Files.isReadable(p)) {
                err.println("error: cannot read " + p);
                return 2;
            }
        }
        CityProfile city = CityProfiles.load(profile);
        PatrolLog log = PatrolLog.read(patrols, city.zone());
        if (log.doses().isEmpty()) {
            err.println("error: the patrol log has no patrol minutes");
            return 2;
        }
        int resolution = H3Grid.resolutionOf(log.doses().get(0).cell());
        err.printf("Loading %s (%s) at H3 resolution %d ...%n", file, city.name(), resolution);
        EventTable table = EventTable.load(city, file, new H3Grid(resolution), (r, b, t) -> {});
        Path beside = file.toAbsolutePath().getParent().resolve("coverage_by_day.csv");
        CompleteDays complete =
                coverage != null
                        ? CompleteDays.fromCoverageCsv(coverage)
                        : Files.isReadable(beside)
                                ? CompleteDays.fromCoverageCsv(beside)
                                : CompleteDays.generic(table);
        Panel panel = StudyPanel.of(table, complete, log, preDays);
        err.printf(
                "Panel: %,d cells, %d analysed days (%d before the patrols); bootstrap ...%n",
                panel.cellCount(), panel.dayCount(), panel.preDays());
        ImpactResult r = ImpactStudy.run(panel, cfg);
        Path dir = out != null ? out : Path.of("docs", "impact", city.name());
        new ImpactReport(cfg, panel).writeCity(dir, city.name(), file, log, placebo, table, r);
        System.out.printf(
                "Effect %+.1f%% [%+.1f%%, %+.1f%%], WDQ %.2f [%.2f, %.2f]%nReport: %s%n",
                100 * r.effect().estimate(),
                100 * r.effect().lo(),
                100 * r.effect().hi(),
                r.wdq().estimate(),
                r.wdq().lo(),
                r.wdq().hi(),
                dir.resolve("report.md"));
        return 0;
    }

    private int synthetic(ImpactConfig cfg, PrintStream err) throws Exception {
        SyntheticStudy planted = SyntheticStudy.of(citySeed, this.planted);
        SyntheticStudy none = SyntheticStudy.of(citySeed, 0);
        Panel p = planted.panel();
        ImpactResult r = ImpactStudy.run(p, cfg);
        ImpactResult n = ImpactStudy.run(none.panel(), cfg);
        int[] cover = {0, 0};
        List<Long> misses = new ArrayList<>();
        if (checkSeeds > 0) {
            err.printf("Checking coverage over %d synthetic cities ...%n", checkSeeds);
            ImpactConfig quick = cfg.withReplicates(Math.min(cfg.replicates(), 299));
            for (long s = 1; s <= checkSeeds; s++) {
                boolean a =
                        ImpactStudy.run(SyntheticStudy.of(s, this.planted).panel(), quick)
                                .effect()
                                .contains(this.planted);
                boolean b =
                        ImpactStudy.run(SyntheticStudy.of(s, 0).panel(), quick)
                                .effect()
                                .contains(0);
                if (a) cover[0]++;
                if (b) cover[1]++;
                if (!a || !b) misses.add(s);
            }
        }
        Path dir = out != null ? out : Path.of("docs", "impact", "synthetic");
        new ImpactReport(cfg, p).writeSynthetic(dir, planted, r, n, checkSeeds, cover, misses);
        System.out.printf(
                "Planted %+.1f%%: estimate %+.1f%% [%+.1f%%, %+.1f%%]; null: %+.1f%% [%+.1f%%,"
                        + " %+.1f%%]%nReport: %s%n",
                100 * this.planted,
                100 * r.effect().estimate(),
                100 * r.effect().lo(),
                100 * r.effect().hi(),
                100 * n.effect().estimate(),
                100 * n.effect().lo(),
                100 * n.effect().hi(),
                dir.resolve("report.md"));
        return 0;
    }
}
