package org.dgmoe.core.loss;

import java.util.ArrayList;
import java.util.List;
import org.dgmoe.core.model.Covariates;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.MixingMeasure;
import org.dgmoe.core.random.Seeds;

/**
 * Computes every loss of reference §4 of a fitted model against the truth. Immutable, thread-safe.
 * The exact definitions (Voronoi cells, cell 0, empty cells, W̃ order, Hellinger convention and
 * quadrature) are in docs/losses.md.
 */
public final class LossCalculator {
    /**
     * Key of the covariate points of the expected Hellinger distance: they are drawn from
     * {@code Seeds.stream(HELLINGER_SEED, Seeds.Stream.LOSS)}, so every fit of a setting (indeed of
     * every setting with the same covariate law) is measured on the same x points (common random
     * numbers). Part of the reproducibility contract: never change it.
     */
    public static final long HELLINGER_SEED = 0x48454C4C494E4745L; // "HELLINGE"

    private final LossSettings settings;
    /** The covariate points of the last covariate law measured, drawn once, not per fit. */
    private volatile HellingerDesign design;

    /** An immutable (covariate law, distance over its fixed points) pair. */
    private record HellingerDesign(Covariates covariates, ExpectedHellinger distance) {
    }

    public LossCalculator(LossSettings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("settings: must not be null");
        }
        this.settings = settings;
    }

    public LossSettings settings() {
        return settings;
    }

    /**
     * Whether the expected Hellinger distance of a fit of {@code fittedExperts} experts against
     * {@code truth} is computed in closed form at every covariate point (one Gaussian against one
     * Gaussian: k = k* = 1 and no g0), not by quadrature: the cheap case, for cost estimates.
     */
    public static boolean hellingerInClosedForm(int fittedExperts, DeviatedModel truth) {
        return fittedExperts == 1 && truth.size() == 1 && truth.g0().isNone();
    }

    /**
     * Every loss of {@code fitted} against {@code truth}; the expected Hellinger distance averages
     * over {@code covariates} with a fixed-seed Monte Carlo sample (the same x points for every fit).
     *
     * @throws IllegalArgumentException when the models differ in dimension or g0, or a Voronoi cell
     *                                  (or the default W̃ order) needs an r̄(m) with no configured entry
     */
    public LossReport compute(DeviatedModel fitted, DeviatedModel truth, Covariates covariates) {
        if (fitted == null || truth == null || covariates == null) {
            throw new IllegalArgumentException("fitted, truth, covariates: must not be null");
        }
        if (fitted.dimension() != truth.dimension() || covariates.dimension() != truth.dimension()) {
            throw new IllegalArgumentException("fitted: must have the truth's dimension " + truth.dimension()
                    + " (covariates " + covariates.dimension() + "), got " + fitted.dimension());
        }
        if (!fitted.g0().equals(truth.g0())) {
            throw new IllegalArgumentException("fitted.g0: must be the truth's g0 " + truth.g0() + ", got " + fitted.g0());
        }
        MixingMeasure g = fitted.mixing();
        MixingMeasure gStar = truth.mixing();
        int kStar = gStar.size();
        double lambda = fitted.lambda();
        double lambdaStar = truth.lambda();
        Expert g0Atom = truth.g0().gaussianExpert();
        int[] cellOf = voronoiCells(g, gStar, g0Atom);

        double lambdaError = Math.abs(lambda - lambdaStar);
        double voronoi = lambdaError;
        boolean emptyCell = hasEmptyCell(cellOf, kStar);
        List<CellError> cells = new ArrayList<>(kStar);
        for (int j = 1; j <= kStar; j++) {
            int[] members = members(cellOf, j);
            Expert truthAtom = gStar.expert(j - 1);
            double cellWeight = 0;
            for (int i : members) {
                cellWeight += g.weight(i);
            }
            double massError = Math.abs(lambda * cellWeight - lambdaStar * gStar.weight(j - 1));
            voronoi += massError;
            int m = members.length;
            double r = m >= 2 ? cellOrder(m, emptyCell) : 1;
            double slope = 0;
            double intercept = 0;
            double variance = 0;
            double parameterTerm = 0;
            for (int i : members) {
                Expert e = g.expert(i);
                double p = g.weight(i);
                double da = slopeDistance(e, truthAtom);
                double db = Math.abs(e.intercept() - truthAtom.intercept());
                double dv = Math.abs(e.variance() - truthAtom.variance());
                slope += p * da;
                intercept += p * db;
                variance += p * dv;
                parameterTerm += m == 1 ? p * (da + db + dv)
                        : p * (Math.pow(da, r) + Math.pow(db, r) + Math.pow(dv, r / 2));
            }
            voronoi += lambda * parameterTerm;
            cells.add(new CellError(j, members, massError, slope, intercept, variance));
        }

        CellError g0Cell = null;
        if (g0Atom != null) {
            int[] members = members(cellOf, 0);
            double cellWeight = 0;
            double slope = 0;
            double intercept = 0;
            double variance = 0;
            for (int i : members) {
                Expert e = g.expert(i);
                double p = g.weight(i);
                cellWeight += p;
                slope += p * slopeDistance(e, g0Atom);
                intercept += p * Math.abs(e.intercept() - g0Atom.intercept());
                variance += p * Math.abs(e.variance() - g0Atom.variance());
            }
            // Mass the fitted model puts on g0's parameters, (1 − λ) + λ Σ_{A_0} p_i, against the
            // truth's 1 − λ*: equivalently |λ Σ_{i∉A_0} p_i − λ*|.
            double massError = Math.abs((1 - lambda) + lambda * cellWeight - (1 - lambdaStar));
            g0Cell = new CellError(0, members, massError, slope, intercept, variance);
        }

        int order = wassersteinOrder(g.size(), kStar);
        double wasserstein = generalizedWasserstein(g, gStar, order);

        double hellinger = hellingerDesign(covariates).distance(fitted, truth);

        return new LossReport(voronoi, wasserstein, order, hellinger, lambdaError, cells, g0Cell);
    }

    /**
     * The expected Hellinger distance of a gated fit from its gated truth, on the same fixed covariate points as every
     * fit of the law (docs/losses.md's convention and quadrature, at each point the two conditional laws).
     */
    public double hellinger(GatedModel fitted, GatedModel truth, Covariates covariates) {
        return hellingerDesign(covariates).distance(fitted, truth);
    }

    /**
     * The expected Hellinger distance over the fixed points of {@code covariates}; the points depend
     * only on the law and {@link #HELLINGER_SEED}, so they are drawn once per law (the sweep measures
     * every fit of a setting on one law object), not per fit.
     */
    private ExpectedHellinger hellingerDesign(Covariates covariates) {
        HellingerDesign current = design;
        if (current == null || current.covariates() != covariates) {
            int points = settings.hellingerCovariatePoints();
            int d = covariates.dimension();
            double[] xs = new double[points * d];
            covariates.fill(points, Seeds.stream(HELLINGER_SEED, Seeds.Stream.LOSS), xs);
            current = new HellingerDesign(covariates, new ExpectedHellinger(xs, points, d,
                    settings.hellingerQuadratureNodes(), settings.hellingerRelativeTolerance()));
            design = current;
        }
        return current.distance();
    }

    /**
     * r̄(m): 1 for m = 1, the configured entry for m ≥ 2.
     *
     * @throws IllegalArgumentException naming the missing entry
     */
    public int rbar(int m) {
        if (m < 1) {
            throw new IllegalArgumentException("m: a cell size must be >= 1, got " + m);
        }
        if (m == 1) {
            return 1;
        }
        Integer r = settings.rbar().get(m);
        if (r == null) {
            throw new IllegalArgumentException("losses.voronoi.rbar: no entry for a cell of " + m + " atoms; add "
                    + "losses.voronoi.rbar { " + m + " = ... } (r̄(" + m + ") is not known in closed form)");
        }
        return r;
    }

    /**
     * r̄(m) for a cell of m ≥ 2 atoms in a fit some of whose true atoms {@code emptyCell} has no fitted atom:
     * NaN when r̄(m) is not configured, so the Voronoi loss is NaN (a recorded value, excluded from the curve and
     * counted there) instead of a guess. Such a cell holds more than k − k* + 1 atoms, the most a cell can hold
     * while every true atom keeps one, up to which the study's reader requires r̄ (a fit with an empty cell is
     * not near the truth: its Voronoi loss is at least the empty cell's true mass). Without an empty cell a
     * missing entry is the caller's error, as {@link #rbar}.
     */
    double cellOrder(int m, boolean emptyCell) {
        return emptyCell && !settings.rbar().containsKey(m) ? Double.NaN : rbar(m);
    }

    /** Whether some true atom j = 1..k* has no fitted atom in its Voronoi cell ({@code cellOf} 1-based, 0 is g0's). */
    static boolean hasEmptyCell(int[] cellOf, int kStar) {
        boolean[] seen = new boolean[kStar + 1];
        for (int c : cellOf) {
            seen[c] = true;
        }
        for (int j = 1; j <= kStar; j++) {
            if (!seen[j]) {
                return true;
            }
        }
        return false;
    }

    /**
     * The order r of W̃_r for k fitted and k* true atoms: the configured order, else r̄(k − k* + 1)
     * (1 when k ≤ k*, where no atom of G* is fitted by several atoms).
     */
    public int wassersteinOrder(int k, int kStar) {
        if (settings.wassersteinOrder() > 0) {
            return settings.wassersteinOrder();
        }
        int m = k - kStar + 1;
        if (m <= 1) {
            return 1;
        }
        if (!settings.rbar().containsKey(m)) {
            throw new IllegalArgumentException("losses.voronoi.rbar: no entry for a cell of " + m + " atoms; add "
                    + "losses.voronoi.rbar { " + m + " = ... } or set losses.wasserstein.order (W̃ defaults to "
                    + "order r̄(k − k* + 1) = r̄(" + m + ") for k = " + k + ", k* = " + kStar + ")");
        }
        return settings.rbar().get(m);
    }

    /**
     * The Voronoi cell of every fitted atom: {@code cell[i] = j} (1-based) when ω_i = (a_i, b_i, σ_i)
     * is nearest (Euclidean) to true atom j, ties to the smallest j; {@code cell[i] = 0} when
     * {@code g0Atom} is non-null and ω_i is strictly nearer to it than to every true atom.
     *
     * @param g0Atom g0's (a0, b0, σ0) in the non-distinguishable case, else null
     */
    public static int[] voronoiCells(MixingMeasure fitted, MixingMeasure truth, Expert g0Atom) {
        int[] cell = new int[fitted.size()];
        for (int i = 0; i < fitted.size(); i++) {
            Expert e = fitted.expert(i);
            double best = Double.POSITIVE_INFINITY;
            int arg = -1;
            for (int j = 0; j < truth.size(); j++) {
                double dist = atomDistance(e, truth.expert(j));
                if (dist < best) {
                    best = dist;
                    arg = j;
                }
            }
            cell[i] = arg + 1;
            if (g0Atom != null && atomDistance(e, g0Atom) < best) {
                cell[i] = 0;
            }
        }
        return cell;
    }

    /**
     * W̃_r(G, G*) = (min_q Σ q_ij (‖(a_i, b_i) − (a_j*, b_j*)‖^r + |σ_i − σ_j*|^{r/2}))^{1/r}, the minimum
     * over couplings of the weights, solved exactly by {@link Transport}.
     */
    public static double generalizedWasserstein(MixingMeasure g, MixingMeasure gStar, int r) {
        if (r < 1) {
            throw new IllegalArgumentException("r: must be >= 1, got " + r);
        }
        double[][] cost = new double[g.size()][gStar.size()];
        for (int i = 0; i < g.size(); i++) {
            Expert e = g.expert(i);
            for (int j = 0; j < gStar.size(); j++) {
                Expert t = gStar.expert(j);
                double sda = 0;
                for (int c = 0; c < e.dimension(); c++) {
                    double diff = e.slope(c) - t.slope(c);
                    sda += diff * diff;
                }
                double db = e.intercept() - t.intercept();
                double location = Math.sqrt(sda + db * db);
                cost[i][j] = Math.pow(location, r) + Math.pow(Math.abs(e.variance() - t.variance()), r / 2.0);
            }
        }
        double total = Transport.solve(g.weights(), gStar.weights(), cost).cost();
        return Math.pow(total, 1.0 / r);
    }

    private static int[] members(int[] cellOf, int j) {
        int count = 0;
        for (int c : cellOf) {
            if (c == j) {
                count++;
            }
        }
        int[] out = new int[count];
        int n = 0;
        for (int i = 0; i < cellOf.length; i++) {
            if (cellOf[i] == j) {
                out[n++] = i;
            }
        }
        return out;
    }

    /** ‖a − a*‖ (Euclidean over the slope vector). */
    private static double slopeDistance(Expert e, Expert t) {
        double s = 0;
        for (int c = 0; c < e.dimension(); c++) {
            double diff = e.slope(c) - t.slope(c);
            s += diff * diff;
        }
        return Math.sqrt(s);
    }

    /** ‖ω − ω*‖ on ω = (a, b, σ). */
    public static double atomDistance(Expert e, Expert t) {
        double s = 0;
        for (int c = 0; c < e.dimension(); c++) {
            double diff = e.slope(c) - t.slope(c);
            s += diff * diff;
        }
        double db = e.intercept() - t.intercept();
        double dv = e.variance() - t.variance();
        return Math.sqrt(s + db * db + dv * dv);
    }
}
