package org.dgmoe.core.loss;

import java.util.Arrays;
import java.util.PriorityQueue;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.G0;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.GaussianLinearG0;
import org.dgmoe.core.model.GaussianNonlinearG0;
import org.dgmoe.core.model.LocationScaleG0;
import org.dgmoe.core.model.MixingMeasure;
import org.dgmoe.core.model.StudentTG0;

/**
 * The expected Hellinger distance {@code E_x[H(p(·|x), q(·|x))]}, averaged over a fixed set of
 * covariate points, with
 * <pre>
 *   H(p, q)² = 1 − ∫ √(p q) dy = ½ ∫ (√p − √q)² dy       (so 0 ≤ H ≤ 1)
 * </pre>
 * (the convention with the ½; some authors drop it, which multiplies H by √2).
 *
 * <p>Per covariate point x (see docs/losses.md for the measured accuracy and cost):
 * <ol>
 *   <li>When both densities are one Gaussian at x (one expert each, no g0 mass: g0 {@code none} or
 *       λ = 1), H² has a closed form ({@link #gaussianSquared}).</li>
 *   <li>Otherwise the integrand ½(√p − √q)² is integrated directly, never as 1 − ∫√(pq): near the truth
 *       H² ~ 1e-6 and the subtraction would cost six digits.</li>
 *   <li>The finite range [L, U] is the hull of μ ± 12·sd over every expert of both models. Outside it
 *       every Gaussian expert is below e^-72 of its peak, so there p = (1 − λ̂) g0 and q = (1 − λ*) g0,
 *       and the tails contribute exactly ½(√(1 − λ̂) − √(1 − λ*))² · (G0(L) + 1 − G0(U)) through
 *       g0's CDF: heavy (Student-t) tails cost nothing and miss nothing.</li>
 *   <li>[L, U] is cut at breakpoints μ + sd·t (t ∈ {0, ±4, ±12}) of every expert and of a Gaussian g0
 *       (location + scale·{0, ±2, ±6, ±30} for a Student-t or a location-scale g0), then integrated by
 *       globally adaptive Gauss–Kronrod (7/15-point) bisection until QUADPACK's error estimate, summed
 *       over the panels, is below the relative tolerance of the integral (or {@link #ABSOLUTE_TOLERANCE}),
 *       or the budget of bisections is spent.</li>
 * </ol>
 * Immutable and thread-safe; the covariate points are copied in.
 */
final class ExpectedHellinger {
    /** A relative tolerance this tight is near the rounding floor: the reference of the accuracy tests. */
    static final double TIGHT_RELATIVE_TOLERANCE = 1e-12;
    static final double ABSOLUTE_TOLERANCE = 1e-20;
    private static final double[] EXPERT_BREAKS = {-12, -4, 0, 4, 12};
    private static final double[] STUDENT_BREAKS = {-30, -6, -2, 0, 2, 6, 30};
    private static final double RANGE_SDS = 12;
    private static final double EPSILON = Math.ulp(1.0);

    // QUADPACK qk15: Kronrod abscissae (descending, last = centre), Kronrod weights, Gauss weights
    // of the 7-point rule at abscissae xgk[1], xgk[3], xgk[5], xgk[7].
    private static final double[] XGK = {0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
        0.864864423359769072789712788640926, 0.741531185599394439863864773280788, 0.586087235467691130294144845693013,
        0.405845151377397166906606412076961, 0.207784955007898467600689403773245, 0.0};
    private static final double[] WGK = {0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
        0.104790010322250183839876322541518, 0.140653259715525918745189590510238, 0.169004726639267902826583426598550,
        0.190350578064785409913256402421014, 0.204432940075298892414161999234649, 0.209482141084727828012999174891714};
    private static final double[] WG = {0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
        0.381830050505118944950369775488975, 0.417959183673469387755102040816327};

    private final double[] points;
    private final int count;
    private final int dimension;
    private final int bisections;
    private final double relativeTolerance;

    /**
     * @param points            column-major covariate points, length count·dimension (copied)
     * @param bisections        adaptive bisections allowed per covariate point beyond the initial panels
     * @param relativeTolerance the bound on the estimated quadrature error of H² at each point, relative
     */
    ExpectedHellinger(double[] points, int count, int dimension, int bisections, double relativeTolerance) {
        if (points.length < count * dimension) {
            throw new IllegalArgumentException("points: need " + count * dimension + " values, got " + points.length);
        }
        if (!(relativeTolerance > 0 && relativeTolerance < 1)) {
            throw new IllegalArgumentException("relativeTolerance: must be in (0, 1), got " + relativeTolerance);
        }
        this.points = Arrays.copyOf(points, count * dimension);
        this.count = count;
        this.dimension = dimension;
        this.bisections = bisections;
        this.relativeTolerance = relativeTolerance;
    }

