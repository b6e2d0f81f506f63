package org.dgmoe.app.sweep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.rate.CurvePoint;
import org.dgmoe.core.rate.FitCounts;
import org.dgmoe.core.rate.Guardrails;
import org.dgmoe.core.rate.RateEstimate;
import org.dgmoe.core.rate.RateEstimator;
import org.dgmoe.core.rate.TheoryTable;
import org.dgmoe.core.rate.Verdict;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;

/**
 * {@code curves/} and {@code rates/} from the rows of {@code fits/}: grouping only; every number
 * comes from core's {@link RateEstimator}. Runs on the driver (a study has at most some 10⁵ rows).
 * Per (setting, metric, n) the estimator receives every fit's value (NaN where the metric is null)
 * and status; core's guardrails ({@code org.dgmoe.core.rate.Guardrails}) select the converged fits
 * (unless {@code rates.include-non-converged}), count non-converged and capped fits per n, mark a rate
 * {@code unreliable} when more than 5% of the fits at some n hit the cap, and flag rates steeper than
 * parametric. Curves also count the start-sensitivity checks per n, and the fits whose Voronoi cell
 * sizes differ from those the theory table assumes ({@code cells_unplanned}); a cell's parameter
 * rates are flagged when that happens to more than 5% of the fits at some n
 * ({@link Guardrails#cellsDiffer}).
 */
final class Summaries {
    static final StructType CURVES = DataTypes.createStructType(List.of(
            DataTypes.createStructField("setting", DataTypes.StringType, false),
            DataTypes.createStructField("metric", DataTypes.StringType, false),
            DataTypes.createStructField("n", DataTypes.IntegerType, false),
            DataTypes.createStructField("count", DataTypes.IntegerType, false),
            DataTypes.createStructField("failed", DataTypes.IntegerType, false),
            DataTypes.createStructField("mean", DataTypes.DoubleType, false),
            DataTypes.createStructField("median", DataTypes.DoubleType, false),
            DataTypes.createStructField("sd", DataTypes.DoubleType, false),
            DataTypes.createStructField("q10", DataTypes.DoubleType, false),
            DataTypes.createStructField("q90", DataTypes.DoubleType, false),
            DataTypes.createStructField("non_converged", DataTypes.IntegerType, false),
            DataTypes.createStructField("capped", DataTypes.IntegerType, false),
            DataTypes.createStructField("start_checked", DataTypes.IntegerType, false),
            DataTypes.createStructField("start_differed", DataTypes.IntegerType, false),
            DataTypes.createStructField("cells_unplanned", DataTypes.IntegerType, false)));

    static final StructType RATES = DataTypes.createStructType(List.of(
            DataTypes.createStructField("setting", DataTypes.StringType, false),
            DataTypes.createStructField("metric", DataTypes.StringType, false),
            DataTypes.createStructField("slope", DataTypes.DoubleType, false),
            DataTypes.createStructField("intercept", DataTypes.DoubleType, false),
            DataTypes.createStructField("ci_low", DataTypes.DoubleType, false),
            DataTypes.createStructField("ci_high", DataTypes.DoubleType, false),
            DataTypes.createStructField("theory", DataTypes.DoubleType, true),
            DataTypes.createStructField("verdict", DataTypes.StringType, false),
            DataTypes.createStructField("flag", DataTypes.StringType, false)));

    /** The curves and rates of a study, and whether any rate disagrees with its theory. */
    record Result(List<Row> curves, List<Row> rates, boolean anyDisagreement) {
    }

    /** The two calls the summaries make; production is {@link #of(RateEstimator)}. */
    interface Estimator {
        CurvePoint point(long n, double[] values, FitStatus[] statuses);

        RateEstimate estimate(long[] n, double[][] values, FitStatus[][] statuses, double theory);

        static Estimator of(RateEstimator rates) {
            return new Estimator() {
                @Override
                public CurvePoint point(long n, double[] values, FitStatus[] statuses) {
                    return rates.point(n, values, statuses);
                }

                @Override
                public RateEstimate estimate(long[] n, double[][] values, FitStatus[][] statuses, double theory) {
                    return rates.estimate(n, values, statuses, theory);
                }
            };
        }
    }

    private Summaries() {
    }

