package org.dgmoe.app.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.dgmoe.app.provenance.Provenance;
import org.dgmoe.app.table.CoverageTable;
import org.dgmoe.app.table.CurvesTable;
import org.dgmoe.app.table.FitsTable;
import org.dgmoe.app.table.NullsTable;
import org.dgmoe.app.table.PowerTable;
import org.dgmoe.app.table.RatesTable;
import org.dgmoe.app.table.TestsTable;

/**
 * The layout of a sweep's output directory and its commit protocol, on any Hadoop file system
 * (local, HDFS, ...).
 *
 * <pre>
 * DIR/fits/                    the fits, one Parquet part per Spark partition ({@link FitParts}), in no order
 * DIR/curves/ rates/           the summaries (Parquet, one file each; folder names and codecs in org.dgmoe.app.table)
 * DIR/tests/ power/ nulls/     the goodness-of-fit tables, when a setting has a test block
 * DIR/coverage/                the intervals' coverage, when the study has an intervals block
 * DIR/manifest.json            provenance, with the config hash
 * DIR/_SUCCESS                 the commit marker: written last; without it DIR holds no finished study
 * DIR/.staging/run.json        the config hash of the run in progress
 * DIR/.staging/tasks/part-K.parquet  rows of finished tasks, one part per partition, written by the
 *                              executors under a temporary name and renamed ({@link FitParts}); K is a hash
 *                              of the config and the partition's task keys; the folder becomes DIR/fits/
 * DIR/.staging-RUNID/          the final tables and manifest before they are renamed into place
 * DIR/.lock                    the exclusive lock of the run in progress ({@link OutputLock})
 * </pre>
 */
public final class OutputDir {
    public static final String MANIFEST = "manifest.json";
    public static final String SUCCESS = "_SUCCESS";
    public static final String STAGING = ".staging";
    public static final String RUN = "run.json";
    public static final String TASKS = "tasks";
    /** The truths of a study's population settings (docs/population.md), beside the tables. */
    public static final String TRUTH = "truth.json";
    /** The entries a commit replaces, in the order they are moved in (the marker goes last, separately). */
    public static final List<String> RESULTS = List.of(FitsTable.FOLDER, CurvesTable.FOLDER, RatesTable.FOLDER,
            TestsTable.FOLDER, PowerTable.FOLDER, NullsTable.FOLDER, CoverageTable.FOLDER, TRUTH, MANIFEST);
    /**
     * The entries of {@link #RESULTS} only some studies have (a goodness-of-fit test, an intervals block, a
     * population): a
     * commit moves them in when staged; an old study's are replaced (moved to the trash) either way, so none is
     * left stale.
     */
    public static final List<String> OPTIONAL_RESULTS = List.of(TestsTable.FOLDER, PowerTable.FOLDER,
            NullsTable.FOLDER, CoverageTable.FOLDER, TRUTH);

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What a directory holds.
     *
     * @param exists        the directory exists
     * @param empty         it exists and has no entries
     * @param finishedHash  config hash of the finished study in it (manifest and _SUCCESS present), or null
     * @param stagingHash   config hash of an unfinished run in it, or null
     */
    public record State(boolean exists, boolean empty, String finishedHash, String stagingHash) {
        /** Non-empty, yet neither a finished study nor an unfinished run: not ours to touch. */
        public boolean foreign() {
            return exists && !empty && finishedHash == null && stagingHash == null;
        }
    }

    private final Path dir;
    private final FileSystem fs;

