package org.dgmoe.app.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.dgmoe.app.storage.FitParts;
import org.dgmoe.app.storage.OutputDir;
import org.dgmoe.app.table.FitsTable;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;
import org.dgmoe.core.summary.FitColumns;
import org.dgmoe.core.summary.FitDiagnostics;
import org.dgmoe.core.summary.SettingFits;
import org.dgmoe.core.summary.TaskId;
import org.dgmoe.core.uncertainty.IntervalMethod;

/**
 * What the driver reads of the staged parts ({@link FitParts}), never all rows at once: the keys of the tasks
 * already done (a resumed run), the fits for the summaries one projection at a time ({@link FitColumns}: the
 * flags, then one metric, or one method's intervals, per pass), and the status counts. The driver reads the
 * parts itself, one file at a time and one row group in memory ({@link OutputDir#readPart}: no Spark job, which
 * cost one job per part through {@code toLocalIterator}), only the pass's columns (a Parquet projection), so it
 * holds a few primitives per fit of the settings being summarised and one metric's column, not the rows (issue
 * 26).
 */
final class StagedFits {
    private StagedFits() {
    }

    /**
     * The tasks in the committed parts, one bit a task ({@link DoneTasks}). A part that cannot be read
     * (truncated, damaged, or of another fits schema) is reported on {@code err} and deleted, so its tasks
     * count as not done.
     */
    static DoneTasks done(OutputDir dir, Study study, FitsTable table, PrintStream err) throws IOException {
        List<Path> parts = new ArrayList<>();
        for (Path part : dir.committedParts()) {
            try {
                dir.checkPart(part, table.schema());
                parts.add(part);
            } catch (FitParts.Unreadable e) {
                err.println("sweep: " + e.getMessage() + "; deleting it, its tasks count as not done");
                dir.deletePart(part);
            }
        }
        String setting = TaskId.SETTING.column();
        String n = TaskId.N.column();
        String replicate = TaskId.REPLICATE.column();
        // only the three key columns are read (a projection): the other column chunks are skipped
        StructType keys = new StructType(new StructField[] {table.schema().apply(setting), table.schema().apply(n),
                table.schema().apply(replicate)});
        DoneTasks done = new DoneTasks(study);
        for (Path part : parts) {
            dir.readPart(part, keys, r -> done.mark(r.getString(0), r.getInt(1), r.getInt(2)));
        }
        return done;
    }

    /**
     * The committed parts as the summaries read them ({@link FitColumns}): each pass reads every part, one at a
     * time, with only its columns (the key, and the flags, or one metric, or one method's intervals), and gives
     * each fit at its place, its replicate (so in table order whatever order the parts are read in). A part that
     * cannot be read fails the pass ({@link UncheckedIOException}). Core checks the places: a task not of the
     * study, given twice or missing fails the summary ({@link IllegalStateException}).
     */
    static FitColumns columns(OutputDir dir, Study study, FitsTable table) throws IOException {
        List<Path> parts = dir.committedParts();
        int kStar = FitColumns.largestTruth(study);
        return new FitColumns() {
            @Override
            public int count(Setting setting, int n) {
                return study.replicates();
            }

            @Override
            public void flags(FlagsSink sink) {
                int[] sizes = new int[kStar];
                read(table.flagsProjection(), r -> {
                    FitsTable.cellSizes(r, sizes, SettingFits.MISSING);
                    sink.fit(FitsTable.setting(r), FitsTable.n(r), FitsTable.replicate(r), FitsTable.status(r),
                            FitsTable.startChecked(r), FitsTable.startDiffered(r), FitsTable.spurious(r), sizes);
                });
            }

            @Override
            public void metrics(List<String> metrics, ValuesSink sink) {
                double[] values = new double[metrics.size()];
                read(table.projection(metrics), r -> {
                    FitsTable.metrics(r, values);
                    sink.fit(FitsTable.setting(r), FitsTable.n(r), FitsTable.replicate(r), values);
                });
            }

            @Override
            public void intervals(IntervalMethod method, IntervalSink sink) {
                read(table.intervalsProjection(method), r -> sink.fit(FitsTable.setting(r), FitsTable.n(r),
                        FitsTable.replicate(r), FitsTable.intervals(r, method)));
            }

            private void read(StructType columns, Consumer<Row> action) {
                for (Path part : parts) {
                    try {
                        dir.readPart(part, columns, action);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        };
    }

    /** The fits of each status in the committed parts (the status column only), every status named. */
    static Map<String, Long> statusCounts(OutputDir dir, FitsTable table) throws IOException {
        long[] counts = new long[FitStatus.values().length];
        StructType status = table.flagsProjection();
        status = new StructType(new StructField[] {status.apply(FitDiagnostics.STATUS.column())});
        for (Path part : dir.committedParts()) {
            dir.readPart(part, status, r -> counts[FitsTable.status(r.getString(0)).ordinal()]++);
        }
        Map<String, Long> out = new LinkedHashMap<>();
        for (FitStatus s : FitStatus.values()) {
            out.put(FitsTable.statusLabel(s), counts[s.ordinal()]);
        }
        return out;
    }
}
