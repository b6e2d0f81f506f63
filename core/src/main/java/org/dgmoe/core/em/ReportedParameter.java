package org.dgmoe.core.em;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One reported parameter of a fit, as its standard error, intervals and notes name it (docs/uncertainty.md):
 * its path in fit.json's estimates, the range it lives in (which sets its interval's scale), the expert it belongs
 * to and how a table row calls it.
 *
 * @param path    the path of its estimate in fit.json ({@code lambda}, {@code experts[0].slope[1]},
 *                {@code experts[1].gate.intercept}, {@code lambda.slope[0]})
 * @param range   where its values lie
 * @param expert  the expert it belongs to (0-based; its weight or gate included), or −1 (λ, λ(x)'s coefficients)
 * @param what    the row name's words after the expert, before the covariates ("weight", "gate", "" for a slope)
 * @param columns the covariates it is a coefficient of, by index into x (none, one, or two for a gate covariance);
 *                copied
 */
public record ReportedParameter(String path, Range range, int expert, String what, int[] columns) {
    /** Where a parameter's values lie. */
    public enum Range {
        /** The real line: slopes, intercepts, gate coefficients and means, a covariance's off-diagonal entries. */
        REAL,
        /** (0, 1): λ and the weights. */
        UNIT,
        /** (0, ∞): variances, a gate covariance's diagonal. */
        POSITIVE
    }

    public ReportedParameter {
        if (path == null || range == null || what == null || columns == null) {
            throw new IllegalArgumentException("path, range, what, columns: must not be null");
        }
        columns = columns.clone();
    }

    @Override
    public int[] columns() {
        return columns.clone();
    }

    /**
     * The row name of a table: "λ", "expert 1 weight", "expert 1 temp" (the slope of temp), "expert 2 gate
     * intercept", "λ(x) temp", "expert 1 gate covariance temp co2".
     *
     * @param x the covariates' column names, in slope order
     */
    public String label(List<String> x) {
        List<String> parts = new ArrayList<>();
        if (expert >= 0) {
            parts.add("expert " + (expert + 1));
        }
        if (!what.isEmpty()) {
            parts.add(what);
        }
        for (int c : columns) {
            parts.add(x.get(c));
        }
        return String.join(" ", parts);
    }

    /**
     * The reported parameters of a constant-gating fit of k experts in dimension d, in the layout of
     * {@link ObservedInformation#size}: λ, p_1..p_k, then per expert the slope, intercept and variance.
     */
    public static List<ReportedParameter> constant(int k, int d) {
        List<ReportedParameter> out = new ArrayList<>(ObservedInformation.size(k, d));
        out.add(new ReportedParameter("lambda", Range.UNIT, -1, "λ", new int[0]));
        for (int i = 0; i < k; i++) {
            out.add(new ReportedParameter("experts[" + i + "].weight", Range.UNIT, i, "weight", new int[0]));
        }
        for (int i = 0; i < k; i++) {
            addExpert(out, i, d);
        }
        return out;
    }

    /** Expert i's slope, intercept and variance, under {@code experts[i]}. */
    public static void addExpert(List<ReportedParameter> out, int i, int d) {
        String e = "experts[" + i + "].";
        for (int j = 0; j < d; j++) {
            out.add(new ReportedParameter(e + "slope[" + j + "]", Range.REAL, i, "", new int[] {j}));
        }
        out.add(new ReportedParameter(e + "intercept", Range.REAL, i, "intercept", new int[0]));
        out.add(new ReportedParameter(e + "variance", Range.POSITIVE, i, "variance", new int[0]));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReportedParameter p && path.equals(p.path) && range == p.range && expert == p.expert
                && what.equals(p.what) && Arrays.equals(columns, p.columns);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    @Override
    public String toString() {
        return "ReportedParameter[" + path + ", " + range + "]";
    }
}
