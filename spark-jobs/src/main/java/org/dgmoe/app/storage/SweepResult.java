package org.dgmoe.app.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.dgmoe.app.base.InputException;
import org.dgmoe.app.storage.FinishedSweep;
import org.dgmoe.app.storage.HadoopConfigurations;
import org.dgmoe.app.storage.OutputDir;
import org.dgmoe.app.table.CurvesTable;
import org.dgmoe.app.table.FitsTable;
import org.dgmoe.app.table.FitsTable.StatusCount;
import org.dgmoe.app.table.RatesTable;
import org.dgmoe.core.summary.CurveRow;
import org.dgmoe.core.summary.FitDiagnostics;
import org.dgmoe.core.summary.RateRow;
import org.dgmoe.core.summary.TaskId;

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
 * @param cells    per setting and Voronoi cell j, the planned cell size read from {@code fits/}'s
 *                 {@code cell{j}_size} columns (absent when {@code fits/} has none)
 */
public record SweepResult(String dir, JsonNode manifest, List<CurveRow> curves, List<RateRow> rates,
        List<StatusCount> statuses, Map<String, Map<Integer, CellSize>> cells) {

    /**
     * The size |A_j| of a Voronoi cell taken as its planned size: the most common value among the
     * converged fits at the largest n that has one (ties: the smaller size).
     *
     * @param size  the most common |A_j|
     * @param n     the sample size it was counted at
     * @param count fits with that size
     * @param fits  converged fits with a size at that n
     */
    public record CellSize(int size, int n, long count, long fits) {
    }

    /** A setting's model as the manifest's resolved config gives it: k fitted experts, k* true experts, λ*; -1 / NaN when absent. */
    public record Model(int k, int kStar, double lambdaStar) {
    }

    /**
     * The model of {@code setting} from {@code manifest.resolved_config.study.settings} (an older
     * manifest without it: all absent). A point of a rate map ({@code <map>:<column>=<value>,...}) is
     * not in the resolved config, its map is: the map's model, with the point's own λ* and k where the
     * map varies {@code truth.lambda} or {@code fit.experts} (its rates' varied values).
     */
    public Model model(String setting) {
        Map<String, Double> varied = rates.stream().filter(r -> r.setting().equals(setting)).findFirst()
                .map(RateRow::varied).orElse(Map.of());
        for (JsonNode s : manifest.path("resolved_config").path("study").path("settings")) {
            String name = s.path("name").asText(null);
            if (setting.equals(name) || !varied.isEmpty() && name != null && setting.startsWith(name + ":")
                    && s.has("vary")) {
                JsonNode truth = s.path("truth");
                JsonNode experts = truth.path("experts");
                JsonNode lambda = truth.path("lambda");
                double lambdaStar = varied.getOrDefault("truth_lambda", lambda.isNumber() ? lambda.asDouble()
                        : Double.NaN);
                int k = varied.containsKey("fit_experts") ? varied.get("fit_experts").intValue()
                        : s.path("fit").path("experts").asInt(-1);
                return new Model(k, experts.isArray() ? experts.size() : -1, lambdaStar);
            }
        }
        return new Model(-1, -1, Double.NaN);
    }

    /** The study's name from the manifest. */
    public String study() {
        return manifest.path("study").asText("unknown");
    }

    /**
     * Reads DIR.
     *
     * @throws InputException when DIR is missing, unfinished, or a table or the manifest cannot be read
     */
    public static SweepResult read(SparkSession spark, String dir) {
        Path root = FinishedSweep.check(dir);
        JsonNode manifest;
        Path m = new Path(root, OutputDir.MANIFEST);
        try (InputStream in = m.getFileSystem(HadoopConfigurations.fromSparkConf()).open(m)) {
            manifest = new ObjectMapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InputException("--in " + dir + ": " + OutputDir.MANIFEST + " is not valid JSON: " + e.getMessage());
        }
        if (manifest == null || !manifest.isObject()) {
            throw new InputException("--in " + dir + ": " + OutputDir.MANIFEST + " is not a JSON object");
        }
        List<CurveRow> curves = new ArrayList<>();
        for (Row r : FinishedSweep.rows(spark, dir, CurvesTable.FOLDER, CurvesTable.REQUIRED)) {
            curves.add(decode(dir, CurvesTable.FOLDER, () -> CurvesTable.fromRow(r)));
        }
        List<RateRow> rates = new ArrayList<>();
        for (Row r : FinishedSweep.rows(spark, dir, RatesTable.FOLDER, RatesTable.REQUIRED)) {
            rates.add(decode(dir, RatesTable.FOLDER, () -> RatesTable.fromRow(r)));
        }
        List<String> order = rates.stream().map(RateRow::setting).distinct().toList();
        List<StatusCount> statuses = new ArrayList<>(FinishedSweep.read(dir, FitsTable.FOLDER, () -> FitsTable.statusCounts(
                spark.read().parquet(new Path(root, FitsTable.FOLDER).toString()))));
        statuses.sort(java.util.Comparator.<StatusCount>comparingInt(s -> rank(order, s.setting()))
                .thenComparing(StatusCount::setting).thenComparingInt(StatusCount::n)
                .thenComparing(StatusCount::status));
        Map<String, Map<Integer, CellSize>> cells = FinishedSweep.read(dir, FitsTable.FOLDER,
                () -> cellSizes(spark.read().parquet(new Path(root, FitsTable.FOLDER).toString())));
        return new SweepResult(dir, manifest, curves, rates, statuses, cells);
    }

    /** The planned size of every cell with a {@code cell{j}_size} column, per setting (see {@link CellSize}). */
    static Map<String, Map<Integer, CellSize>> cellSizes(Dataset<Row> fits) {
        Map<String, Map<Integer, CellSize>> out = new LinkedHashMap<>();
        List<String> columns = List.of(fits.columns());
        if (!columns.contains(FitDiagnostics.STATUS.column())) {
            return out;
        }
        Dataset<Row> converged = fits.filter(functions.col(FitDiagnostics.STATUS.column()).equalTo(
                FitsTable.statusLabel(org.dgmoe.core.em.FitStatus.CONVERGED)));
        for (String c : columns) {
            java.util.regex.Matcher m = CELL_SIZE.matcher(c);
            if (!m.matches()) {
                continue;
            }
            int j = Integer.parseInt(m.group(1));
            // (setting, n, size) -> count, then per setting the largest n with a size, and its mode
            Map<String, Map<Integer, Map<Integer, Long>>> counts = new HashMap<>();
            for (Row r : converged.filter(functions.col(c).isNotNull()).groupBy(TaskId.SETTING.column(), TaskId.N.column(), c)
                    .count().collectAsList()) {
                counts.computeIfAbsent(r.getString(0), k -> new HashMap<>())
                        .computeIfAbsent(((Number) r.get(1)).intValue(), k -> new HashMap<>())
                        .merge(((Number) r.get(2)).intValue(), r.getLong(3), Long::sum);
            }
            for (var bySetting : counts.entrySet()) {
                int n = bySetting.getValue().keySet().stream().max(Integer::compare).orElseThrow();
                Map<Integer, Long> bySize = bySetting.getValue().get(n);
                long fitsAtN = bySize.values().stream().mapToLong(Long::longValue).sum();
                int size = bySize.entrySet().stream().sorted(Map.Entry.<Integer, Long>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey())).findFirst().orElseThrow().getKey();
                out.computeIfAbsent(bySetting.getKey(), k -> new TreeMap<>())
                        .put(j, new CellSize(size, n, bySize.get(size), fitsAtN));
            }
        }
        return out;
    }

    private static final java.util.regex.Pattern CELL_SIZE = java.util.regex.Pattern.compile("cell(\\d+)_size");

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
}
