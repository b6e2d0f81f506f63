package org.dgmoe.app.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dgmoe.app.base.Args;
import org.dgmoe.app.base.Command;
import org.dgmoe.app.base.InputException;
import org.dgmoe.app.base.OutOfMemory;
import org.dgmoe.app.base.SparkSessions;
import org.dgmoe.app.storage.FinishedSweep;
import org.dgmoe.app.storage.HadoopConfigurations;
import org.dgmoe.app.storage.LocalFolder;
import org.dgmoe.app.storage.OutputDir;
import org.dgmoe.app.table.CoverageTable;
import org.dgmoe.app.table.CurvesTable;
import org.dgmoe.app.table.FitsTable;
import org.dgmoe.app.table.NullsTable;
import org.dgmoe.app.table.PowerTable;
import org.dgmoe.app.table.RatesTable;
import org.dgmoe.app.table.TestsTable;
import org.dgmoe.core.summary.FitDiagnostics;
import org.dgmoe.core.summary.TaskId;

/**
 * {@code dgmoe export --in DIR --out DIR2 [--format csv]}: the tables of a finished sweep as CSV
 * files that plain R ({@code read.csv}) and Python ({@code csv}) read without Arrow or DuckDB.
 *
 * <p>Writes {@code DIR2/fits.csv}, {@code curves.csv}, {@code rates.csv}, and for a sweep with
 * goodness-of-fit {@code test} blocks also {@code tests.csv}, {@code power.csv} and {@code nulls.csv}, for a sweep
 * with an {@code intervals} block {@code coverage.csv} (every column of the Parquet table, in file order, list columns one column per element:
 * {@link TableCsv}; the format: {@link Csv}) and a copy of {@code manifest.json}. Every row but the
 * fits' passes its table's codec first ({@code CODECS}). The files are written in a hidden
 * staging folder beside DIR2 and moved into place at the end, replacing an earlier export; a DIR2
 * that exists but is not an export (a file, or a folder holding anything but the export's files) is
 * refused. DIR is on any Hadoop file system: Spark checks each table's columns, and its rows are streamed to
 * the CSV file by file ({@link TableCsv.Source}, never the whole table in memory); DIR2 is a local folder.
 *
 * <p>Exit status: 0 done; 2 bad input (flags, a missing or unfinished DIR, an unreadable table, a
 * DIR2 that is not an export), nothing written; 1 internal error.
 */
public final class ExportCommand implements Command {
    static final String USAGE = "usage: dgmoe export --in DIR --out DIR2 [--format csv]";
    static final String FORMAT = "csv";
    static final String SUFFIX = ".csv";
    private static final Set<String> OPTIONS = Set.of("in", "out", "format");
    /** The tables every finished sweep has, in the order they are written. */
    static final List<String> TABLES = FinishedSweep.TABLES;
    /** The goodness-of-fit tables, written after {@link #TABLES} when the sweep has them (a {@code test} block). */
    static final List<String> GOF_TABLES = FinishedSweep.GOF_TABLES;
    /** The columns an export needs of {@code fits/} (curves and rates: their codecs' REQUIRED). */
    static final List<String> FITS_REQUIRED = List.of(TaskId.STUDY.column(), TaskId.SETTING.column(),
            TaskId.N.column(), TaskId.REPLICATE.column(), FitDiagnostics.STATUS.column());

    /** What an export needs of a table: the columns it must have and its codec's reading of a row. */
    private record Codec(List<String> required, Consumer<Row> fromRow) {
    }

    /**
     * The codec of every table an export writes. fits/ is only checked for its identity columns
     * (reading a fit needs the study); the goodness-of-fit codecs read every column of their SCHEMA.
     */
    private static final Map<String, Codec> CODECS = Map.of(
            FitsTable.FOLDER, new Codec(FITS_REQUIRED, r -> { }),
            CurvesTable.FOLDER, new Codec(CurvesTable.REQUIRED, CurvesTable::fromRow),
            RatesTable.FOLDER, new Codec(RatesTable.REQUIRED, RatesTable::fromRow),
            TestsTable.FOLDER, new Codec(List.of(TestsTable.SCHEMA.fieldNames()), TestsTable::fromRow),
            PowerTable.FOLDER, new Codec(PowerTable.REQUIRED, PowerTable::fromRow),
            NullsTable.FOLDER, new Codec(List.of(NullsTable.SCHEMA.fieldNames()), NullsTable::fromRow),
            CoverageTable.FOLDER, new Codec(CoverageTable.REQUIRED, CoverageTable::fromRow));