    /** E_x H(p(·|x), q(·|x)) over the fixed points; symmetric in (p, q). */
    double distance(DeviatedModel p, DeviatedModel q) {
        double s = 0;
        double[] x = new double[dimension];
        for (int n = 0; n < count; n++) {
            for (int j = 0; j < dimension; j++) {
                x[j] = points[j * count + n];
            }
            s += Math.sqrt(Math.min(1, squared(p, q, x, relativeTolerance, bisections)));
        }
        return s / count;
    }

    /** Both densities one Gaussian at every x: one expert each and no g0 mass (g0 {@code none} or λ = 1). */
    private static boolean singleGaussians(DeviatedModel p, DeviatedModel q) {
        G0 g0 = p.g0();
        double weightP = g0.isNone() ? 0 : 1 - p.lambda();
        double weightQ = g0.isNone() ? 0 : 1 - q.lambda();
        return p.mixing().size() == 1 && q.mixing().size() == 1 && weightP == 0 && weightQ == 0;
    }

    /**
     * E_x H(p(·|x), q(·|x)) of two gated models over the fixed points: at each point both are the deviated models of
     * their conditional laws there ({@link GatedModel#at}), measured as {@link #distance(DeviatedModel, DeviatedModel)}
     * measures them.
     */
    double distance(GatedModel p, GatedModel q) {
        double s = 0;
        double[] x = new double[dimension];
        for (int n = 0; n < count; n++) {
            for (int j = 0; j < dimension; j++) {
                x[j] = points[j * count + n];
            }
            s += Math.sqrt(Math.min(1, squared(p.at(x), q.at(x), x, relativeTolerance, bisections)));
        }
        return s / count;
    }

    /**
     * H² = ½∫(√p − √q)² at one covariate point: in closed form when both densities are one Gaussian
     * at x (one expert and no g0 mass), else by quadrature to the given relative tolerance or after
     * {@code bisectionBudget} bisections, whichever comes first.
     */
    static double squared(DeviatedModel p, DeviatedModel q, double[] x, double relativeTolerance,
            int bisectionBudget) {
        if (singleGaussians(p, q)) {
            // the closed form without an Integrand (six arrays a point: a tiny-task sweep spent a quarter of its
            // executor time building them, issue 26)
            Expert ep = p.mixing().expert(0);
            Expert eq = q.mixing().expert(0);
            return gaussianSquared(ep.mean(x), ep.variance(), eq.mean(x), eq.variance());
        }
        return quadrature(new Integrand(p, q, x), relativeTolerance, bisectionBudget);
    }

    /** H² at one covariate point by quadrature, whatever the models (the closed form's check). */
    static double quadratureSquared(DeviatedModel p, DeviatedModel q, double[] x, double relativeTolerance,
            int bisectionBudget) {
        return quadrature(new Integrand(p, q, x), relativeTolerance, bisectionBudget);
    }

