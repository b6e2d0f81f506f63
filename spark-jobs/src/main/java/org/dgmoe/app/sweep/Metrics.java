package org.dgmoe.app.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dgmoe.core.loss.CellError;
import org.dgmoe.core.loss.LossReport;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;

/**
 * The one adapter between core's loss report and the sweep's metric columns: which metrics a
 * setting has, their values for one fit, and their theoretical exponents. Names:
 * {@code voronoi}, {@code generalized_wasserstein}, {@code hellinger}, {@code lambda_error}, then
 * {@code cell{j}_mass|slope|intercept|variance} for each true atom j = 1..k*, then {@code cell0_*}
 * when g0 is itself a Gaussian expert (the non-distinguishable case, reference §2).
 *
 * <p>TODO(losses): switch to core's metric map and theory table once they land; nothing else in
 * the sweep names a metric.
 */
final class Metrics {
    static final List<String> AGGREGATES = List.of("voronoi", "generalized_wasserstein", "hellinger",
            "lambda_error");
    static final List<String> CELL_PARTS = List.of("mass", "slope", "intercept", "variance");

    private Metrics() {
    }

    /** True when the setting's losses carry a cell 0 (g0 a Gaussian expert). */
    static boolean hasCellZero(Setting setting) {
        return setting.truth().g0().isGaussianExpert();
    }

    /** The cell indices of a setting: 1..k*, then 0 when it has a cell 0. */
    static List<Integer> cells(Setting setting) {
        List<Integer> cells = new ArrayList<>();
        for (int j = 1; j <= setting.truth().size(); j++) {
            cells.add(j);
        }
        if (hasCellZero(setting)) {
            cells.add(0);
        }
        return cells;
    }

    /** The metric names of a setting, in output order. */
    static List<String> names(Setting setting) {
        List<String> names = new ArrayList<>(AGGREGATES);
        for (int j : cells(setting)) {
            for (String part : CELL_PARTS) {
                names.add(cellMetric(j, part));
            }
        }
        return names;
    }

    /** The metric columns of a study: every setting's names, in canonical order. */
    static List<String> columns(Study study) {
        int maxCells = 0;
        boolean anyCellZero = false;
        for (Setting s : study.settings()) {
            maxCells = Math.max(maxCells, s.truth().size());
            anyCellZero |= hasCellZero(s);
        }
        List<String> names = new ArrayList<>(AGGREGATES);
        for (int j : cellColumns(maxCells, anyCellZero)) {
            for (String part : CELL_PARTS) {
                names.add(cellMetric(j, part));
            }
        }
        return names;
    }

    /** The cell-size columns of a study ({@code cell{j}_size}, j = 1..max k*, then 0). */
    static List<String> sizeColumns(Study study) {
        int maxCells = 0;
        boolean anyCellZero = false;
        for (Setting s : study.settings()) {
            maxCells = Math.max(maxCells, s.truth().size());
            anyCellZero |= hasCellZero(s);
        }
        List<String> names = new ArrayList<>();
        for (int j : cellColumns(maxCells, anyCellZero)) {
            names.add(cellSize(j));
        }
        return names;
    }

    private static List<Integer> cellColumns(int maxCells, boolean cellZero) {
        List<Integer> cells = new ArrayList<>();
        for (int j = 1; j <= maxCells; j++) {
            cells.add(j);
        }
        if (cellZero) {
            cells.add(0);
        }
        return cells;
    }

    static String cellMetric(int cell, String part) {
        return "cell" + cell + "_" + part;
    }

    static String cellSize(int cell) {
        return "cell" + cell + "_size";
    }

    /** Every metric of one loss report, keyed by name, in {@link #names} order. */
    static Map<String, Double> values(LossReport report) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("voronoi", report.voronoi());
        values.put("generalized_wasserstein", report.generalizedWasserstein());
        values.put("hellinger", report.hellinger());
        values.put("lambda_error", report.lambdaError());
        for (CellError c : report.cells()) {
            putCell(values, c);
        }
        if (report.g0Cell() != null) {
            putCell(values, report.g0Cell());
        }
        return values;
    }

    /** |A_j| per cell of one loss report, keyed by column name. */
    static Map<String, Integer> sizes(LossReport report) {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (CellError c : report.cells()) {
            sizes.put(cellSize(c.atom()), c.size());
        }
        if (report.g0Cell() != null) {
            sizes.put(cellSize(0), report.g0Cell().size());
        }
        return sizes;
    }

    private static void putCell(Map<String, Double> values, CellError c) {
        values.put(cellMetric(c.atom(), "mass"), c.massError());
        values.put(cellMetric(c.atom(), "slope"), c.slopeError());
        values.put(cellMetric(c.atom(), "intercept"), c.interceptError());
        values.put(cellMetric(c.atom(), "variance"), c.varianceError());
    }

    /** The theoretical exponent of a metric of a setting; NaN when unknown. */
    static double theory(Setting setting, String metric) {
        Double v = setting.theory().get(metric);
        return v == null ? Double.NaN : v;
    }
}
