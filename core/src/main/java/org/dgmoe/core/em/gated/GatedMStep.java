package org.dgmoe.core.em.gated;

import java.util.ArrayList;
import java.util.List;
import org.dgmoe.core.em.EmFitter;
import org.dgmoe.core.em.ExpertLeastSquares;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.model.ConstantDeviation;
import org.dgmoe.core.model.ConstantGating;
import org.dgmoe.core.model.Deviation;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.Gating;
import org.dgmoe.core.model.GaussianGating;
import org.dgmoe.core.model.SigmoidDeviation;
import org.dgmoe.core.model.SoftmaxGating;

/**
 * The M-step of the gated EM from the responsibilities of one {@link GatedPass} ({@link GatedEmFitter}'s class
 * comment, items M1–M3). The expected complete log-likelihood separates into the experts' part, the deviation's
 * part and the gate's part, each maximised (or, for the Newton solvers, increased) on its own, so the whole step
 * never lowers it and ℓ never decreases (GEM). Buffers are allocated once per fit; not thread-safe.
 */
final class GatedMStep {
    private final GatedPass pass;
    private final boolean lambdaFree;
    private final ExpertLeastSquares expert;
    /** The experts' moments, on the data centred at their means (no digits lost to an offset: WeightedLeastSquares). */
    final ExpertMoments expertMoments;
    private final double[] xMean;
    private final double yMean;
    /** The experts' packed moments, one row per expert ({@link ExpertMoments#accumulateAll}). */
    private final double[][] moments;
    private final double[] slope;
    private final double[] interceptAndVariance = new double[2];
    private final double[] rho;
    private final double[][] expertWeights;
    private final SoftmaxGateSolver softmax;
    private final SigmoidDeviationSolver sigmoid;
    private final GaussianGateSolver gaussian;

    /** The failure of the last {@link #apply}, or null. */
    FitStatus failure;

    GatedMStep(GatedPass pass, GatedModel start, boolean lambdaFree, double varianceFloor) {
        this.pass = pass;
        this.lambdaFree = lambdaFree;
        int n = pass.n;
        int d = pass.d;
        int k = pass.k;
        this.expert = new ExpertLeastSquares(d, varianceFloor);
        double[] xc = new double[n * d];
        this.xMean = new double[d];
        for (int j = 0; j < d; j++) {
            double s = 0;
            for (int p = 0; p < n; p++) {
                s += pass.x[j * n + p];
            }
            xMean[j] = s / n;
            for (int p = 0; p < n; p++) {
                xc[j * n + p] = pass.x[j * n + p] - xMean[j];
            }
        }
        double s = 0;
        for (int p = 0; p < n; p++) {
            s += pass.y[p];
        }
        this.yMean = s / n;
        double[] yc = new double[n];
        for (int p = 0; p < n; p++) {
            yc[p] = pass.y[p] - yMean;
        }
        this.expertMoments = new ExpertMoments(xc, yc, d);
        this.moments = new double[k][expert.moments()];
        this.slope = new double[d];
        this.rho = new double[n];
        this.expertWeights = new double[k][];
        for (int i = 0; i < k; i++) {
            expertWeights[i] = pass.r[i + 1];
        }
        // GEM: NewtonAscent.GEM_STEPS Newton steps per M-step from the current gate and λ, not a full solve (the softmax
        // gate by SoftmaxGateSolver.step, one step from the E-step's π).
        this.softmax = start.gating() instanceof SoftmaxGating ? new SoftmaxGateSolver(n, d, k, NewtonAscent.GEM_STEPS) : null;
        this.sigmoid = start.deviation() instanceof SigmoidDeviation
                ? new SigmoidDeviationSolver(n, d, NewtonAscent.GEM_STEPS) : null;
        this.gaussian = start.gating() instanceof GaussianGating
                ? new GaussianGateSolver(n, d, k, GaussianGateSolver.DEFAULT_COVARIANCE_FLOOR) : null;
    }

    /**
     * The Newton solvers' passes over the data so far (softmax gate and sigmoid λ: {@link NewtonAscent#passes});
     * the closed-form steps (experts, constant weights and λ, a Gaussian gate) are not counted, as the constant
     * fit does not count its M-step.
     */
    int solverPasses() {
        return (softmax == null ? 0 : softmax.passes()) + (sigmoid == null ? 0 : sigmoid.passes());
    }