    /**
     * @param study the study
     * @param fits  every row of {@code fits/}, one per task (not modified)
     * @param rates the estimator
     */
    static Result of(Study study, List<Row> fits, Estimator rates) {
        Map<String, List<Row>> bySettingAndN = new HashMap<>();
        for (Row r : fits) {
            TaskKey k = FitsTable.key(r);
            bySettingAndN.computeIfAbsent(k.setting() + "\u0000" + k.n(), x -> new ArrayList<>()).add(r);
        }
        int[] sizes = study.sampleSizes();
        long[] ns = new long[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            ns[i] = sizes[i];
        }
        List<Row> curves = new ArrayList<>();
        List<Row> rateRows = new ArrayList<>();
        boolean disagreement = false;
        for (Setting setting : study.settings()) {
            Map<String, Double> theory = Metrics.theory(study, setting);
            CellCounts cells = CellCounts.of(setting, sizes, bySettingAndN);
            for (String metric : Metrics.names(setting)) {
                double[][] values = new double[sizes.length][];
                FitStatus[][] statuses = new FitStatus[sizes.length][];
                for (int i = 0; i < sizes.length; i++) {
                    List<Row> rows = bySettingAndN.getOrDefault(setting.name() + "\u0000" + sizes[i], List.of());
                    double[] v = new double[rows.size()];
                    FitStatus[] st = new FitStatus[rows.size()];
                    boolean[] checked = new boolean[rows.size()];
                    boolean[] differed = new boolean[rows.size()];
                    int j = 0;
                    for (Row r : rows) {
                        int col = r.fieldIndex(metric);
                        v[j] = r.isNullAt(col) ? Double.NaN : r.getDouble(col);
                        st[j] = FitsTable.status(r);
                        checked[j] = FitsTable.startChecked(r);
                        differed[j] = FitsTable.startDiffered(r);
                        j++;
                    }
                    values[i] = v;
                    statuses[i] = st;
                    CurvePoint p = rates.point(sizes[i], v, st);
                    FitCounts c = FitCounts.of(sizes[i], st, checked, differed);
                    curves.add(RowFactory.create(setting.name(), metric, sizes[i], p.count(), p.failed(), p.mean(),
                            p.median(), p.sd(), p.q10(), p.q90(), c.nonConverged(), c.capped(), c.startChecked(),
                            c.startDiffered(), cells.anyCell()[i]));
                }
                RateEstimate e = rates.estimate(ns, values, statuses, theory.getOrDefault(metric, Double.NaN));
                int j = org.dgmoe.core.loss.Metrics.parameterCell(metric);
                if (j >= 1 && j < cells.unplanned().length && !Double.isNaN(e.theory())) {
                    e = Guardrails.cellsDiffer(e, cells.unplanned()[j], cells.known()[j]);
                }
                disagreement |= e.verdict() == Verdict.DISAGREES;
                rateRows.add(RowFactory.create(setting.name(), metric, e.slope(), e.intercept(), e.ciLow(),
                        e.ciHigh(), Double.isNaN(e.theory()) ? null : e.theory(), e.verdict().label(), e.flag()));
            }
        }
        return new Result(curves, rateRows, disagreement);
    }

    /**
     * Per n, how many fits had Voronoi cell sizes other than {@link TheoryTable#plannedCellSizes}:
     * {@code unplanned[j][i]} of {@code known[j][i]} fits (those with a cell size) for true atom j at
     * sizes[i], and {@code anyCell[i]} fits with any cell j differing. All zero for under-fitted
     * settings, which have no planned sizes.
     */
    record CellCounts(int[][] unplanned, int[][] known, int[] anyCell) {
        static CellCounts of(Setting setting, int[] sizes, Map<String, List<Row>> bySettingAndN) {
            int kStar = setting.truth().size();
            int[][] unplanned = new int[kStar + 1][sizes.length];
            int[][] known = new int[kStar + 1][sizes.length];
            int[] any = new int[sizes.length];
            if (setting.fit().experts() < kStar) {
                return new CellCounts(unplanned, known, any);
            }
            int[] planned = TheoryTable.plannedCellSizes(setting);
            for (int i = 0; i < sizes.length; i++) {
                for (Row r : bySettingAndN.getOrDefault(setting.name() + "\u0000" + sizes[i], List.of())) {
                    boolean differs = false;
                    for (int j = 1; j <= kStar; j++) {
                        int col = r.fieldIndex(org.dgmoe.core.loss.Metrics.cellSize(j));
                        if (r.isNullAt(col)) {
                            continue;
                        }
                        known[j][i]++;
                        if (r.getInt(col) != planned[j]) {
                            unplanned[j][i]++;
                            differs = true;
                        }
                    }
                    any[i] += differs ? 1 : 0;
                }
            }
            return new CellCounts(unplanned, known, any);
        }
    }
}