    /** The export folder: its CSV files and the manifest's copy. */
    static final LocalFolder.Kind FOLDER = new LocalFolder.Kind("export", "export", exportFiles(),
            FitsTable.FOLDER + SUFFIX);

    private final Supplier<SparkSession> session;
    private final boolean ownsSession;

    /** The production command: an embedded local session (loopback, no UI) unless spark-submit set a master. */
    public ExportCommand() {
        this(ExportCommand::session, true);
    }

    /** A command on the given session (tests). */
    ExportCommand(Supplier<SparkSession> session, boolean ownsSession) {
        this.session = session;
        this.ownsSession = ownsSession;
    }

    /** The flags. */
    record Options(String in, String out) {
        static Options parse(List<String> argList) {
            List<String> problems = new ArrayList<>();
            Args args;
            try {
                args = Args.parse("export", argList, OPTIONS, Set.of());
            } catch (InputException e) {
                problems.addAll(e.problems());
                problems.add(USAGE);
                throw new InputException(problems);
            }
            String in = args.optional("in");
            String out = args.optional("out");
            String format = args.optional("format");
            if (in == null) {
                problems.add("export: missing --in DIR: the finished sweep output folder to export");
            }
            if (out == null) {
                problems.add("export: missing --out DIR2: the folder the CSV files go to (new, empty or an earlier export)");
            }
            if (format != null && !format.equals(FORMAT)) {
                problems.add("export: --format " + format + ": not a known format; the one format is " + FORMAT);
            }
            if (!problems.isEmpty()) {
                problems.add(USAGE);
                throw new InputException(problems);
            }
            return new Options(in, out);
        }
    }

    @Override
    public String name() {
        return "export";
    }

    @Override
    public String summary() {
        return "the tables of a finished sweep as CSV files for plain R or Python";
    }

