package org.dgmoe.app.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.dgmoe.app.config.LoadedStudy;
import org.dgmoe.app.config.StudyConfigLoader;
import org.dgmoe.app.table.CurvesTable;
import org.dgmoe.app.table.FitsTable;
import org.dgmoe.app.table.RatesTable;
import org.dgmoe.core.rate.RateEstimator;
import org.dgmoe.core.summary.CurveRow;
import org.dgmoe.core.summary.FitRow;
import org.dgmoe.core.summary.RateRow;
import org.dgmoe.core.summary.StudySummary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small rate map through the real sweep: its points equal hand-written settings of the same names
 * and numbers row for row in fits/, curves/ and rates/ (the seeds are keyed by name, so this holds by
 * construction), and every table carries the varied columns, null where a setting does not vary a key.
 */
class RateMapSweepTest {
    /** Two maps: g0's intercept (2 points), and the slope of expert 0 (2 points). */
    static final String MAP = """
            shared {
              covariates { distribution = uniform, dimension = 1 }
              truth {
                lambda = 0.5
                experts = [
                  { weight = 0.5, slope = [-2.0], intercept = 1.0, variance = 0.09 }
                  { weight = 0.5, slope = [2.0], intercept = -1.0, variance = 0.16 }
                ]
              }
              fit { experts = 2, max-iterations = 200 }
            }
            dgmoe.study {
              name = "map", seed = 11, replicates = 2, sample-sizes = [150, 300]
              settings = [
                {
                  name = "g0-moves", covariates = ${shared.covariates}, truth = ${shared.truth}, fit = ${shared.fit}
                  g0 { type = gaussian-linear, slope = [-2.0], intercept = 3.0, variance = 0.09 }
                  vary { "g0.intercept" = [3.0, 1.5] }
                }
                {
                  name = "slope", covariates = ${shared.covariates}, truth = ${shared.truth}, fit = ${shared.fit}
                  g0 { type = student-t, slope = [0.5], intercept = 0.0, scale = 0.5, dof = 3 }
                  vary { "truth.experts[0].slope[0]" = [-2.0, -1.0] }
                }
              ]
            }
            dgmoe.rates { bootstrap = 100 }
            """;

    /** The same four settings written by hand, under the points' names. */
    static final String HAND = """
            shared {
              covariates { distribution = uniform, dimension = 1 }
              truth {
                lambda = 0.5
                experts = [
                  { weight = 0.5, slope = [-2.0], intercept = 1.0, variance = 0.09 }
                  { weight = 0.5, slope = [2.0], intercept = -1.0, variance = 0.16 }
                ]
              }
              flat { lambda = 0.5, experts = [
                  { weight = 0.5, slope = [-1.0], intercept = 1.0, variance = 0.09 }
                  { weight = 0.5, slope = [2.0], intercept = -1.0, variance = 0.16 } ] }
              fit { experts = 2, max-iterations = 200 }
              t { type = student-t, slope = [0.5], intercept = 0.0, scale = 0.5, dof = 3 }
            }
            dgmoe.study {
              name = "map", seed = 11, replicates = 2, sample-sizes = [150, 300]
              settings = [
                { name = "g0-moves:g0_intercept=3", covariates = ${shared.covariates}, truth = ${shared.truth},
                  fit = ${shared.fit}, g0 { type = gaussian-linear, slope = [-2.0], intercept = 3.0, variance = 0.09 } }
                { name = "g0-moves:g0_intercept=1.5", covariates = ${shared.covariates}, truth = ${shared.truth},
                  fit = ${shared.fit}, g0 { type = gaussian-linear, slope = [-2.0], intercept = 1.5, variance = 0.09 } }
                { name = "slope:truth_experts_0_slope_0=-2", covariates = ${shared.covariates}, truth = ${shared.truth},
                  fit = ${shared.fit}, g0 = ${shared.t} }
                { name = "slope:truth_experts_0_slope_0=-1", covariates = ${shared.covariates}, truth = ${shared.flat},
                  fit = ${shared.fit}, g0 = ${shared.t} }
              ]
            }
            dgmoe.rates { bootstrap = 100 }
            """;

    @TempDir
    static Path tmp;
    static Path mapOut;
    static Path handOut;
    static LoadedStudy map;
    static LoadedStudy hand;

    @BeforeAll
    static void runBoth() throws Exception {
        mapOut = tmp.resolve("map");
        handOut = tmp.resolve("hand");
        map = sweep("map.conf", MAP, mapOut);
        hand = sweep("hand.conf", HAND, handOut);
    }

