package org.dgmoe.app.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.dgmoe.app.storage.FitParts;
import org.dgmoe.app.storage.OutputDir;
import org.dgmoe.app.table.FitsTable;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;
import org.dgmoe.core.summary.FitRow;
import org.dgmoe.core.summary.SettingFits;
import org.dgmoe.core.summary.TaskId;

/**
 * What the driver reads of the staged parts ({@link FitParts}), never all rows at once: the keys of the tasks
 * already done (a resumed run), and the fits in columns for the summaries ({@link SettingFits}). The driver
 * reads the parts itself, one file at a time and one row group in memory ({@link OutputDir#readPart}: no
 * Spark job, which cost one job per part through {@code toLocalIterator}), and places each decoded row by its
 * key, so it holds a few primitives per fit, not the rows (issue 26).
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
     * Every setting's fits of the committed parts, in study order, each fit at its place (its replicate, so in
     * table order whatever order the parts are read in).
     *
     * @throws IllegalStateException when a task of the study is missing or present twice
     */
    static List<SettingFits> columns(OutputDir dir, Study study, FitsTable table)
            throws IOException {
        int[] sizes = study.sampleSizes();
        Map<Integer, Integer> sizeIndex = new HashMap<>();
        for (int i = 0; i < sizes.length; i++) {
            sizeIndex.put(sizes[i], i);
        }
        int[] counts = new int[sizes.length];
        java.util.Arrays.fill(counts, study.replicates());
        Map<String, SettingFits.Builder> builders = new HashMap<>();
        for (Setting s : study.settings()) {
            builders.put(s.name(), new SettingFits.Builder(s, counts, study.intervals() != null));
        }
        for (Path part : dir.committedParts()) {
            dir.readPart(part, table.schema(), row -> {
                FitRow fit = table.fromRow(row);
                SettingFits.Builder b = builders.get(fit.setting());
                Integer i = sizeIndex.get(fit.n());
                if (b == null || i == null || fit.replicate() >= study.replicates()) {
                    throw new IllegalStateException("the staged parts hold the task " + TaskKey.of(fit)
                            + ", which is not of this study (--overwrite computes the study afresh)");
                }
                if (!b.put(i, fit.replicate(), fit)) {
                    throw new IllegalStateException("the staged parts hold the task " + TaskKey.of(fit)
                            + " twice (--overwrite computes the study afresh)");
                }
            });
        }
        List<SettingFits> out = new ArrayList<>();
        long missing = 0;
        for (Setting s : study.settings()) {
            missing += builders.get(s.name()).missing();
        }
        if (missing > 0) {
            throw new IllegalStateException("the staged parts lack " + missing + " tasks of the study (a part that "
                    + "cannot be read was deleted; --resume computes its tasks again)");
        }
        for (Setting s : study.settings()) {
            out.add(builders.get(s.name()).build());
        }
        return out;
    }
}
