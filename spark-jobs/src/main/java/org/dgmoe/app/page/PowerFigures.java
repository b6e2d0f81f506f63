package org.dgmoe.app.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dgmoe.app.page.Figures.Figure;
import org.dgmoe.app.page.Plot.Dash;
import org.dgmoe.app.page.Plot.Key;
import org.dgmoe.app.page.Plot.Line;
import org.dgmoe.app.page.Plot.Mark;
import org.dgmoe.app.page.Plot.Marker;
import org.dgmoe.app.page.Plot.Points;
import org.dgmoe.app.storage.FinishedSweep;
import org.dgmoe.app.table.NullsTable;
import org.dgmoe.app.table.PowerTable;
import org.dgmoe.app.table.TestsTable;
import org.dgmoe.core.gof.PowerRow;
import org.dgmoe.core.gof.TestKind;
import org.dgmoe.core.gof.TestRow;

/**
 * The figures of a size and power study (a sweep whose settings have a {@code test} block; docs/gof.md):
 * <ul>
 * <li>power against λ* at each n, and against n at each λ*, at α = {@link #ALPHA} (the other levels are in
 * {@code power/}), one series per test with its 95% Clopper–Pearson interval as a bar. Settings that
 * differ only in {@code truth.lambda} (and their names and theory) form one family, read from the
 * manifest's resolved config. A truth whose λ(x) depends on x is placed by its average weight E_x λ(x)
 * ({@link PowerRow#lambdaMean}, the λ axis reads "λ* or E_x λ(x)");</li>
 * <li>under H0 (λ* = 0), the p-values' QQ plot against U(0, 1), replicates of every n pooled;</li>
 * <li>the null distribution of T per n: the survival function P(T* ≥ t) of each null sample (log y).</li>
 * </ul>
 */
public final class PowerFigures {
    /** The level the power figures show. */
    static final double ALPHA = 0.05;
    private static final String GREY = "#808080";

    private PowerFigures() {
    }

    /** The goodness-of-fit tables of a finished sweep, or null when it has none. */
    public record Tables(List<PowerRow> power, List<TestRow> tests, Map<String, TreeMap<Integer, double[]>> nulls) {
    }

    public static Tables read(SparkSession spark, String dir) throws IOException {
        Path root = FinishedSweep.check(dir);
        if (FinishedSweep.gofTables(root, dir).isEmpty()) {
            return null;
        }
        List<PowerRow> power = PowerTable.fromRows(FinishedSweep.rows(spark, dir, PowerTable.FOLDER, List.of()));
        List<TestRow> tests = FinishedSweep.rows(spark, dir, TestsTable.FOLDER, List.of()).stream()
                .map(TestsTable::fromRow).toList();
        Map<String, TreeMap<Integer, List<Double>>> byCell = new LinkedHashMap<>();
        for (Row r : FinishedSweep.rows(spark, dir, NullsTable.FOLDER, List.of())) {
            NullsTable.Entry e = NullsTable.fromRow(r);
            byCell.computeIfAbsent(e.setting(), k -> new TreeMap<>()).computeIfAbsent(e.n(), k -> new ArrayList<>())
                    .add(e.fit().statistic());
        }
        Map<String, TreeMap<Integer, double[]>> nulls = new LinkedHashMap<>();
        byCell.forEach((s, m) -> {
            TreeMap<Integer, double[]> sorted = new TreeMap<>();
            m.forEach((n, v) -> sorted.put(n, v.stream().mapToDouble(Double::doubleValue).sorted().toArray()));
            nulls.put(s, sorted);
        });
        return new Tables(power, tests, nulls);
    }

    /**
     * The families of settings that differ only in λ*: setting name → family label (its first member's name,
     * with "λ* varies" when it has several). A setting missing from the resolved config, or whose λ depends on x
     * (its {@code truth.lambda} an object), is its own family.
     */
    public static Map<String, String> families(JsonNode manifest, List<String> settings) {
        Map<String, String> keyOf = new LinkedHashMap<>();
        JsonNode list = manifest.path("resolved_config").path("study").path("settings");
        for (JsonNode s : list) {
            if (!s.isObject()) {
                continue;
            }
            ObjectNode copy = ((ObjectNode) s).deepCopy();
            String name = copy.path("name").asText();
            copy.remove(List.of("name", "theory"));
            // a number λ* is what a family varies; a λ(x) (an object) is not one number, so it stays in the key and a
            // gated setting is its own family
            if (copy.get("truth") instanceof ObjectNode truth && truth.path("lambda").isNumber()) {
                truth.remove("lambda");
            }
            keyOf.put(name, copy.toString());
        }
        Map<String, String> first = new LinkedHashMap<>();
        Map<String, String> out = new LinkedHashMap<>();
        for (String s : settings) {
            String key = keyOf.getOrDefault(s, "\u0000" + s);
            out.put(s, first.computeIfAbsent(key, k -> s));
        }
        return out;
    }

