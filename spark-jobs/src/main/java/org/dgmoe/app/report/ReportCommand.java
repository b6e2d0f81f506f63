package org.dgmoe.app.report;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.dgmoe.app.base.Args;
import org.dgmoe.app.base.Command;
import org.dgmoe.app.base.InputException;
import org.dgmoe.app.base.SparkSessions;
import org.dgmoe.app.page.CoverageFigures;
import org.dgmoe.app.page.Figures;
import org.dgmoe.app.page.Figures.Figure;
import org.dgmoe.app.page.Format;
import org.dgmoe.app.page.Html;
import org.dgmoe.app.page.PowerFigures;
import org.dgmoe.app.page.RateMaps;
import org.dgmoe.app.storage.History;
import org.dgmoe.app.storage.LocalFolder;
import org.dgmoe.app.storage.OutputDir;
import org.dgmoe.app.storage.SweepResult;
import org.dgmoe.app.table.HistoryTable;
import org.dgmoe.core.summary.CoverageRow;
import org.dgmoe.core.summary.RateRow;

/**
 * {@code dgmoe report --in DIR [--out OUT] [--history DIR_H]}: figures, an HTML page and a terminal
 * table of a finished sweep, and of the rate history of nightly runs.
 *
 * <p>Writes OUT (default {@code DIR/report}, or {@code DIR_H/report} with {@code --history} alone):
 * {@code index.html} (one file that embeds its figures as inline SVG, with a summary of the rates
 * against the theory at the top) and {@code figures/*.png|svg}. The report is built in a sibling staging folder
 * and moved into place at the end, replacing an earlier report; an OUT that exists but is not provably
 * an earlier report ({@link LocalFolder#checkReplaceable}: its marker lists everything it holds, or it
 * holds exactly index.html and figures) is refused, and left untouched. Prints the rate table and
 * the verdict changes to stdout.
 *
 * <p>Exit status: 0 done; 2 bad input (missing or unfinished DIR, unreadable tables or history, bad
 * flags), nothing written; 1 internal error.
 */
public final class ReportCommand implements Command {
    static final String USAGE = "usage: dgmoe report --in DIR [--out OUT] [--history DIR_H]\n"
            + "       dgmoe report --history DIR_H [--out OUT]";

    /**
     * The report folder: index.html and figures/ (a folder written before the marker is recognised by
     * exactly these).
     */
    static final LocalFolder.Kind FOLDER = new LocalFolder.Kind("report", "report",
            List.of("index.html", "figures", "figures/*.png", "figures/*.svg"), "index.html");

    private final Supplier<SparkSession> session;
    private final boolean ownsSession;

    /** The production command: an embedded local session (loopback, no UI) unless spark-submit set a master. */
    public ReportCommand() {
        this(ReportCommand::session, true);
    }

    /** A command on the given session (tests). */
    ReportCommand(Supplier<SparkSession> session, boolean ownsSession) {
        this.session = session;
        this.ownsSession = ownsSession;
    }

    /** The flags. */
    record Options(String in, String out, String history) {
        /** The options after {@code report}, parsed by the one parser of every command ({@link Args}). */
        static Options parse(List<String> argList) {
            List<String> problems = new ArrayList<>();
            Args args;
            try {
                args = Args.parse("report", argList, Set.of("in", "out", "history"), Set.of());
            } catch (InputException e) {
                problems.addAll(e.problems());
                problems.add(USAGE);
                throw new InputException(problems);
            }
            String in = args.optional("in");
            String out = args.optional("out");
            String history = args.optional("history");
            if (in == null && history == null) {
                problems.add("--in DIR: the sweep output folder is missing (or give --history DIR_H)");
            }
            if (!problems.isEmpty()) {
                problems.add(USAGE);
                throw new InputException(problems);
            }
            if (out == null) {
                out = (in != null ? in : history).replaceAll("/+$", "") + "/report";
            }
            return new Options(in, out, history);
        }
    }

    @Override
    public String name() {
        return "report";
    }

    @Override
    public String summary() {
        return "figures, an HTML page and the rate table of a finished sweep (and of a rate history)";
    }