    /**
     * θ_{t+1} from the responsibilities the pass left at θ_t = {@code cur}; null with {@link #failure} set when a
     * step cannot be carried out (a component without mass, a collinear design, a gate running off to infinity).
     */
    GatedModel apply(GatedModel cur) {
        failure = null;
        int n = pass.n;
        int k = pass.k;
        double[] mass = new double[k];
        double total = 0;
        for (int i = 0; i < k; i++) {
            double m = 0;
            for (double w : pass.r[i + 1]) {
                m += w;
            }
            if (Double.isNaN(m)) {
                return fail(FitStatus.NON_FINITE);
            }
            if (!(m > EmFitter.MIN_COMPONENT_MASS * n)) {
                return fail(FitStatus.DEGENERATE);
            }
            mass[i] = m;
            total += m;
        }
        // M1: each expert's weighted least squares (ExpertLeastSquares) on the centred data.
        List<Expert> experts = new ArrayList<>(k);
        expertMoments.accumulateAll(expertWeights, moments);
        for (int i = 0; i < k; i++) {
            FitStatus f = expert.solve(moments[i], slope, interceptAndVariance);
            if (f != null) {
                return fail(f);
            }
            // ỹ = aᵀx̃ + b̃ with x̃ = x − x̄, ỹ = y − ȳ: b = b̃ + ȳ − aᵀx̄.
            double b = interceptAndVariance[0] + yMean;
            for (int j = 0; j < slope.length; j++) {
                b -= slope[j] * xMean[j];
            }
            if (!Double.isFinite(b)) {
                return fail(FitStatus.NON_FINITE);
            }
            experts.add(new Expert(slope, b, interceptAndVariance[1]));
        }
        // M2: the deviation weight, from ρ_n = Σ_i r_in = 1 − r_0n.
        Deviation deviation = cur.deviation();
        if (pass.hasG0()) {
            if (cur.deviation() instanceof ConstantDeviation) {
                if (lambdaFree) {
                    // λ' = (1/N) Σ_n ρ_n, the maximiser of Σ_n [ρ_n log λ + r_0n log(1 − λ)].
                    double lambda = 1 - sum(pass.r[0]) / n;
                    deviation = new ConstantDeviation(Math.min(1, Math.max(0, lambda)));
                }
            } else {
                SigmoidDeviation s = (SigmoidDeviation) cur.deviation();
                for (int p = 0; p < n; p++) {
                    rho[p] = 1 - pass.r[0][p];
                }
                SigmoidDeviationSolver.Result res = sigmoid.step(pass.x, rho, s);
                FitStatus failed = fitStatusOf(res.status());
                if (failed != null) {
                    return fail(failed);
                }
                deviation = res.deviation();
            }
        }
        // M3: the gate.
        Gating gating;
        if (cur.gating() instanceof ConstantGating) {
            // p_i' = Σ_n r_in / Σ_n ρ_n.
            double[] p = new double[k];
            for (int i = 0; i < k; i++) {
                p[i] = mass[i] / total;
            }
            gating = new ConstantGating(p);
        } else if (cur.gating() instanceof SoftmaxGating s) {
            // One Newton step from the current gate, reading its π from the pass (the E-step at cur just made it).
            SoftmaxGateSolver.Result res = softmax.step(pass.x, expertWeights, s, pass.gate);
            FitStatus failed = fitStatusOf(res.status());
            if (failed != null) {
                return fail(failed);
            }
            gating = res.gating();
        } else {
            GaussianGating g = (GaussianGating) cur.gating();
            // u_in = r_in + r_0n π_i(x_n): the posterior of the gate's component, whether y came from the
            // expert or from g0 (x is drawn from the component either way; class comment, M3).
            double[][] u = gaussianWeights();
            GaussianGateSolver.Result res = gaussian.solve(pass.x, u, g);
            FitStatus failed = fitStatusOf(res.status());
            if (failed != null) {
                return fail(failed);
            }
            gating = res.gating();
        }
        try {
            return new GatedModel(deviation, gating, experts, cur.g0());
        } catch (IllegalArgumentException e) {
            // A weight that underflowed to 0 or a variance that overflowed: numbers, not a bug.
            return fail(FitStatus.NON_FINITE);
        }
    }

    private double[][] gaussianUWeights;

    private double[][] gaussianWeights() {
        int n = pass.n;
        int k = pass.k;
        if (gaussianUWeights == null) {
            gaussianUWeights = new double[k][n];
        }
        for (int i = 0; i < k; i++) {
            double[] ui = gaussianUWeights[i];
            double[] ri = pass.r[i + 1];
            double[] pi = pass.gate[i];
            if (pass.hasG0()) {
                double[] r0 = pass.r[0];
                for (int p = 0; p < n; p++) {
                    ui[p] = ri[p] + r0[p] * pi[p];
                }
            } else {
                System.arraycopy(ri, 0, ui, 0, n);
            }
        }
        return gaussianUWeights;
    }

    /**
     * What a solver's status means for the fit: none for a step that still raised its part of Q (CONVERGED,
     * MAX_STEPS, STALLED: the returned value is a valid GEM step); DEGENERATE when the part has no maximum or
     * its parameters are undetermined (SEPARATED, SINGULAR, DEGENERATE); NON_FINITE for NaN input.
     */
    private static FitStatus fitStatusOf(SolverStatus status) {
        return switch (status) {
            case CONVERGED, MAX_STEPS, STALLED -> null;
            case SEPARATED, SINGULAR, DEGENERATE -> FitStatus.DEGENERATE;
            case NON_FINITE -> FitStatus.NON_FINITE;
        };
    }

    private GatedModel fail(FitStatus status) {
        failure = status;
        return null;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double e : v) {
            s += e;
        }
        return s;
    }
}