    private static LoadedStudy sweep(String file, String text, Path out) throws Exception {
        Path config = tmp.resolve(file);
        Files.writeString(config, text);
        SweepCommand.Environment env = new SweepCommand.Environment(o -> StudyConfigLoader.load(o.config(),
                o.overrides()), o -> SparkTestSession.get(), false, ConfigStudySource::of, TaskFunction.REAL,
                r -> StudySummary.Estimator.of(new RateEstimator(r)), false);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SweepCommand.run(new String[] {config.toString(), "--out", out.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        return StudyConfigLoader.load(config, List.of());
    }

    private static List<Row> read(Path out, String table) {
        return SparkTestSession.get().read().parquet(out.resolve(table).toString()).collectAsList();
    }

    private static List<FitRow> fits(Path out, LoadedStudy study) {
        FitsTable t = new FitsTable(study.study());
        return read(out, FitsTable.FOLDER).stream().map(t::fromRow)
                .sorted(java.util.Comparator.comparing(FitRow::setting).thenComparing(FitRow::n)
                        .thenComparing(FitRow::replicate)).toList();
    }

    /** {@code fit} without its wall times and varied values, the only things a hand-written twin lacks or times differently. */
    private static FitRow comparable(FitRow f) {
        return f.withWallTimes(0, 0).withVaried(Map.of());
    }

    @Test
    void theMapsPointsEqualHandWrittenSettingsRowForRow() {
        assertEquals(hand.study().settings().stream().map(s -> s.name()).toList(),
                map.study().settings().stream().map(s -> s.name()).toList());
        List<FitRow> m = fits(mapOut, map);
        List<FitRow> h = fits(handOut, hand);
        assertEquals(16, m.size());
        assertEquals(h.stream().map(RateMapSweepTest::comparable).toList(),
                m.stream().map(RateMapSweepTest::comparable).toList());
        for (FitRow f : h) {
            assertTrue(f.varied().isEmpty());
        }

        List<CurveRow> mc = read(mapOut, CurvesTable.FOLDER).stream().map(CurvesTable::fromRow).toList();
        List<CurveRow> hc = read(handOut, CurvesTable.FOLDER).stream().map(CurvesTable::fromRow).toList();
        assertEquals(hc, mc.stream().map(c -> new CurveRow(c.setting(), c.metric(), c.n(), c.count(), c.failed(),
                c.mean(), c.median(), c.sd(), c.q10(), c.q90(), c.nonConverged(), c.capped(), c.startChecked(),
                c.startDiffered(), c.cellsUnplanned(), c.spurious(), Map.of(), c.layout())).toList());
        List<RateRow> mr = read(mapOut, RatesTable.FOLDER).stream().map(RatesTable::fromRow).toList();
        List<RateRow> hr = read(handOut, RatesTable.FOLDER).stream().map(RatesTable::fromRow).toList();
        assertEquals(hr, mr.stream().map(r -> new RateRow(r.setting(), r.metric(), r.slope(), r.intercept(),
                r.ciLow(), r.ciHigh(), r.theory(), r.verdict(), r.flag(), Map.of(), r.layout(), r.reason())).toList());
    }

    @Test
    void allThreeTablesCarryTheVariedColumnsNullWhereASettingDoesNotVaryTheKey() {
        Map<String, Double> intercept = Map.of("g0-moves:g0_intercept=3", 3.0, "g0-moves:g0_intercept=1.5", 1.5);
        Map<String, Double> slope = Map.of("slope:truth_experts_0_slope_0=-2", -2.0,
                "slope:truth_experts_0_slope_0=-1", -1.0);
        for (String table : List.of(FitsTable.FOLDER, CurvesTable.FOLDER, RatesTable.FOLDER)) {
            List<Row> rows = read(mapOut, table);
            List<String> columns = Arrays.asList(rows.get(0).schema().fieldNames());
            assertEquals(List.of("g0_intercept", "truth_experts_0_slope_0"),
                    columns.subList(columns.size() - 2, columns.size()), table + ": " + columns);
            for (Row r : rows) {
                String setting = r.getAs("setting");
                assertEquals(intercept.get(setting), r.getAs("g0_intercept"), table + " " + setting);
                assertEquals(slope.get(setting), r.getAs("truth_experts_0_slope_0"), table + " " + setting);
            }
            // a study without a map has none
            List<String> handColumns = Arrays.asList(read(handOut, table).get(0).schema().fieldNames());
            assertTrue(handColumns.stream().noneMatch(c -> c.equals("g0_intercept")), table + ": " + handColumns);
        }
        // the typed rows read them back
        FitRow first = fits(mapOut, map).get(0);
        assertEquals(Map.of("g0_intercept", 1.5), first.varied());
        RateRow rate = read(mapOut, RatesTable.FOLDER).stream().map(RatesTable::fromRow)
                .filter(r -> r.setting().startsWith("slope:")).findFirst().orElseThrow();
        assertEquals(Map.of("truth_experts_0_slope_0", -2.0), rate.varied());
        assertNull(rate.varied().get("g0_intercept"));
    }
}
