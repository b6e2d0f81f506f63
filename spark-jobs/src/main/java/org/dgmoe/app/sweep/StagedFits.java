package org.dgmoe.app.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
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
 * already done (a resumed run), and the fits in columns for the summaries ({@link SettingFits}), the parts'
 * rows streamed to the driver one Spark partition at a time ({@code toLocalIterator}) and each decoded row
 * placed by its key, so the driver holds a few primitives per fit, not the rows (issue 26).
 */
final class StagedFits {
    private StagedFits() {
    }

    /**
     * The keys of the tasks in the committed parts. A part that cannot be read (truncated, damaged, or of
     * another fits schema) is reported on {@code err} and deleted, so its tasks count as not done.
     */
    static Set<TaskKey> done(SparkSession spark, OutputDir dir, FitsTable table, PrintStream err) throws IOException {
        List<String> parts = new ArrayList<>();
        for (Path part : dir.committedParts()) {
            try {
                dir.checkPart(part, table.schema());
                parts.add(part.toString());
            } catch (FitParts.Unreadable e) {
                err.println("sweep: " + e.getMessage() + "; deleting it, its tasks count as not done");
                dir.deletePart(part);
            }
        }
        Set<TaskKey> done = new HashSet<>();
        if (parts.isEmpty()) {
            return done;
        }
        String setting = TaskId.SETTING.column();
        String n = TaskId.N.column();
        String replicate = TaskId.REPLICATE.column();
        Iterator<Row> keys = read(spark, table, parts).select(setting, n, replicate).toLocalIterator();
        while (keys.hasNext()) {
            Row r = keys.next();
            done.add(new TaskKey(r.getString(0), r.getInt(1), r.getInt(2)));
        }
        return done;
    }

    /**
     * Every setting's fits of the committed parts, in study order, each fit at its place (its replicate, so in
     * table order whatever order the parts are read in).
     *
     * @throws IllegalStateException when a task of the study is missing or present twice
     */
    static List<SettingFits> columns(SparkSession spark, OutputDir dir, Study study, FitsTable table)
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
        List<String> parts = dir.committedParts().stream().map(Path::toString).toList();
        if (!parts.isEmpty()) {
            Iterator<Row> rows = read(spark, table, parts).toLocalIterator();
            while (rows.hasNext()) {
                FitRow fit = table.fromRow(rows.next());
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
            }
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

    private static Dataset<Row> read(SparkSession spark, FitsTable table, List<String> parts) {
        return spark.read().schema(table.schema()).parquet(parts.toArray(String[]::new));
    }
}
