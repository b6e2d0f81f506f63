package org.dgmoe.core.loss;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.Gating;
import org.dgmoe.core.model.SigmoidDeviation;

/**
 * The metric names: the one definition of the per-replicate loss columns (they become Parquet
 * column names in the sweep) and their order.
 *
 * <p>Order: {@code voronoi, generalized_wasserstein, hellinger, lambda_error}, then per true atom
 * j = 1..k* {@code cell{j}_mass, cell{j}_slope, cell{j}_intercept, cell{j}_variance}, then, only when g0
 * is a Gaussian expert (non-distinguishable case), the same four for {@code cell0}.
 *
 * <p>Cell sizes |A_j| and the W̃ order are labels, not metrics (no rate is estimated for them):
 * see {@link #labels(LossReport)}.
 */
public final class Metrics {
    public static final String VORONOI = "voronoi";
    public static final String GENERALIZED_WASSERSTEIN = "generalized_wasserstein";
    public static final String HELLINGER = "hellinger";
    public static final String LAMBDA_ERROR = "lambda_error";
    /** Suffixes of the per-cell metrics, in column order. */
    public static final List<String> CELL_SUFFIXES = List.of("mass", "slope", "intercept", "variance");
    /** A sigmoid deviation weight's errors ‖γ − γ*‖ and |γ0 − γ0*| (gated models). */
    public static final String LAMBDA_SLOPE_ERROR = "lambda_slope_error";
    public static final String LAMBDA_INTERCEPT_ERROR = "lambda_intercept_error";
    /** A gated cell's gate errors: β_1 or c ({@code gate_location}), Γ ({@code gate_covariance}). */
    public static final String GATE_LOCATION = "gate_location";
    public static final String GATE_COVARIANCE = "gate_covariance";
    /** Softmax gating: the Voronoi loss D1/D2 minimised over a translation of the gates (docs/gated-losses.md). */
    public static final String VORONOI_SHIFT_MIN = "voronoi_shift_min";
    /** Label column: W̃'s order r. */
    public static final String WASSERSTEIN_ORDER = "wasserstein_order";

    private Metrics() {
    }

    /** {@code cell{j}_mass}; j = 0 is cell 0. */
    public static String cellMass(int j) {
        return cell(j, "mass");
    }

    public static String cellSlope(int j) {
        return cell(j, "slope");
    }

    public static String cellIntercept(int j) {
        return cell(j, "intercept");
    }

    public static String cellVariance(int j) {
        return cell(j, "variance");
    }

    /**
     * The true atom j ≥ 1 whose Voronoi cell's parameters {@code metric} measures
     * ({@code cell{j}_slope}, {@code cell{j}_intercept}, {@code cell{j}_variance}, a gated cell's
     * {@code cell{j}_gate_location} and {@code cell{j}_gate_covariance}), else 0: the metrics
     * whose theory exponent depends on the cell's size.
     */
    public static int parameterCell(String metric) {
        int j = cellOf(metric);
        if (j < 1) {
            return 0;
        }
        String suffix = metric.substring(metric.indexOf('_') + 1);
        return suffix.equals("slope") || suffix.equals("intercept") || suffix.equals("variance")
                || suffix.equals(GATE_LOCATION) || suffix.equals(GATE_COVARIANCE) ? j : 0;
    }

