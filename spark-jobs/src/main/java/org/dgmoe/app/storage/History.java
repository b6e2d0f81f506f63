package org.dgmoe.app.storage;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dgmoe.app.base.InputException;
import org.dgmoe.app.report.Tables.Rate;
import org.dgmoe.app.report.Tables;

/**
 * The rate history of nightly runs: a folder DIR_H of Parquet files, one per sweep run
 * ({@code dgmoe sweep ... --history DIR_H}), each holding that run's rates with the run's identity.
 *
 * <p>Append-only and safe under concurrent runs: a run writes its rows into a hidden temporary
 * folder {@code DIR_H/.tmp-NAME/}, then renames the one Parquet file to {@code DIR_H/NAME.parquet},
 * NAME = {@code rates-<UTC time>-<run id>-<random>}, unique per run; nothing is ever rewritten.
 * Readers list {@code DIR_H/*.parquet} (names starting with '.' or '_' are skipped), so a run in
 * progress or a crashed one is never read.
 *
 * <p>Schema ({@link #SCHEMA}): {@code recorded} (timestamp, UTC: when the run committed),
 * {@code run_id}, {@code study}, {@code config_hash}, {@code git_commit}, {@code setting},
 * {@code metric}, {@code slope}, {@code intercept}, {@code ci_low}, {@code ci_high}, {@code theory}
 * (null when unknown), {@code verdict}.
 */
