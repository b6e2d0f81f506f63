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
import org.dgmoe.app.report.Tables.Curve;
import org.dgmoe.app.report.Tables.Rate;
import org.dgmoe.app.report.Tables.StatusCount;

/**
 * A finished sweep read back from its directory: the manifest, {@code curves/}, {@code rates/} and
 * the counts of {@code fits/} by (setting, n, status). Only a committed study (with
 * {@code _SUCCESS}) is read.
 *
 * @param dir      the directory as given
 * @param manifest {@code manifest.json}
 * @param curves   in file order (setting, metric, n)
 * @param rates    in file order (setting, metric)
 * @param statuses fits by (setting, n, status), ordered by setting (study order), n, status
 */
record SweepResult(String dir, JsonNode manifest, List<Curve> curves, List<Rate> rates, List<StatusCount> statuses) {

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
            if (!fs.exists(new Path(root, "_SUCCESS"))) {
                throw new InputException("--in " + dir + ": no _SUCCESS: not a finished dgmoe sweep (a run still in "
                        + "progress or interrupted: finish it with dgmoe sweep --resume)");
            }
            Path m = new Path(root, "manifest.json");
            if (!fs.exists(m)) {
                throw new InputException("--in " + dir + ": manifest.json is missing");
            }
            try (InputStream in = fs.open(m)) {
                manifest = new ObjectMapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new InputException("--in " + dir + ": manifest.json is not valid JSON: " + e.getMessage());
            }
            if (manifest == null || !manifest.isObject()) {
                throw new InputException("--in " + dir + ": manifest.json is not a JSON object");
            }
        } catch (IOException e) {
            throw new InputException("--in " + dir + ": cannot read: " + e.getMessage());
        }
        List<Curve> curves = new ArrayList<>();
        for (Row r : table(spark, dir, "curves", "setting", "metric", "n", "count", "failed", "mean", "median", "sd",
                "q10", "q90")) {
            curves.add(Curve.of(r));
        }
        List<Rate> rates = new ArrayList<>();
        for (Row r : table(spark, dir, "rates", "setting", "metric", "slope", "intercept", "ci_low", "ci_high",
                "theory", "verdict")) {
            rates.add(Rate.of(r));
        }
        List<String> order = Tables.distinct(rates, Rate::setting);
        List<StatusCount> statuses = new ArrayList<>();
        try {
            for (Row r : spark.read().parquet(new Path(root, "fits").toString()).groupBy("setting", "n", "status")
                    .count().collectAsList()) {
                statuses.add(new StatusCount(Tables.string(r, "setting"), Tables.integer(r, "n"),
                        Tables.string(r, "status"), Tables.longValue(r, "count")));
            }
        } catch (Exception e) { // Spark throws its checked SparkException undeclared
            throw unreadable(dir, "fits", e);
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

    /** The rows of DIR/name, in file order, after checking the columns a report needs. */
    private static List<Row> table(SparkSession spark, String dir, String name, String... columns) {
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