    public static List<Figure> draw(Tables t, JsonNode manifest, java.nio.file.Path dir, Set<String> used) throws IOException {
        List<Figure> out = new ArrayList<>();
        List<PowerRow> at = t.power().stream().filter(p -> p.alpha() == ALPHA).toList();
        List<String> settings = at.stream().map(PowerRow::setting).distinct().toList();
        Map<String, String> family = families(manifest, settings);
        for (String fam : new java.util.LinkedHashSet<>(family.values())) {
            List<PowerRow> rows = at.stream().filter(p -> family.get(p.setting()).equals(fam)).toList();
            TreeSet<Integer> sizes = new TreeSet<>();
            TreeSet<Double> lambdas = new TreeSet<>();
            rows.forEach(p -> {
                sizes.add(p.n());
                lambdas.add(p.lambdaMean());
            });
            if (lambdas.size() > 1) {
                for (int n : sizes) {
                    out.add(power(rows.stream().filter(p -> p.n() == n).toList(), false, fam,
                            fam + ": power at α = " + ALPHA + " against λ*, n = " + n, dir, used));
                }
            }
            for (double lambda : lambdas) {
                List<PowerRow> cell = rows.stream().filter(p -> p.lambdaMean() == lambda).toList();
                out.add(power(cell, true, fam, fam + ": " + (lambda == 0 ? "size" : "power") + " at α = " + ALPHA
                        + " against n, " + cell.get(0).lambdaText(), dir, used));
            }
        }
        for (String s : settings) {
            List<TestRow> h0 = t.tests().stream().filter(r -> r.setting().equals(s)).toList();
            boolean isH0 = at.stream().anyMatch(p -> p.setting().equals(s) && p.lambdaTrue() == 0);
            if (isH0 && !h0.isEmpty()) {
                out.add(qq(h0, s, dir, used));
            }
            if (isH0 || family.get(s).equals(s)) {
                out.add(nullDistribution(t.nulls(), s, dir, used));
            }
        }
        return out;
    }

    private static Figure power(List<PowerRow> rows, boolean againstN, String fam, String title,
            java.nio.file.Path dir, Set<String> used) throws IOException {
        List<Mark> marks = new ArrayList<>();
        List<Key> legend = new ArrayList<>();
        TestKind[] kinds = TestKind.values();
        for (int i = 0; i < kinds.length; i++) {
            TestKind k = kinds[i];
            List<PowerRow> series = rows.stream().filter(p -> p.test() == k)
                    .sorted(java.util.Comparator.comparingDouble(p -> againstN ? p.n() : p.lambdaMean())).toList();
            if (series.isEmpty()) {
                continue;
            }
            String c = Figures.PALETTE[i % Figures.PALETTE.length];
            // dodge the tests' bars about their centre c = (tests − 1)/2: ×1.03^(i − c) in n, ±0.002·(i − c) in λ*
            double dodge = i - (kinds.length - 1) / 2.0;
            double[] x = new double[series.size()];
            double[] y = new double[series.size()];
            for (int j = 0; j < x.length; j++) {
                PowerRow p = series.get(j);
                x[j] = againstN ? p.n() * Math.pow(1.03, dodge) : p.lambdaMean() + 0.002 * dodge;
                y[j] = p.rate();
                marks.add(Line.bar(x[j], p.ciLow(), p.ciHigh(), c));
            }
            marks.add(Line.of(x, y, c, Dash.SOLID));
            marks.add(Points.of(x, y, c, Marker.CIRCLE, 4));
            legend.add(Key.lineAndMarker(k.label(), c, Dash.SOLID, Marker.CIRCLE));
        }
        double lo = againstN ? rows.stream().mapToInt(PowerRow::n).min().orElse(1) : 0;
        double hi = againstN ? rows.stream().mapToInt(PowerRow::n).max().orElse(1)
                : rows.stream().mapToDouble(PowerRow::lambdaMean).max().orElse(1);
        marks.add(Line.of(new double[] {lo, hi}, new double[] {ALPHA, ALPHA}, GREY, Dash.DASHED));
        legend.add(Key.line("α = " + ALPHA, GREY, Dash.DASHED));
        Axis lambdaAxis = Axis.linear(rows.stream().anyMatch(PowerRow::gated) ? "λ* or E_x λ(x)" : "λ*");
        Plot plot = Figures.plot(title, againstN ? Axis.log("n").withExtra(lo, hi) : lambdaAxis,
                Axis.linear("rejection rate", 0, 1), marks, legend);
        String base = Figures.unique("gof-" + Figures.slug(fam) + (againstN ? "-n-" : "-lambda-")
                + Figures.slug(title.substring(title.lastIndexOf(' ') + 1)), used);
        return Figures.write(plot, dir, base, fam, "power", "Bars: 95% Clopper–Pearson interval over the "
                + "replicates, conditional on the shared null sample (its own error, √(α(1 − α)/B), is in power/).");
    }