    public OutputDir(String dir, Configuration conf) {
        try {
            Path p = new Path(dir);
            this.fs = p.getFileSystem(conf);
            fs.setWriteChecksum(false);
            this.dir = fs.makeQualified(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open output directory " + dir, e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** The directory as messages name it: a plain path on the local file system, the URI elsewhere. */
    public String display() {
        return display(dir);
    }

    /** {@code p} as messages name it: a plain path on the local file system, the URI elsewhere. */
    public static String display(Path p) {
        return "file".equals(p.toUri().getScheme()) ? p.toUri().getPath() : p.toString();
    }

    public Path path(String name) {
        return new Path(dir, name);
    }

    public Path staging() {
        return path(STAGING);
    }

    public Path tasks() {
        return new Path(staging(), TASKS);
    }

    public Path finalStaging(String runId) {
        return path(STAGING + "-" + runId);
    }

    /**
     * Takes the exclusive lock of the directory for a run ({@link OutputLock}), creating the directory
     * if needed.
     *
     * @throws org.dgmoe.app.base.InputException when another run holds it
     */
    public OutputLock lock(OutputLock.Holder me) throws IOException {
        return OutputLock.acquire(fs, dir, me);
    }

    /**
     * Takes the exclusive lock of the directory as {@link #lock(OutputLock.Holder)}, taking over a lock found
     * there when {@code takeover} allows it ({@link OutputLock#tookOverFrom()}).
     *
     * @throws org.dgmoe.app.base.InputException when another run holds it and may not be taken over
     */
    public OutputLock lock(OutputLock.Holder me, OutputLock.Takeover takeover) throws IOException {
        return OutputLock.acquire(fs, dir, me, takeover);
    }

    /** Inspects the directory without changing it. */
    public State inspect() throws IOException {
        if (!fs.exists(dir)) {
            return new State(false, true, null, null);
        }
        boolean empty = true;
        for (FileStatus s : fs.listStatus(dir)) {
            // the lock of the run that inspects (and a temporary file of a lock being taken) is no content
            empty &= s.getPath().getName().startsWith(OutputLock.NAME);
        }
        String finished = fs.exists(path(SUCCESS)) && fs.exists(path(MANIFEST))
                ? hashIn(path(MANIFEST)) : null;
        Path run = new Path(staging(), RUN);
        String staging = fs.exists(run) ? hashIn(run) : null;
        return new State(true, empty, finished, staging);
    }

    private String hashIn(Path json) throws IOException {
        // a manifest holds it in its provenance (before that object existed, at its top level, as run.json does)
        return Provenance.of(JSON.readTree(readText(json))).configHash();
    }

    /**
     * Starts a fresh run: removes any earlier staging (tasks of another or the same study), then
     * records the config hash this run's staged tasks belong to.
     */
    public void startStaging(String runJson) throws IOException {
        fs.delete(staging(), true);
        fs.mkdirs(tasks());
        writeText(new Path(staging(), RUN), runJson);
    }

    /** Removes leftovers of crashed commits ({@code .staging-*}, {@code .trash-*}). */
    public void removeLeftovers() throws IOException {
        if (!fs.exists(dir)) {
            return;
        }
        for (FileStatus s : fs.listStatus(dir)) {
            String name = s.getPath().getName();
            if (name.startsWith(STAGING + "-") || name.startsWith(".trash-")) {
                fs.delete(s.getPath(), true);
            }
        }
    }

    /** The committed parts of the staged tasks ({@link FitParts#committed}: left-overs deleted), sorted by name. */
    public List<Path> committedParts() throws IOException {
        return FitParts.committed(fs, tasks());
    }

    /**
     * Checks a committed part ({@link FitParts#check}).
     *
     * @throws FitParts.Unreadable when it is not a complete part of {@code schema}
     */
    public void checkPart(Path part, StructType schema) throws IOException {
        FitParts.check(fs.getConf(), part, schema);
    }

    /**
     * Passes each row of a committed part to {@code action}, read on the driver with only {@code columns}
     * ({@link ParquetRows#forEach}).
     */
    public void readPart(Path part, StructType columns, Consumer<Row> action) throws IOException {
        ParquetRows.forEach(fs.getConf(), part, columns, action);
    }

    /** Deletes a staged part (one that cannot be read: its tasks are computed again). */
    public void deletePart(Path part) throws IOException {
        fs.delete(part, true);
    }

    /**
     * Moves the tables and manifest of {@code staged} into place. The marker goes first when an old
     * study is replaced and comes back last, so at no moment does a reader see a _SUCCESS beside a
     * mixture of old and new tables; the old tables are deleted only after the new ones are in
     * place; the staged tasks are deleted only after the marker is written. The new {@code fits/} is
     * the staged tasks' folder of committed parts ({@link FitParts}) when {@code staged} holds none.
     */
    public void commit(Path staged, String runId) throws IOException {
        fs.delete(path(SUCCESS), false);
        Path trash = path(".trash-" + runId);
        for (String name : RESULTS) {
            if (fs.exists(path(name))) {
                fs.mkdirs(trash);
                rename(path(name), new Path(trash, name));
            }
        }
        for (String name : RESULTS) {
            Path from = new Path(staged, name);
            if (name.equals(FitsTable.FOLDER) && !fs.exists(from)) {
                from = tasks();
            }
            if (!OPTIONAL_RESULTS.contains(name) || fs.exists(from)) {
                rename(from, path(name));
            }
        }
        writeText(path(SUCCESS), "");
        fs.delete(trash, true);
        fs.delete(staged, true);
        fs.delete(staging(), true);
    }

    private void rename(Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("could not rename " + from + " to " + to);
        }
    }

    public String readText(Path p) throws IOException {
        try (InputStream in = fs.open(p)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toString(StandardCharsets.UTF_8);
        } catch (FileNotFoundException e) {
            throw new IOException("missing " + p, e);
        }
    }

    public void writeText(Path p, String text) throws IOException {
        try (OutputStream out = fs.create(p, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