    @Override
    public String usage() {
        return USAGE + "\n\n"
                + "  --in DIR       a finished dgmoe sweep output folder (with " + OutputDir.SUCCESS + ")\n"
                + "  --out DIR2     where the files go: a new or empty folder, or an earlier export (replaced;\n"
                + "                 a folder holding anything else is refused)\n"
                + "  --format csv   the format (csv, the default and only one)\n\n"
                + "Writes DIR2/fits.csv, curves.csv, rates.csv and a copy of " + OutputDir.MANIFEST + "; a sweep with\n"
                + "goodness-of-fit test blocks also gets tests.csv, power.csv and nulls.csv (none for a sweep without),\n"
                + "one with an intervals block coverage.csv (docs/uncertainty.md, \"Coverage\").\n"
                + "Each CSV has a header and every column of its Parquet table, in the table's order;\n"
                + "RFC 4180 quoting (a field with a comma, quote, CR or LF is quoted, quotes doubled), UTF-8,\n"
                + "\\n line ends. Doubles as Java's Double.toString (parsed back, the same bits), NaN as NaN,\n"
                + "infinities as Inf / -Inf (R's read.csv and Python's float() read all three); null is an empty\n"
                + "field (NA in R), an empty string \"\"; booleans TRUE / FALSE. The list columns of fits/ get\n"
                + "one column per element: weight_1..weight_K, intercept_1..intercept_K, variance_1..variance_K\n"
                + "and slope_1_1..slope_K_D (slope_k_j: expert k, coordinate j), K and D the largest over the\n"
                + "rows, empty where a row has fewer. seed is a 64-bit integer, beyond a double's 53 bits: keep\n"
                + "every digit with read.csv(\"DIR2/fits.csv\", colClasses = c(seed = \"character\")).\n"
                + "Exit status: 0 done; 2 bad input, nothing written; 1 internal error.";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (Args.parse("export", args, OPTIONS, Set.of()).help()) {
            out.print(usage() + "\n");
            return 0;
        }
        Options options = Options.parse(args);
        Path target = Path.of(options.out()).toAbsolutePath().normalize();
        LocalFolder.checkReplaceable(target, "--out", FOLDER);
        org.apache.hadoop.fs.Path root = FinishedSweep.check(options.in());
        List<String> names = present(root, options.in());
        SparkSession spark = session.get();
        try {
            Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
            for (String name : names) {
                tables.put(name, FinishedSweep.table(spark, options.in(), name, CODECS.get(name).required()));
            }
            Path staging = null;
            try {
                staging = LocalFolder.stage(target, FOLDER);
                Map<String, Long> counts = new LinkedHashMap<>();
                for (Map.Entry<String, Dataset<Row>> t : tables.entrySet()) {
                    String what = "--in " + options.in() + ": " + t.getKey() + "/";
                    try (SparkSessions.FailureLogsOff off = SparkSessions.failureLogsOff();
                            Writer w = Files.newBufferedWriter(staging.resolve(t.getKey() + SUFFIX), StandardCharsets.UTF_8)) {
                        // Spark checked the table (its columns) above; its rows are streamed file by file
                        TableCsv.Source source = TableCsv.Source.of(spark.sparkContext().hadoopConfiguration(),
                                options.in(), t.getKey());
                        counts.put(t.getKey(), TableCsv.write(source, what, check(t.getKey(), what), w));
                    } catch (InputException | IOException e) {
                        throw e;
                    } catch (Exception e) { // also Spark's checked SparkException, which Scala throws undeclared
                        if (OutOfMemory.causedBy(e)) { // the driver's heap, not the table, is the problem
                            throw OutOfMemory.propagate(e);
                        }
                        throw FinishedSweep.unreadable(options.in(), t.getKey(), e);
                    }
                }
                copyManifest(root, staging.resolve(OutputDir.MANIFEST), options.in());
                LocalFolder.replace(staging, target, FOLDER);
                for (Map.Entry<String, Long> c : counts.entrySet()) {
                    out.println("export: wrote " + target.resolve(c.getKey() + SUFFIX) + " (" + c.getValue() + " rows)");
                }
                out.println("export: copied " + target.resolve(OutputDir.MANIFEST));
                return 0;
            } catch (IOException e) {
                throw new UncheckedIOException("writing the export into " + staging, e);
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

    /**
     * The tables to write: {@link #TABLES}, then {@link #GOF_TABLES} when DIR holds them (all or none), then
     * {@code coverage/} when DIR holds it (a study with an intervals block).
     */
    private static List<String> present(org.apache.hadoop.fs.Path root, String dir) {
        List<String> names = new ArrayList<>(TABLES);
        names.addAll(FinishedSweep.gofTables(root, dir));
        if (FinishedSweep.has(root, dir, CoverageTable.FOLDER)) {
            names.add(CoverageTable.FOLDER);
        }
        return names;
    }

    /** The codec check of a row of {@code name}: a row its codec refuses is bad input (fits/ needs the study). */
    private static Consumer<Row> check(String name, String what) {
        Consumer<Row> codec = CODECS.get(name).fromRow();
        return r -> {
            try {
                codec.accept(r);
            } catch (IllegalArgumentException | ClassCastException e) {
                throw new InputException(what + " holds a row that cannot be read: " + e.getMessage());
            }
        };
    }

    private static void copyManifest(org.apache.hadoop.fs.Path root, Path to, String dir) throws IOException {
        org.apache.hadoop.fs.Path m = new org.apache.hadoop.fs.Path(root, OutputDir.MANIFEST);
        try (InputStream in = m.getFileSystem(HadoopConfigurations.fromSparkConf()).open(m)) {
            Files.copy(in, to);
        }
    }

    /** The names an export writes (an export written before the marker is recognised by them and fits.csv). */
    static List<String> exportFiles() {
        List<String> names = new ArrayList<>();
        for (String t : TABLES) {
            names.add(t + SUFFIX);
        }
        for (String t : GOF_TABLES) {
            names.add(t + SUFFIX);
        }
        names.add(CoverageTable.FOLDER + SUFFIX);
        names.add(OutputDir.MANIFEST);
        return names;
    }

    /** spark-submit's master if set, else an embedded local session ({@link SparkSessions}). */
    static SparkSession session() {
        return SparkSessions.forCommand("export");
    }
}