    private static Figure qq(List<TestRow> rows, String setting, java.nio.file.Path dir, Set<String> used)
            throws IOException {
        String title = setting + ": p-values under H0 against U(0, 1), every n pooled";
        List<Mark> marks = new ArrayList<>();
        List<Key> legend = new ArrayList<>();
        TestKind[] kinds = TestKind.values();
        for (int i = 0; i < kinds.length; i++) {
            TestKind k = kinds[i];
            double[] p = rows.stream().mapToDouble(r -> r.pValue(k)).sorted().toArray();
            double[] q = new double[p.length];
            for (int j = 0; j < q.length; j++) {
                q[j] = (j + 1.0) / (q.length + 1);
            }
            String c = Figures.PALETTE[i % Figures.PALETTE.length];
            marks.add(Points.of(q, p, c, Marker.CIRCLE, 2.5));
            legend.add(Key.marker(k.label(), c, Marker.CIRCLE));
        }
        marks.add(Line.of(new double[] {0, 1}, new double[] {0, 1}, GREY, Dash.DASHED));
        legend.add(Key.line("y = x", GREY, Dash.DASHED));
        Plot plot = Figures.plot(title, Axis.linear("U(0, 1) quantile i/(R + 1)", 0, 1),
                Axis.linear("sorted p-value", 0, 1), marks, legend);
        return Figures.write(plot, dir, Figures.unique("gof-qq-" + Figures.slug(setting), used), setting, "qq",
                "Exact p-values lie on the diagonal up to sampling error; the LRT's, CvM's and AD's share one null "
                        + "sample per n, so their points of one n move together.");
    }

    private static Figure nullDistribution(Map<String, TreeMap<Integer, double[]>> nulls, String setting,
            java.nio.file.Path dir, Set<String> used) throws IOException {
        String title = setting + ": null distribution of T per n, P(T* ≥ t)";
        List<Mark> marks = new ArrayList<>();
        List<Key> legend = new ArrayList<>();
        int i = 0;
        for (Map.Entry<Integer, double[]> e : nulls.getOrDefault(setting, new TreeMap<>()).entrySet()) {
            double[] t = e.getValue();
            double[] surv = new double[t.length];
            for (int j = 0; j < t.length; j++) {
                surv[j] = (double) (t.length - j) / t.length;
            }
            String c = Figures.PALETTE[i++ % Figures.PALETTE.length];
            marks.add(Line.of(t, surv, c, Dash.SOLID));
            legend.add(Key.line("n = " + e.getKey() + " (B = " + t.length + ")", c, Dash.SOLID));
        }
        Plot plot = Figures.plot(title, Axis.linear("t"), Axis.log("P(T* ≥ t)"), marks, legend);
        return Figures.write(plot, dir, Figures.unique("gof-null-" + Figures.slug(setting), used), setting, "null",
                "The empirical survival function of each n's shared null sample; an observed T's p-value is "
                        + "(1 + B·P(T* ≥ T))/(B + 1).");
    }

    /**
     * One line for the terminal: the size verdicts of the λ* = 0 rows (power/ has them all), or that the
     * study has none.
     */
    public static String summary(Tables t) {
        long within = 0;
        long above = 0;
        long below = 0;
        for (PowerRow p : t.power()) {
            if (p.sizeVerdict() != null) {
                switch (p.sizeVerdict()) {
                    case WITHIN -> within++;
                    case ABOVE -> above++;
                    case BELOW -> below++;
                }
            }
        }
        long cells = within + above + below;
        return "goodness of fit: " + t.tests().size() + " tests, " + t.power().size() + " power rows; "
                + (cells == 0 ? "no setting with λ* = 0 (no size verdicts)"
                        : "size verdicts of " + cells + " (setting, n, test, α) cells under H0: " + within + " within the "
                                + "band, " + above + " above, " + below + " below (a 95% band: about 1 in 20 "
                                + "outside by chance)") + "\n";
    }
}
