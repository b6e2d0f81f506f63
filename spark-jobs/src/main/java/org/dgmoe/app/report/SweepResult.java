package org.dgmoe.app.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dgmoe.app.base.InputException;
import org.dgmoe.app.storage.OutputDir;
import org.dgmoe.app.table.CurvesTable;
import org.dgmoe.app.table.FitsTable;
import org.dgmoe.app.table.FitsTable.StatusCount;
import org.dgmoe.app.table.RatesTable;
import org.dgmoe.core.summary.CurveRow;
import org.dgmoe.core.summary.RateRow;

/**
 * A finished sweep read back from its directory: the manifest, {@code curves/}, {@code rates/} and
 * the counts of {@code fits/} by (setting, n, status). Only a committed study (with
 * {@code _SUCCESS}) is read; the tables are decoded by their codecs ({@code org.dgmoe.app.table}), by
 * column name, so tables with extra columns are read as well.
 *
 * @param dir      the directory as given
 * @param manifest {@code manifest.json}
 * @param curves   in file order (setting, metric, n)
 * @param rates    in file order (setting, metric)
 * @param statuses fits by (setting, n, status), ordered by setting (study order), n, status
 */
record SweepResult(String dir, JsonNode manifest, List<CurveRow> curves, List<RateRow> rates,
        List<StatusCount> statuses) {

    /** The study's name from the manifest. */
    String study() {
        return manifest.path("study").asText("unknown");
    }

    /**
     * Reads DIR.
     *
     * @throws InputException when DIR is missing, unfinished, or a table or the manifest cannot be read
     */
    static SweepResult read(SparkSession spark, String dir) {
        Path root = new Path(dir);
        JsonNode manifest;
        try {
            FileSystem fs = root.getFileSystem(org.dgmoe.app.storage.HadoopConfigurations.fromSparkConf());
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
            Path m = new Path(root, OutputDir.MANIFEST);
            if (!fs.exists(m)) {
                throw new InputException("--in " + dir + ": " + OutputDir.MANIFEST + " is missing");
            }
            try (InputStream in = fs.open(m)) {
                manifest = new ObjectMapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new InputException("--in " + dir + ": " + OutputDir.MANIFEST + " is not valid JSON: "
                        + e.getMessage());
            }
            if (manifest == null || !manifest.isObject()) {
                throw new InputException("--in " + dir + ": " + OutputDir.MANIFEST + " is not a JSON object");
            }
        } catch (IOException e) {
            throw new InputException("--in " + dir + ": cannot read: " + e.getMessage());
        }
        List<CurveRow> curves = new ArrayList<>();
        for (Row r : table(spark, dir, CurvesTable.FOLDER, CurvesTable.REQUIRED)) {
            curves.add(decode(dir, CurvesTable.FOLDER, () -> CurvesTable.fromRow(r)));
        }
        List<RateRow> rates = new ArrayList<>();
        for (Row r : table(spark, dir, RatesTable.FOLDER, RatesTable.REQUIRED)) {
            rates.add(decode(dir, RatesTable.FOLDER, () -> RatesTable.fromRow(r)));
        }
        List<String> order = Tables.distinct(rates, RateRow::setting);
        List<StatusCount> statuses;
        try {
            statuses = new ArrayList<>(FitsTable.statusCounts(
                    spark.read().parquet(new Path(root, FitsTable.FOLDER).toString())));
        } catch (Exception e) { // Spark throws its checked SparkException undeclared
            throw unreadable(dir, FitsTable.FOLDER, e);
        }
        statuses.sort(java.util.Comparator.<StatusCount>comparingInt(s -> rank(order, s.setting()))
                .thenComparing(StatusCount::setting).thenComparingInt(StatusCount::n)
                .thenComparing(StatusCount::status));
        return new SweepResult(dir, manifest, curves, rates, statuses);
    }

    private static int rank(List<String> order, String setting) {
        int i = order.indexOf(setting);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    /** A row decoded by its table's codec; a value the codec refuses is bad input. */
    private static <T> T decode(String dir, String name, java.util.function.Supplier<T> codec) {
        try {
            return codec.get();
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new InputException("--in " + dir + ": " + name + "/ holds a row that cannot be read: " + e.getMessage());
        }
    }

    /** The rows of DIR/name, in file order, after checking the columns a report needs. */
    private static List<Row> table(SparkSession spark, String dir, String name, List<String> columns) {
        try {
            var df = spark.read().parquet(new Path(new Path(dir), name).toString());
            List<String> have = List.of(df.columns());
            List<String> missing = new ArrayList<>();
            for (String c : columns) {
                if (!have.contains(c)) {
                    missing.add(c);
                }
            }
            if (!missing.isEmpty()) {
                throw new InputException("--in " + dir + ": " + name + "/ lacks the column(s) " + missing
                        + " (has " + have + ")");
            }
            return df.collectAsList();
        } catch (InputException e) {
            throw e;
        } catch (Exception e) { // Spark throws its checked SparkException undeclared
            throw unreadable(dir, name, e);
        }
    }

    private static InputException unreadable(String dir, String name, Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return new InputException("--in " + dir + ": cannot read " + name + "/ as Parquet: "
                + (nl < 0 ? m : m.substring(0, nl)));
    }
}
