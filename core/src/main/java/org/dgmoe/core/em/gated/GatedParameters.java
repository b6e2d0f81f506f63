package org.dgmoe.core.em.gated;

import java.util.ArrayList;
import java.util.List;
import org.dgmoe.core.em.ReportedParameter;
import org.dgmoe.core.em.ReportedParameter.Range;
import org.dgmoe.core.model.ConstantDeviation;
import org.dgmoe.core.model.ConstantGating;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.GaussianGating;
import org.dgmoe.core.model.SigmoidDeviation;
import org.dgmoe.core.model.SoftmaxGating;

/**
 * The reported parameters of a gated model (docs/uncertainty.md, "Gated fits"), in the order and names of its
 * fit.json ({@code JsonFiles.gatedModel}): the deviation ({@code lambda}, or a sigmoid λ(x)'s {@code lambda.slope[j]},
 * {@code lambda.intercept}), then per expert i its gate (constant gating: {@code experts[i].weight}; softmax:
 * {@code experts[i].gate.slope[j]}, {@code experts[i].gate.intercept}; Gaussian: {@code experts[i].gate.weight},
 * {@code experts[i].gate.mean[j]}, {@code experts[i].gate.covariance[j][q]} for every j, q), then its
 * {@code slope[j]}, {@code intercept}, {@code variance}.
 *
 * <p>Softmax gates are identified only up to a common translation of all gates: the reported gate of expert i is
 * the contrast (β_i − β_1, β_i0 − β_10) to expert 1's, which no translation moves, and expert 1's own gate is the
 * reference, 0 and not estimated (the fitter's normalisation, {@link SoftmaxGating#normalised()}). A covariance's
 * entries (j, q) and (q, j) are one parameter written twice, as fit.json writes the matrix.
 */
public final class GatedParameters {
    private GatedParameters() {
    }

    /** The reported parameters of the family, k and d of {@code template}. */
    public static List<ReportedParameter> of(GatedModel template) {
        int k = template.size();
        int d = template.dimension();
        List<ReportedParameter> out = new ArrayList<>();
        if (template.deviation() instanceof SigmoidDeviation) {
            for (int j = 0; j < d; j++) {
                out.add(new ReportedParameter("lambda.slope[" + j + "]", Range.REAL, -1, "λ(x)", new int[] {j}));
            }
            out.add(new ReportedParameter("lambda.intercept", Range.REAL, -1, "λ(x) intercept", new int[0]));
        } else {
            out.add(new ReportedParameter("lambda", Range.UNIT, -1, "λ", new int[0]));
        }
        for (int i = 0; i < k; i++) {
            String e = "experts[" + i + "].";
            if (template.gating() instanceof ConstantGating) {
                out.add(new ReportedParameter(e + "weight", Range.UNIT, i, "weight", new int[0]));
            } else if (template.gating() instanceof SoftmaxGating) {
                for (int j = 0; j < d; j++) {
                    out.add(new ReportedParameter(e + "gate.slope[" + j + "]", Range.REAL, i, "gate", new int[] {j}));
                }
                out.add(new ReportedParameter(e + "gate.intercept", Range.REAL, i, "gate intercept", new int[0]));
            } else {
                out.add(new ReportedParameter(e + "gate.weight", Range.UNIT, i, "gate weight", new int[0]));
                for (int j = 0; j < d; j++) {
                    out.add(new ReportedParameter(e + "gate.mean[" + j + "]", Range.REAL, i, "gate mean",
                            new int[] {j}));
                }
                for (int j = 0; j < d; j++) {
                    for (int q = 0; q < d; q++) {
                        out.add(new ReportedParameter(e + "gate.covariance[" + j + "][" + q + "]",
                                j == q ? Range.POSITIVE : Range.REAL, i, "gate covariance", new int[] {j, q}));
                    }
                }
            }
            ReportedParameter.addExpert(out, i, d);
        }
        return out;
    }

    /**
     * {@code model}'s reported parameters in the layout of {@link #of}, its expert {@code order[i]} in place i (a
     * softmax gate's contrast then to the expert in place 1: β_order[i] − β_order[0]).
     */
    public static double[] values(GatedModel model, int[] order) {
        int k = model.size();
        int d = model.dimension();
        if (order.length != k) {
            throw new IllegalArgumentException("order: must have " + k + " entries, got " + order.length);
        }
        double[] out = new double[of(model).size()];
        int o = 0;
        if (model.deviation() instanceof SigmoidDeviation s) {
            for (int j = 0; j < d; j++) {
                out[o++] = s.slope(j);
            }
            out[o++] = s.intercept();
        } else {
            out[o++] = ((ConstantDeviation) model.deviation()).lambda();
        }
        for (int i = 0; i < k; i++) {
            int m = order[i];
            if (model.gating() instanceof ConstantGating c) {
                out[o++] = c.weight(m);
            } else if (model.gating() instanceof SoftmaxGating s) {
                for (int j = 0; j < d; j++) {
                    out[o++] = s.slope(m, j) - s.slope(order[0], j);
                }
                out[o++] = s.intercept(m) - s.intercept(order[0]);
            } else {
                GaussianGating g = (GaussianGating) model.gating();
                out[o++] = g.weight(m);
                double[] c = g.mean(m);
                for (int j = 0; j < d; j++) {
                    out[o++] = c[j];
                }
                double[][] cov = g.covariance(m);
                for (int j = 0; j < d; j++) {
                    for (int q = 0; q < d; q++) {
                        out[o++] = cov[j][q];
                    }
                }
            }
            Expert e = model.expert(m);
            for (int j = 0; j < d; j++) {
                out[o++] = e.slope(j);
            }
            out[o++] = e.intercept();
            out[o++] = e.variance();
        }
        return out;
    }
}