public final class History {
    public static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("recorded", DataTypes.TimestampType, false),
            DataTypes.createStructField("run_id", DataTypes.StringType, false),
            DataTypes.createStructField("study", DataTypes.StringType, false),
            DataTypes.createStructField("config_hash", DataTypes.StringType, false),
            DataTypes.createStructField("git_commit", DataTypes.StringType, false),
            DataTypes.createStructField("setting", DataTypes.StringType, false),
            DataTypes.createStructField("metric", DataTypes.StringType, false),
            DataTypes.createStructField("slope", DataTypes.DoubleType, false),
            DataTypes.createStructField("intercept", DataTypes.DoubleType, false),
            DataTypes.createStructField("ci_low", DataTypes.DoubleType, false),
            DataTypes.createStructField("ci_high", DataTypes.DoubleType, false),
            DataTypes.createStructField("theory", DataTypes.DoubleType, true),
            DataTypes.createStructField("verdict", DataTypes.StringType, false)));

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** The identity of a run, recorded on each of its rows. */
    public record Run(Instant recorded, String runId, String study, String configHash, String gitCommit) {
        public Run {
            Objects.requireNonNull(recorded, "recorded");
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(study, "study");
            Objects.requireNonNull(configHash, "configHash");
            Objects.requireNonNull(gitCommit, "gitCommit");
        }
    }

    /** One rate of one run. */
    public record Entry(Run run, Rate rate) {
    }

    /** A rate whose verdict differs between the two latest runs of its study that hold it. */
    public record Change(Entry previous, Entry latest) {
    }

    private History() {
    }

    /**
     * Checks that {@code dirH} can hold a history (absent, or a directory), before a sweep writes anything.
     *
     * @throws InputException when it is a file
     */
    public static void checkWritable(String dirH) {
        try {
            Path p = new Path(dirH);
            FileSystem fs = p.getFileSystem(org.dgmoe.app.storage.HadoopConfigurations.fromSparkConf());
            if (fs.exists(p) && !fs.getFileStatus(p).isDirectory()) {
                throw new InputException("--history " + dirH + ": exists and is not a directory");
            }
        } catch (IOException e) {
            throw new InputException("--history " + dirH + ": cannot inspect: " + e.getMessage());
        }
    }

    /**
     * Appends one run's rates as a new file of {@code dirH} (created if absent).
     *
     * @param rates  rows of {@code schema} with at least the columns setting, metric, slope, intercept,
     *               ci_low, ci_high, theory, verdict (others are ignored); not modified
     * @param schema the rows' schema (rows built by RowFactory carry none)
     * @return the file written
     */
    public static Path append(SparkSession spark, String dirH, Run run, List<Row> rates, StructType schema)
            throws IOException {
        List<Row> rows = new ArrayList<>(rates.size());
        Timestamp recorded = Timestamp.from(run.recorded());
        for (Row r : rates) {
            Object[] values = new Object[r.length()];
            for (int i = 0; i < values.length; i++) {
                values[i] = r.get(i);
            }
            Rate rate = Rate.of(new GenericRowWithSchema(values, schema));
            rows.add(RowFactory.create(recorded, run.runId(), run.study(), run.configHash(), run.gitCommit(),
                    rate.setting(), rate.metric(), rate.slope(), rate.intercept(), rate.ciLow(), rate.ciHigh(),
                    Double.isNaN(rate.theory()) ? null : rate.theory(), rate.verdict()));
        }
        Path dir = new Path(dirH);
        FileSystem fs = dir.getFileSystem(org.dgmoe.app.storage.HadoopConfigurations.fromSparkConf());
        fs.mkdirs(dir);
        String name = "rates-" + FILE_TIME.format(run.recorded()) + "-" + run.runId().replaceAll("[^A-Za-z0-9]", "")
                + "-" + UUID.randomUUID().toString().substring(0, 8);
        Path tmp = new Path(dir, ".tmp-" + name);
        Path target = new Path(dir, name + ".parquet");
        try {
            spark.createDataFrame(rows, SCHEMA).coalesce(1).write().parquet(tmp.toString());
            Path part = null;
            for (FileStatus s : fs.listStatus(tmp)) {
                String n = s.getPath().getName();
                if (n.startsWith("part-") && n.endsWith(".parquet")) {
                    if (part != null) {
                        throw new IOException("more than one Parquet file in " + tmp);
                    }
                    part = s.getPath();
                }
            }
            if (part == null) {
                throw new IOException("no Parquet file written in " + tmp);
            }
            if (fs.exists(target) || !fs.rename(part, target)) {
                throw new IOException("could not rename " + part + " to " + target);
            }
        } finally {
            fs.delete(tmp, true);
        }
        return target;
    }

    /** The history files of {@code dirH} (visible {@code *.parquet} at its top level), sorted by name. */
    public static List<Path> files(String dirH) {
        try {
            Path dir = new Path(dirH);
            FileSystem fs = dir.getFileSystem(org.dgmoe.app.storage.HadoopConfigurations.fromSparkConf());
            if (!fs.exists(dir)) {
                throw new InputException("--history " + dirH + ": no such directory");
            }
            if (!fs.getFileStatus(dir).isDirectory()) {
                throw new InputException("--history " + dirH + ": not a directory");
            }
            List<Path> out = new ArrayList<>();
            for (FileStatus s : fs.listStatus(dir)) {
                String n = s.getPath().getName();
                if (s.isFile() && n.endsWith(".parquet") && !n.startsWith(".") && !n.startsWith("_")) {
                    out.add(s.getPath());
                }
            }
            if (out.isEmpty()) {
                throw new InputException("--history " + dirH + ": holds no history files (rates-*.parquet, written "
                        + "by dgmoe sweep --history " + dirH + ")");
            }
            out.sort(null);
            return out;
        } catch (IOException e) {
            throw new InputException("--history " + dirH + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * Every entry of {@code dirH}, oldest run first (then setting and metric in file order).
     *
     * @param study only this study's entries, or null for all
     */
    public static List<Entry> read(SparkSession spark, String dirH, String study) {
        List<Path> files = files(dirH);
        List<Row> rows;
        try {
            rows = spark.read().option("mergeSchema", "true")
                    .parquet(files.stream().map(Path::toString).toArray(String[]::new)).collectAsList();
        } catch (Exception e) { // Spark throws its checked SparkException undeclared
            String m = String.valueOf(e.getMessage());
            throw new InputException("--history " + dirH + ": cannot read the history files as Parquet: "
                    + (m.indexOf('\n') < 0 ? m : m.substring(0, m.indexOf('\n'))));
        }
        List<Entry> out = new ArrayList<>();
        for (Row r : rows) {
            Run run = new Run(Tables.instant(r, "recorded"), Tables.string(r, "run_id"), Tables.string(r, "study"),
                    Tables.string(r, "config_hash"), Tables.string(r, "git_commit"));
            if (study == null || study.equals(run.study())) {
                out.add(new Entry(run, Rate.of(r)));
            }
        }
        // stable: rows of one file keep their order
        out.sort(Comparator.comparing((Entry e) -> e.run().recorded()).thenComparing(e -> e.run().runId()));
        return out;
    }

    /**
     * The rates whose verdict in the latest run of their (study, setting, metric) differs from the run
     * before it.
     *
     * @param entries oldest first, as {@link #read} returns them
     */
    public static List<Change> changes(List<Entry> entries) {
        Map<String, Entry> previous = new LinkedHashMap<>();
        Map<String, Entry> latest = new LinkedHashMap<>();
        for (Entry e : entries) {
            String key = e.run().study() + "\u0000" + e.rate().setting() + "\u0000" + e.rate().metric();
            Entry last = latest.put(key, e);
            if (last != null) {
                previous.put(key, last);
            }
        }
        List<Change> out = new ArrayList<>();
        for (var e : latest.entrySet()) {
            Entry before = previous.get(e.getKey());
            if (before != null && !before.rate().verdict().equals(e.getValue().rate().verdict())) {
                out.add(new Change(before, e.getValue()));
            }
        }
        return out;
    }
}