    private static double quadrature(Integrand f, double relativeTolerance, int bisectionBudget) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < f.pMean.length + f.qMean.length; c++) {
            double mean = f.mean(c);
            double sd = Math.sqrt(f.variance(c));
            lo = Math.min(lo, mean - RANGE_SDS * sd);
            hi = Math.max(hi, mean + RANGE_SDS * sd);
        }
        int components = f.pMean.length + f.qMean.length + (f.g0Variance > 0 ? 1 : 0);
        double[] breaks = new double[components * EXPERT_BREAKS.length + STUDENT_BREAKS.length + 2];
        int nb = 0;
        breaks[nb++] = lo;
        breaks[nb++] = hi;
        for (int c = 0; c < f.pMean.length + f.qMean.length; c++) {
            double mean = f.mean(c);
            double sd = Math.sqrt(f.variance(c));
            for (double t : EXPERT_BREAKS) {
                breaks[nb++] = mean + sd * t;
            }
        }
        if (f.g0Variance > 0) {
            double sd = Math.sqrt(f.g0Variance);
            for (double t : EXPERT_BREAKS) {
                breaks[nb++] = f.g0Mean + sd * t;
            }
        } else if (f.studentDof > 0) {
            for (double t : STUDENT_BREAKS) {
                breaks[nb++] = f.studentLocation + f.studentScale * t;
            }
        } else if (f.spreadScale > 0) {
            for (double t : STUDENT_BREAKS) {
                breaks[nb++] = f.spreadLocation + f.spreadScale * t;
            }
        }
        Arrays.sort(breaks, 0, nb);
        PriorityQueue<double[]> panels = new PriorityQueue<>((a, b) -> Double.compare(b[3], a[3]));
        double total = 0;
        double error = 0;
        double prev = lo;
        for (int i = 0; i < nb; i++) {
            double b = breaks[i];
            if (b <= prev || b > hi) {
                continue;
            }
            double[] panel = kronrod(f, prev, b);
            panels.add(panel);
            total += panel[2];
            error += panel[3];
            prev = b;
        }
        int used = 0;
        while (error > Math.max(relativeTolerance * Math.abs(total), ABSOLUTE_TOLERANCE) && used < bisectionBudget) {
            double[] worst = panels.poll();
            double mid = 0.5 * (worst[0] + worst[1]);
            if (!(mid > worst[0] && mid < worst[1])) {
                panels.add(worst);
                break;
            }
            double[] left = kronrod(f, worst[0], mid);
            double[] right = kronrod(f, mid, worst[1]);
            total += left[2] + right[2] - worst[2];
            error += left[3] + right[3] - worst[3];
            panels.add(left);
            panels.add(right);
            used++;
        }
        // Re-sum: the running total accumulates rounding from the updates.
        double inside = 0;
        for (double[] panel : panels) {
            inside += panel[2];
        }
        return inside + f.tails(lo, hi);
    }

    /**
     * H² of N(μ1, v1) and N(μ2, v2) (v variances): 1 − √(2 s1 s2 / (v1 + v2)) · exp(−(μ1 − μ2)² / (4(v1 + v2))),
     * s = √v, written as −expm1(log BC) with 2 s1 s2/(v1 + v2) = 1 − (s1 − s2)²/(v1 + v2) and
     * s1 − s2 = (v1 − v2)/(s1 + s2), so that nothing cancels when the two are close (H² ~ 1e-10 keeps
     * its digits).
     */
    static double gaussianSquared(double mu1, double v1, double mu2, double v2) {
        double ds = (v1 - v2) / (Math.sqrt(v1) + Math.sqrt(v2));
        double dm = mu1 - mu2;
        double logBc = 0.5 * Math.log1p(-ds * ds / (v1 + v2)) - dm * dm / (4 * (v1 + v2));
        return -Math.expm1(logBc);
    }

    /**
     * {lower, upper, K15 estimate, error estimate} of ∫ f over [a, b]. The error estimate is
     * QUADPACK's for qk15 (Piessens et al. 1983, §2.2.1): the raw |K15 − G7| overstates the error of
     * K15 by orders of magnitude once the panel resolves f, so it is scaled as
     * resasc·min(1, (200·|K15 − G7|/resasc)^1.5), with resasc ≈ ∫|f − mean f|, and floored at
     * 50·ε·∫|f| (the rounding of the sum).
     */
    private static double[] kronrod(Integrand f, double a, double b) {
        double centre = 0.5 * (a + b);
        double half = 0.5 * (b - a);
        double fc = f.value(centre);
        double k = WGK[7] * fc;
        double g = WG[3] * fc;
        double[] f1 = new double[7];
        double[] f2 = new double[7];
        for (int j = 0; j < 7; j++) {
            double dx = half * XGK[j];
            f1[j] = f.value(centre - dx);
            f2[j] = f.value(centre + dx);
            double sum = f1[j] + f2[j];
            k += WGK[j] * sum;
            if (j % 2 == 1) {
                g += WG[j / 2] * sum;
            }
        }
        // f ≥ 0, so ∫|f| = ∫f.
        double mean = 0.5 * k;
        double asc = WGK[7] * Math.abs(fc - mean);
        for (int j = 0; j < 7; j++) {
            asc += WGK[j] * (Math.abs(f1[j] - mean) + Math.abs(f2[j] - mean));
        }
        double width = Math.abs(half);
        double result = k * half;
        double err = Math.abs((k - g) * half);
        asc *= width;
        if (asc != 0 && err != 0) {
            err = asc * Math.min(1, Math.pow(200 * err / asc, 1.5));
        }
        err = Math.max(50 * EPSILON * Math.abs(result), err);
        return new double[] {a, b, result, err};
    }

    /**
     * ½(√p − √q)² at fixed x, with every x-dependent constant hoisted: the experts' means and
     * normalisers, a Gaussian g0's mean and variance (g0 is one more Gaussian, in p with weight
     * 1 − λ̂ and in q with 1 − λ*), a Student-t g0's location and normaliser.
     */
    private static final class Integrand {
        final double[] pMean;
        final double[] pVariance;
        final double[] pCoefficient; // λ̂ p̂_i / √(2π σ̂_i)
        final double[] qMean;
        final double[] qVariance;
        final double[] qCoefficient;
        final double g0WeightP;
        final double g0WeightQ;
        /** A Gaussian g0 at x: mean, variance (> 0) and 1/√(2π variance); variance 0 otherwise. */
        final double g0Mean;
        final double g0Variance;
        final double g0Normaliser;
        /** A Student-t g0 at x: location, scale, ν (> 0), log normaliser; ν 0 otherwise. */
        final double studentLocation;
        final double studentScale;
        final double studentDof;
        final double studentLogNormaliser;
        final double studentExponent; // (ν + 1)/2
        /** A location-scale g0 at x: location and scale (> 0); scale 0 otherwise. */
        final double spreadLocation;
        final double spreadScale;
        final G0 g0;
        final double[] x;

        Integrand(DeviatedModel p, DeviatedModel q, double[] x) {
            MixingMeasure gp = p.mixing();
            MixingMeasure gq = q.mixing();
            pMean = new double[gp.size()];
            pVariance = new double[gp.size()];
            pCoefficient = new double[gp.size()];
            qMean = new double[gq.size()];
            qVariance = new double[gq.size()];
            qCoefficient = new double[gq.size()];
            fill(gp, p.lambda(), x, pMean, pVariance, pCoefficient);
            fill(gq, q.lambda(), x, qMean, qVariance, qCoefficient);
            g0 = p.g0();
            g0WeightP = g0.isNone() ? 0 : 1 - p.lambda();
            g0WeightQ = g0.isNone() ? 0 : 1 - q.lambda();
            double mean = 0;
            double variance = 0;
            double location = 0;
            double scale = 0;
            double dof = 0;
            double logNormaliser = 0;
            if (g0 instanceof GaussianLinearG0 g) {
                mean = g.expert().mean(x);
                variance = g.expert().variance();
            } else if (g0 instanceof GaussianNonlinearG0 g) {
                mean = g.mean(x);
                variance = g.variance();
            } else if (g0 instanceof StudentTG0 g) {
                location = g.location(x);
                scale = g.scale();
                dof = g.dof();
                logNormaliser = g.logDensity(x, location); // t = 0: the normaliser alone
            } else if (g0 instanceof LocationScaleG0 g) {
                // breakpoints at location + scale·t as for a Student-t; the density from g0 itself
                location = g.location(x);
                scale = g.scale(x);
            }
            g0Mean = mean;
            g0Variance = variance;
            g0Normaliser = variance > 0 ? 1 / Math.sqrt(2 * Math.PI * variance) : 0;
            boolean student = dof > 0;
            studentLocation = student ? location : 0;
            studentScale = student ? scale : 0;
            spreadLocation = student ? 0 : location;
            spreadScale = student ? 0 : scale;
            studentDof = dof;
            studentLogNormaliser = logNormaliser;
            studentExponent = 0.5 * (dof + 1);
            this.x = x.clone();
        }

        private static void fill(MixingMeasure g, double lambda, double[] x, double[] mean, double[] variance,
                double[] coefficient) {
            for (int i = 0; i < g.size(); i++) {
                Expert e = g.expert(i);
                mean[i] = e.mean(x);
                variance[i] = e.variance();
                coefficient[i] = lambda * g.weight(i) / Math.sqrt(2 * Math.PI * e.variance());
            }
        }

        /** Mean and variance of component c: p's experts, then q's. */
        double mean(int c) {
            return c < pMean.length ? pMean[c] : qMean[c - pMean.length];
        }

        double variance(int c) {
            return c < pVariance.length ? pVariance[c] : qVariance[c - pVariance.length];
        }

        double value(double y) {
            double dp = 0;
            for (int c = 0; c < pMean.length; c++) {
                double r = y - pMean[c];
                dp += pCoefficient[c] * Math.exp(-0.5 * r * r / pVariance[c]);
            }
            double dq = 0;
            for (int c = 0; c < qMean.length; c++) {
                double r = y - qMean[c];
                dq += qCoefficient[c] * Math.exp(-0.5 * r * r / qVariance[c]);
            }
            if (g0WeightP > 0 || g0WeightQ > 0) {
                double g;
                if (g0Variance > 0) {
                    double r = y - g0Mean;
                    g = g0Normaliser * Math.exp(-0.5 * r * r / g0Variance);
                } else if (studentDof > 0) {
                    // log, not log1p (several times slower, not a JIT intrinsic): the absolute error of
                    // log(1 + u) is one ulp of 1 either way, so g keeps its relative accuracy.
                    double t = (y - studentLocation) / studentScale;
                    g = Math.exp(studentLogNormaliser - studentExponent * Math.log(1 + t * t / studentDof));
                } else {
                    g = Math.exp(g0.logDensity(x, y));
                }
                dp += g0WeightP * g;
                dq += g0WeightQ * g;
            }
            double d = Math.sqrt(dp) - Math.sqrt(dq);
            return 0.5 * d * d;
        }

        /** The exact tail contribution outside [lo, hi], where only g0 carries mass. */
        double tails(double lo, double hi) {
            if (g0.isNone()) {
                return 0;
            }
            double d = Math.sqrt(g0WeightP) - Math.sqrt(g0WeightQ);
            if (d == 0) {
                return 0;
            }
            double mass = g0.cdf(x, lo) + (1 - g0.cdf(x, hi));
            return 0.5 * d * d * mass;
        }
    }
}
