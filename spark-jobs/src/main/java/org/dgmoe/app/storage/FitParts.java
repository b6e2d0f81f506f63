package org.dgmoe.app.storage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A table written by the executors, one Parquet part per Spark partition, each written by the executor that
 * computed its rows (issue 26), so no row passes through the driver: the sweep's fits
 * ({@code DIR/.staging/tasks/}, which becomes {@code DIR/fits/} at the commit) and the goodness-of-fit stage's
 * tests ({@code tests/} of the run's final staging folder, {@code GofStage}). The one home of "a partition's
 * rows as an atomic part".
 *
 * <p>Protocol. A partition's part is named by its content: {@code part-K.parquet}, K a hash of the config and
 * the partition's task keys. The executor writes it to {@code _tmp-K-UUID.parquet.tmp} beside it and renames it
 * to that name; the rename is the commit, so a part under its name is complete. A retried or speculative
 * attempt of the same partition writes the same rows (every number is fixed by the task's key) to the same
 * name: when the name is taken it deletes its own temporary file (the first rename wins, and on a file system
 * whose rename replaces, the replacement is identical anyway), so no task's row is ever there twice. Names
 * starting with {@code _} are not read by Spark or by a {@code *.parquet} glob, so an unfinished attempt's file
 * is never taken for a part; the driver deletes such leftovers ({@link #committed}). The driver learns only the
 * names of the parts a chunk committed.
 */
public final class FitParts {
    public static final String PREFIX = "part-";
    public static final String SUFFIX = ".parquet";
    public static final String TEMPORARY_PREFIX = "_tmp-";

    /** A part that is not a complete Parquet file of the expected schema. */
    public static final class Unreadable extends IOException {
        private static final long serialVersionUID = 1L;

        Unreadable(Path file, String why) {
            super(file + ": not a readable staged part: " + why);
        }
    }

    private FitParts() {
    }

    /** The committed name of the part whose content key is {@code key}. */
    public static String name(String key) {
        return PREFIX + key + SUFFIX;
    }

    /**
     * Writes {@code rows} (each with {@code schema}'s fields) as the part {@code key} of the folder {@code tasks}:
     * to a temporary file first, then renamed, unless another attempt committed that part already.
     *
     * @return the committed part
     */
    public static Path write(Configuration conf, Path tasks, String key, StructType schema, List<Row> rows)
            throws IOException {
        FileSystem fs = tasks.getFileSystem(conf);
        fs.setWriteChecksum(false);
        Path target = new Path(tasks, name(key));
        Path temporary = new Path(tasks, TEMPORARY_PREFIX + key + "-" + UUID.randomUUID() + SUFFIX + ".tmp");
        ParquetTable.writeFile(conf, temporary, schema, rows);
        if (fs.exists(target)) {
            fs.delete(temporary, false);
            return target;
        }
        if (!fs.rename(temporary, target)) {
            fs.delete(temporary, false);
            if (!fs.exists(target)) {
                throw new IOException("could not rename " + temporary + " to " + target);
            }
        }
        return target;
    }

    /**
     * The committed parts of {@code tasks}, sorted by name. Left-overs are deleted: temporary files of
     * unfinished attempts, and what an older dgmoe staged there (chunk files, directories), whose tasks then
     * count as not done.
     */
    public static List<Path> committed(FileSystem fs, Path tasks) throws IOException {
        List<Path> parts = new ArrayList<>();
        if (!fs.exists(tasks)) {
            return parts;
        }
        for (FileStatus s : fs.listStatus(tasks)) {
            String name = s.getPath().getName();
            if (!s.isDirectory() && name.startsWith(PREFIX) && name.endsWith(SUFFIX)) {
                parts.add(s.getPath());
            } else {
                fs.delete(s.getPath(), true);
            }
        }
        parts.sort(null);
        return parts;
    }

    /**
     * Checks that {@code part} is a complete Parquet file written with {@code schema} (its footer holds the
     * schema's JSON, {@link ParquetTable#SPARK_SCHEMA_KEY}).
     *
     * @throws Unreadable when it is not (truncated, damaged, or of another fits schema)
     */
    public static void check(Configuration conf, Path part, StructType schema) throws IOException {
        String written;
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(part, conf))) {
            written = reader.getFooter().getFileMetaData().getKeyValueMetaData().get(ParquetTable.SPARK_SCHEMA_KEY);
        } catch (IOException | RuntimeException e) {
            throw new Unreadable(part, e.toString());
        }
        if (!schema.json().equals(written)) {
            throw new Unreadable(part, "written with another fits schema");
        }
    }
}
