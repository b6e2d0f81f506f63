package org.dgmoe.app.storage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dgmoe.app.base.InputException;
import org.dgmoe.app.base.OutOfMemory;
import org.dgmoe.app.base.SparkSessions;
import org.dgmoe.app.table.CurvesTable;
import org.dgmoe.app.table.FitsTable;
import org.dgmoe.app.table.NullsTable;
import org.dgmoe.app.table.PowerTable;
import org.dgmoe.app.table.RatesTable;
import org.dgmoe.app.table.TestsTable;

/**
 * A committed sweep as the commands that read one ({@code report}, {@code export}) find it: the
 * checks that DIR is a finished sweep and the reading of its tables, with the messages of bad input
 * (all naming {@code --in DIR}).
 */
public final class FinishedSweep {
    /** The published tables, in the order they are read and written. */
    public static final List<String> TABLES = List.of(FitsTable.FOLDER, CurvesTable.FOLDER, RatesTable.FOLDER);

    /**
     * The goodness-of-fit tables, in the order they are read and written: a sweep whose settings have
     * a {@code test} block commits all three with {@code _SUCCESS}, a sweep without none.
     */
    public static final List<String> GOF_TABLES = List.of(TestsTable.FOLDER, PowerTable.FOLDER, NullsTable.FOLDER);

    private FinishedSweep() {
    }

    /**
     * The goodness-of-fit tables of the finished sweep {@code root} (checked by {@link #check}): all of
     * {@link #GOF_TABLES}, or none. Some but not all is a damaged sweep, refused before anything is
     * read or written, so that no command shows or exports part of a size and power study.
     *
     * @throws InputException naming DIR, the missing tables and those present
     */
    public static List<String> gofTables(Path root, String dir) {
        List<String> present = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        try {
            FileSystem fs = root.getFileSystem(HadoopConfigurations.fromSparkConf());
            for (String name : GOF_TABLES) {
                (fs.exists(new Path(root, name)) ? present : missing).add(name + "/");
            }
        } catch (IOException e) {
            throw new InputException("--in " + dir + ": cannot read: " + e.getMessage());
        }
        if (!present.isEmpty() && !missing.isEmpty()) {
            throw new InputException("--in " + dir + ": lacks " + String.join(", ", missing) + " but has "
                    + String.join(", ", present) + " (a sweep with goodness-of-fit test blocks has "
                    + String.join("/, ", GOF_TABLES) + "/, one without none of them)");
        }
        return missing.isEmpty() ? GOF_TABLES : List.of();
    }

    /**
     * DIR as a Hadoop path, after checking that it is a finished sweep: a folder with
     * {@code _SUCCESS}, the three tables and the manifest.
     *
     * @throws InputException naming DIR and what is missing
     */
    public static Path check(String dir) {
        Path root = new Path(dir);
        try {
            FileSystem fs = root.getFileSystem(HadoopConfigurations.fromSparkConf());
            if (!fs.exists(root)) {
                throw new InputException("--in " + dir + ": no such directory");
            }
            if (!fs.getFileStatus(root).isDirectory()) {
                throw new InputException("--in " + dir + ": not a directory (give a dgmoe sweep output folder)");
            }
            if (!fs.exists(new Path(root, OutputDir.SUCCESS))) {
                throw new InputException("--in " + dir + ": no " + OutputDir.SUCCESS + ": not a finished dgmoe sweep "
                        + "(a run still in progress or interrupted: finish it with dgmoe sweep --resume)");
            }
            List<String> missing = new ArrayList<>();
            for (String name : TABLES) {
                if (!fs.exists(new Path(root, name))) {
                    missing.add(name + "/");
                }
            }
            if (!fs.exists(new Path(root, OutputDir.MANIFEST))) {
                missing.add(OutputDir.MANIFEST);
            }
            if (!missing.isEmpty()) {
                throw new InputException("--in " + dir + ": lacks " + String.join(", ", missing)
                        + " (a finished sweep has " + String.join("/, ", TABLES) + "/ and " + OutputDir.MANIFEST + ")");
            }
            return root;
        } catch (IOException e) {
            throw new InputException("--in " + dir + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * DIR/name read by Spark, after checking that it has the {@code required} columns (others are
     * ignored, so tables of later sweeps read as well).
     *
     * @throws InputException when it cannot be read as Parquet or lacks a column
     */
    public static Dataset<Row> table(SparkSession spark, String dir, String name, List<String> required) {
        Dataset<Row> df = read(dir, name, () -> spark.read().parquet(new Path(new Path(dir), name).toString()));
        List<String> have = List.of(df.columns());
        List<String> missing = required.stream().filter(c -> !have.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new InputException("--in " + dir + ": " + name + "/ lacks the column(s) " + missing + " (has " + have
                    + ")");
        }
        return df;
    }

    /** Whether the finished sweep {@code root} (checked by {@link #check}) holds the table {@code name}. */
    public static boolean has(Path root, String dir, String name) {
        try {
            return root.getFileSystem(HadoopConfigurations.fromSparkConf()).exists(new Path(root, name));
        } catch (IOException e) {
            throw new InputException("--in " + dir + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * The rows of DIR/name decoded by {@code codec} (a table's {@code fromRow}), in file order; a row the codec
     * refuses is bad input, named by DIR and the table.
     */
    public static <T> List<T> decoded(SparkSession spark, String dir, String name, List<String> required,
            java.util.function.Function<Row, T> codec) {
        List<T> out = new ArrayList<>();
        for (Row r : rows(spark, dir, name, required)) {
            try {
                out.add(codec.apply(r));
            } catch (IllegalArgumentException | ClassCastException e) {
                throw new InputException("--in " + dir + ": " + name + "/ holds a row that cannot be read: "
                        + e.getMessage());
            }
        }
        return out;
    }

    /** The rows of DIR/name in file order, after checking its {@code required} columns ({@link #table}). */
    public static List<Row> rows(SparkSession spark, String dir, String name, List<String> required) {
        Dataset<Row> df = table(spark, dir, name, required);
        return read(dir, name, df::collectAsList);
    }

    /**
     * The result of {@code action}, Spark's work on DIR/name, run with Spark's failure logs off
     * ({@link SparkSessions#failureLogsOff}): when it fails, dgmoe's {@link #unreadable} message is
     * the only thing printed.
     */
    public static <T> T read(String dir, String name, Supplier<T> action) {
        try (SparkSessions.FailureLogsOff off = SparkSessions.failureLogsOff()) {
            return action.get();
        } catch (InputException e) {
            throw e;
        } catch (Exception e) { // also Spark's checked SparkException, which Scala throws undeclared
            if (OutOfMemory.causedBy(e)) { // the driver's heap, not the table, is the problem
                throw OutOfMemory.propagate(e);
            }
            throw unreadable(dir, name, e);
        }
    }

    /** The bad-input error of a table Spark could not read (the first line of Spark's message). */
    public static InputException unreadable(String dir, String name, Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return new InputException("--in " + dir + ": cannot read " + name + "/ as Parquet: "
                + (nl < 0 ? m : m.substring(0, nl)));
    }
}