    /**
     * The cell j ≥ 0 of a per-cell column {@code cell{j}_SUFFIX} (any suffix, sizes included), or −1
     * for any other name: the one reader of the naming rule {@link #cellMass} and its siblings write.
     */
    public static int cellOf(String column) {
        int u = column.indexOf('_');
        if (!column.startsWith("cell") || u <= 4 || !column.substring(4, u).chars().allMatch(Character::isDigit)) {
            return -1;
        }
        try {
            return Integer.parseInt(column.substring(4, u));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Label column {@code cell{j}_size} = |A_j|. */
    public static String cellSize(int j) {
        return cell(j, "size");
    }

    private static String cell(int j, String suffix) {
        if (j < 0) {
            throw new IllegalArgumentException("j: a cell index must be >= 0, got " + j);
        }
        return "cell" + j + "_" + suffix;
    }

    /** The metric names, in column order, of a truth with k* atoms, with or without cell 0. */
    public static List<String> names(int kStar, boolean g0Cell) {
        if (kStar < 1) {
            throw new IllegalArgumentException("kStar: must be >= 1, got " + kStar);
        }
        List<String> out = new ArrayList<>(4 + 4 * (kStar + 1));
        out.add(VORONOI);
        out.add(GENERALIZED_WASSERSTEIN);
        out.add(HELLINGER);
        out.add(LAMBDA_ERROR);
        for (int j = 1; j <= kStar; j++) {
            for (String s : CELL_SUFFIXES) {
                out.add(cell(j, s));
            }
        }
        if (g0Cell) {
            for (String s : CELL_SUFFIXES) {
                out.add(cell(0, s));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The metric names every fit of {@code truth} produces. */
    public static List<String> names(DeviatedModel truth) {
        return names(truth.size(), truth.g0().isGaussianExpert());
    }

    /** The metrics of a report, keyed and ordered as {@link #names(int, boolean)}. */
    public static LinkedHashMap<String, Double> toMap(LossReport report) {
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        out.put(VORONOI, report.voronoi());
        out.put(GENERALIZED_WASSERSTEIN, report.generalizedWasserstein());
        out.put(HELLINGER, report.hellinger());
        out.put(LAMBDA_ERROR, report.lambdaError());
        for (CellError c : report.cells()) {
            putCell(out, c);
        }
        if (report.g0Cell() != null) {
            putCell(out, report.g0Cell());
        }
        return out;
    }

    /**
     * The label columns of a report: {@code wasserstein_order}, then {@code cell{j}_size} = |A_j| for
     * j = 1..k* (and {@code cell0_size} with cell 0).
     */
    public static LinkedHashMap<String, Integer> labels(LossReport report) {
        LinkedHashMap<String, Integer> out = new LinkedHashMap<>();
        out.put(WASSERSTEIN_ORDER, report.wassersteinOrder());
        for (CellError c : report.cells()) {
            out.put(cellSize(c.atom()), c.size());
        }
        if (report.g0Cell() != null) {
            out.put(cellSize(0), report.g0Cell().size());
        }
        return out;
    }

    /** The label names of {@link #labels(LossReport)} for a truth with k* atoms, with or without cell 0. */
    public static List<String> labelNames(int kStar, boolean g0Cell) {
        List<String> out = new ArrayList<>();
        out.add(WASSERSTEIN_ORDER);
        for (int j = 1; j <= kStar; j++) {
            out.add(cellSize(j));
        }
        if (g0Cell) {
            out.add(cellSize(0));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * The metric names of a gated truth (docs/gated-losses.md), in column order: {@code voronoi}; the softmax loss's
     * translation infimum {@code voronoi_shift_min} (softmax) or {@code generalized_wasserstein} (Gaussian);
     * {@code hellinger};
     * the deviation's errors ({@code lambda_error} for a constant λ beside a g0, {@code lambda_slope_error,
     * lambda_intercept_error} for a sigmoid λ(x)); then per true atom j {@code cell{j}_mass}, the gate's
     * {@code cell{j}_gate_location} (softmax, Gaussian) and {@code cell{j}_gate_covariance} (Gaussian),
     * {@code cell{j}_slope, _intercept, _variance}. A truth with
     * constant λ and weights has the deviated model's names ({@link #names(DeviatedModel)}).
     */
    public static List<String> names(GatedModel truth) {
        if (truth.isConstant()) {
            return names(truth.asDeviated());
        }
        List<String> out = new ArrayList<>();
        Gating.Type gate = truth.gating().type();
        out.add(VORONOI);
        if (gate == Gating.Type.SOFTMAX) {
            out.add(VORONOI_SHIFT_MIN);
        } else if (gate == Gating.Type.GAUSSIAN) {
            out.add(GENERALIZED_WASSERSTEIN);
        }
        out.add(HELLINGER);
        if (truth.deviation() instanceof SigmoidDeviation) {
            out.add(LAMBDA_SLOPE_ERROR);
            out.add(LAMBDA_INTERCEPT_ERROR);
        } else if (!truth.g0().isNone()) {
            out.add(LAMBDA_ERROR);
        }
        for (int j = 1; j <= truth.size(); j++) {
            out.add(cellMass(j));
            if (gate != Gating.Type.CONSTANT) {
                out.add(cell(j, GATE_LOCATION));
            }
            if (gate == Gating.Type.GAUSSIAN) {
                out.add(cell(j, GATE_COVARIANCE));
            }
            out.add(cellSlope(j));
            out.add(cellIntercept(j));
            out.add(cellVariance(j));
        }
        return Collections.unmodifiableList(out);
    }

    /** The metrics of a gated report, keyed and ordered as {@link #names(GatedModel)} for its truth. */
    public static LinkedHashMap<String, Double> toMap(GatedLossReport report, GatedModel truth) {
        LinkedHashMap<String, Double> all = new LinkedHashMap<>();
        all.put(VORONOI, report.voronoi());
        if (report.gating() == Gating.Type.SOFTMAX) {
            all.put(VORONOI_SHIFT_MIN, report.voronoiShiftMin());
        }
        if (report.wassersteinOrder() > 0) {
            all.put(GENERALIZED_WASSERSTEIN, report.generalizedWasserstein());
        }
        all.put(HELLINGER, report.hellinger());
        all.put(LAMBDA_ERROR, report.lambdaError());
        all.put(LAMBDA_SLOPE_ERROR, report.lambdaSlopeError());
        all.put(LAMBDA_INTERCEPT_ERROR, report.lambdaInterceptError());
        for (GatedCellError c : report.cells()) {
            all.put(cellMass(c.atom()), c.massError());
            all.put(cell(c.atom(), GATE_LOCATION), c.gateLocationError());
            all.put(cell(c.atom(), GATE_COVARIANCE), c.gateCovarianceError());
            all.put(cellSlope(c.atom()), c.slopeError());
            all.put(cellIntercept(c.atom()), c.interceptError());
            all.put(cellVariance(c.atom()), c.varianceError());
        }
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        for (String name : names(truth)) {
            out.put(name, all.get(name));
        }
        return out;
    }

    /** The cell sizes of a gated report: {@code cell{j}_size} = |A_j| for j = 1..k*. */
    public static LinkedHashMap<String, Integer> cellSizes(GatedLossReport report) {
        LinkedHashMap<String, Integer> out = new LinkedHashMap<>();
        for (GatedCellError c : report.cells()) {
            out.put(cellSize(c.atom()), c.size());
        }
        return out;
    }

    private static void putCell(LinkedHashMap<String, Double> out, CellError c) {
        out.put(cellMass(c.atom()), c.massError());
        out.put(cellSlope(c.atom()), c.slopeError());
        out.put(cellIntercept(c.atom()), c.interceptError());
        out.put(cellVariance(c.atom()), c.varianceError());
    }
}
