package org.dgmoe.app.storage;

import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dgmoe.app.base.InputException;
import org.dgmoe.app.base.OutOfMemory;
import org.dgmoe.app.table.HistoryTable;
import org.dgmoe.app.table.HistoryTable.Entry;
import org.dgmoe.app.table.HistoryTable.Run;
import org.dgmoe.core.summary.RateRow;

/**
 * The rate history of nightly runs: a folder DIR_H of Parquet files, one per sweep run
 * ({@code dgmoe sweep ... --history DIR_H}), each holding that run's rates with the run's identity
 * ({@link HistoryTable}).
 *
 * <p>Append-only and safe under concurrent runs: a run writes its rows into a hidden temporary
 * folder {@code DIR_H/.tmp-NAME/}, then renames the one Parquet file to {@code DIR_H/NAME.parquet},
 * NAME = {@code rates-<UTC time>-<run id>-<random>}, unique per run; nothing is ever rewritten.
 * Readers list {@code DIR_H/*.parquet} (names starting with '.' or '_' are skipped), so a run in
 * progress or a crashed one is never read. Files of older runs lack {@code flag}; they are read
 * together with newer ones (Spark's {@code mergeSchema}), their flag as "". Files written before
 * verdicts had a direction hold {@code disagrees}; it is read as {@code faster-than-theory} or
 * {@code slower-than-theory} from the row's own interval (exactly: {@code RatesTable}), so a rate that
 * was faster than its theory then and is now is not reported as a change.
 */
public final class History {
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** A rate whose verdict differs between the two latest runs of its study that hold it. */
    public record Change(Entry previous, Entry latest) {
        /**
         * Whether the rate now contradicts its theory and did not before: latest
         * {@code slower-than-theory}, previous anything else. Only such a change is a regression; a rate
         * moving between {@code agrees} and {@code faster-than-theory} stays consistent with the bound.
         */
        public boolean newlySlower() {
            return latest.rate().verdict().contradictsTheory() && !previous.rate().verdict().contradictsTheory();
        }
    }

    /** The changes that are {@link Change#newlySlower()}. */
    public static long newlySlower(List<Change> changes) {
        return changes.stream().filter(Change::newlySlower).count();
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
     * @param rates the run's rates (not modified)
     * @return the file written
     */
    public static Path append(SparkSession spark, String dirH, Run run, List<RateRow> rates) throws IOException {
        List<Row> rows = new ArrayList<>(rates.size());
        for (RateRow rate : rates) {
            rows.add(HistoryTable.toRow(new Entry(run, rate)));
        }
        Path dir = new Path(dirH);
        FileSystem fs = dir.getFileSystem(org.dgmoe.app.storage.HadoopConfigurations.fromSparkConf());
        fs.mkdirs(dir);
        String name = "rates-" + FILE_TIME.format(run.recorded()) + "-" + run.runId().replaceAll("[^A-Za-z0-9]", "")
                + "-" + UUID.randomUUID().toString().substring(0, 8);
        Path tmp = new Path(dir, ".tmp-" + name);
        Path target = new Path(dir, name + ".parquet");
        try {
            spark.createDataFrame(rows, HistoryTable.SCHEMA).coalesce(1).write().parquet(tmp.toString());
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
            if (OutOfMemory.causedBy(e)) { // the driver's heap, not the history, is the problem
                throw OutOfMemory.propagate(e);
            }
            String m = String.valueOf(e.getMessage());
            throw new InputException("--history " + dirH + ": cannot read the history files as Parquet: "
                    + (m.indexOf('\n') < 0 ? m : m.substring(0, m.indexOf('\n'))));
        }
        List<Entry> out = new ArrayList<>();
        for (Row r : rows) {
            Entry e;
            try {
                e = HistoryTable.fromRow(r);
            } catch (IllegalArgumentException | ClassCastException bad) {
                throw new InputException("--history " + dirH + ": a row is not a recorded rate: " + bad.getMessage());
            }
            if (study == null || study.equals(e.run().study())) {
                out.add(e);
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