    @Override
    public String usage() {
        return USAGE + "\n\n"
                + "  --in DIR         a finished dgmoe sweep output folder (with " + OutputDir.SUCCESS + ")\n"
                + "  --out OUT        where the report goes (default DIR/report, or DIR_H/report); an earlier\n"
                + "                   report there is replaced; a folder holding anything else is refused\n"
                + "  --history DIR_H  also draw the rates of every run recorded by dgmoe sweep --history DIR_H\n"
                + "                   over time (only DIR's study with --in) and list verdicts that changed\n\n"
                + "Writes OUT/index.html (one self-contained file: figures inline as SVG, a summary of the rates\n"
                + "against the theory at the top) and OUT/figures/*.png and *.svg (the same figures, for papers):\n"
                + "one log-log figure per setting and metric family. Prints the rate table to stdout.\n"
                + "Exit status: 0 done; 2 bad input, nothing written; 1 internal error.";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (Args.parse("report", args, Set.of("in", "out", "history"), Set.of()).help()) {
            out.print(usage() + "\n");
            return 0;
        }
        Options options = Options.parse(args);
        Path target = Path.of(options.out()).toAbsolutePath().normalize();
        LocalFolder.checkReplaceable(target, "--out", FOLDER);
        System.setProperty("java.awt.headless", "true");
        SparkSession spark = session.get();
        try {
            SweepResult result = options.in() == null ? null : SweepResult.read(spark, options.in());
            List<HistoryTable.Entry> history = options.history() == null ? null
                    : History.read(spark, options.history(), result == null ? null : result.study());
            if (history != null && history.isEmpty()) {
                throw new InputException("--history " + options.history() + ": holds no rates of study '"
                        + result.study() + "'");
            }
            List<History.Change> changes = history == null ? List.of() : History.changes(history);
            Path staging = null;
            try {
                staging = LocalFolder.stage(target, FOLDER);
                Path figures = Files.createDirectories(staging.resolve("figures"));
                Set<String> names = new HashSet<>();
                List<Figure> maps = result == null ? List.of() : RateMaps.figures(result, figures, names);
                List<Figure> losses = result == null ? List.of() : Figures.losses(result, figures, names);
                List<Figure> historyFigures = history == null ? List.of() : Figures.history(history, figures, names);
                PowerFigures.Tables gof = result == null ? null : PowerFigures.read(spark, options.in());
                List<Figure> gofFigures = gof == null ? List.of() : PowerFigures.draw(gof, result.manifest(), figures,
                        names);
                List<CoverageRow> coverage = result == null ? null : CoverageFigures.read(spark, options.in());
                List<Figure> coverageFigures = coverage == null ? List.of() : CoverageFigures.draw(coverage, figures,
                        names);
                Files.writeString(staging.resolve("index.html"), Html.page(result, losses, maps, gofFigures,
                        coverageFigures, history, changes, historyFigures, figures), StandardCharsets.UTF_8);
                LocalFolder.replace(staging, target, FOLDER);
                if (result != null) {
                    out.print("rates of " + result.study() + " (" + options.in() + "):\n");
                    out.print(Format.rateTable(result.rates()));
                }
                if (gof != null) {
                    out.print(PowerFigures.summary(gof));
                }
                if (coverage != null) {
                    out.print(CoverageFigures.summary(coverage));
                }
                if (history != null) {
                    out.print(changesText(changes));
                }
                out.println("report: wrote " + target.resolve("index.html") + " and "
                        + (maps.size() + losses.size() + gofFigures.size() + coverageFigures.size()
                                + historyFigures.size())
                        + " figures (PNG and SVG) in " + target.resolve("figures"));
                return 0;
            } catch (IOException e) {
                throw new UncheckedIOException("writing the report into " + staging, e);
            } finally {
                if (staging != null) {
                    LocalFolder.deleteTree(staging);
                }
            }
        } finally {
            if (ownsSession) {
                spark.stop();
            }
        }
    }

    /** The verdict changes as text for the terminal. */
    static String changesText(List<History.Change> changes) {
        if (changes.isEmpty()) {
            return "verdict changes since the previous run: none\n";
        }
        List<List<String>> rows = new ArrayList<>();
        for (History.Change c : changes) {
            RateRow p = c.previous().rate();
            RateRow l = c.latest().rate();
            rows.add(List.of(c.latest().run().study(), l.setting(), l.metric(), p.verdict().label(), l.verdict().label(),
                    Format.slope(p.slope()), Format.slope(l.slope()), Format.slope(l.theory())));
        }
        return "verdict changes since the previous run (" + changes.size() + ", " + History.newlySlower(changes)
                + " newly slower than the theory):\n" + Format.table(
                List.of("study", "setting", "metric", "previous", "latest", "slope before", "slope now", "theory"),
                rows, new boolean[] {false, false, false, false, false, true, true, true});
    }

    /** spark-submit's master if set, else an embedded local session ({@link SparkSessions}). */
    static SparkSession session() {
        return SparkSessions.forCommand("report");
    }
}
