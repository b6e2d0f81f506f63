package org.dgmoe.bench.polish;

/**
 * A compact L-BFGS on {@code double[]}: the two-loop recursion for H_k∇f (Nocedal &amp; Wright,
 * Numerical Optimization, 2nd ed., Alg. 7.4) inside Alg. 7.5, with H_k⁰ = γ_k I,
 * γ_k = sᵀy / yᵀy of the newest pair, and a strong-Wolfe line search (Alg. 3.5 with the zoom of
 * Alg. 3.6, cubic interpolation safeguarded by bisection), c1 = 1e-4, c2 = 0.9, trial step 1
 * (1/|∇f| on the first iteration). Stops when |∇f| ≤ tolerance. No allocation per iteration.
 */
public final class Lbfgs {
    private static final double C1 = 1e-4;
    private static final double C2 = 0.9;
    private static final int MAX_BRACKET = 20;
    private static final int MAX_ZOOM = 20;

    private final int memory;
    private final double tolerance;
    private final int maxIterations;

    // per-minimisation state, sized on first use
    private int n = -1;
    private double[][] s;
    private double[][] y;
    private double[] rho;
    private double[] alpha;
    private double[] x;
    private double[] g;
    private double[] xt;
    private double[] gt;
    private double[] p;
    private SmoothFunction f;
    private long evaluations;

    /**
     * @param memory number m of (s, y) pairs kept
     * @param tolerance stop when the Euclidean norm of the gradient is at most this
     * @param maxIterations iteration cap
     */
    public Lbfgs(int memory, double tolerance, int maxIterations) {
        this.memory = memory;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
    }

    private void allocate(int dim) {
        if (dim == n) {
            return;
        }
        n = dim;
        s = new double[memory][dim];
        y = new double[memory][dim];
        rho = new double[memory];
        alpha = new double[memory];
        x = new double[dim];
        g = new double[dim];
        xt = new double[dim];
        gt = new double[dim];
        p = new double[dim];
    }

    public Result minimize(SmoothFunction function, double[] start) {
        f = function;
        allocate(function.dimension());
        System.arraycopy(start, 0, x, 0, n);
        evaluations = 1;
        double fx = f.valueAndGradient(x, g);
        double gnorm = SmoothFunction.norm(g);
        int stored = 0;
        int newest = -1;
        double gamma = 1;
        int iter = 0;
        while (gnorm > tolerance && iter < maxIterations) {
            // Two-loop recursion: p = −H ∇f.
            System.arraycopy(g, 0, p, 0, n);
            for (int j = 0, i = newest; j < stored; j++, i = (i == 0 ? memory - 1 : i - 1)) {
                double a = rho[i] * dot(s[i], p);
                alpha[i] = a;
                axpy(-a, y[i], p);
            }
            for (int c = 0; c < n; c++) {
                p[c] *= gamma;
            }
            for (int j = 0, i = (newest - stored + 1 + memory) % memory; j < stored; j++, i = (i + 1) % memory) {
                double b = rho[i] * dot(y[i], p);
                axpy(alpha[i] - b, s[i], p);
            }
            double dphi0 = 0;
            for (int c = 0; c < n; c++) {
                p[c] = -p[c];
                dphi0 += p[c] * g[c];
            }
            if (!(dphi0 < 0)) { // not a descent direction: forget the pairs, take steepest descent
                stored = 0;
                gamma = 1;
                for (int c = 0; c < n; c++) {
                    p[c] = -g[c];
                }
                dphi0 = -gnorm * gnorm;
            }
            double ft = lineSearch(fx, dphi0, stored == 0 ? Math.min(1, 1 / gnorm) : 1);
            if (Double.isNaN(ft)) {
                break;
            }
            // New pair s = x⁺ − x, y = ∇f⁺ − ∇f in the slot after the newest.
            int slot = (newest + 1) % memory;
            double sy = 0;
            double yy = 0;
            double[] si = s[slot];
            double[] yi = y[slot];
            for (int c = 0; c < n; c++) {
                si[c] = xt[c] - x[c];
                yi[c] = gt[c] - g[c];
                sy += si[c] * yi[c];
                yy += yi[c] * yi[c];
            }
            if (sy > 1e-12 * yy && yy > 0) { // always under strong Wolfe; guards rounding
                rho[slot] = 1 / sy;
                gamma = sy / yy;
                newest = slot;
                stored = Math.min(stored + 1, memory);
            }
            double[] tmp = x;
            x = xt;
            xt = tmp;
            tmp = g;
            g = gt;
            gt = tmp;
            fx = ft;
            gnorm = SmoothFunction.norm(g);
            iter++;
        }
        f = null;
        return new Result(x.clone(), fx, gnorm, iter, evaluations, 0, gnorm <= tolerance);
    }

    /** f and ∇f at x + a·p into xt, gt; returns f. */
    private double evaluate(double a) {
        for (int c = 0; c < n; c++) {
            xt[c] = x[c] + a * p[c];
        }
        evaluations++;
        return f.valueAndGradient(xt, gt);
    }

    /**
     * Strong-Wolfe step along p from (x, f0, φ'(0) = dphi0 &lt; 0), Alg. 3.5: on success xt, gt hold
     * the accepted point and its value is returned; NaN when no step was found.
     */
    private double lineSearch(double f0, double dphi0, double a1) {
        double aPrev = 0;
        double fPrev = f0;
        double dPrev = dphi0;
        double a = a1;
        for (int i = 0; i < MAX_BRACKET; i++) {
            double fa = evaluate(a);
            double da = dot(gt, p);
            if (fa > f0 + C1 * a * dphi0 || (i > 0 && fa >= fPrev) || Double.isNaN(fa)) {
                return zoom(f0, dphi0, aPrev, fPrev, dPrev, a, fa, da);
            }
            if (Math.abs(da) <= -C2 * dphi0) {
                return fa;
            }
            if (da >= 0) {
                return zoom(f0, dphi0, a, fa, da, aPrev, fPrev, dPrev);
            }
            aPrev = a;
            fPrev = fa;
            dPrev = da;
            a *= 2;
        }
        return Double.NaN;
    }

    /**
     * Alg. 3.6: the interval between lo (sufficient decrease, the lowest f so far) and hi holds a
     * strong-Wolfe step; shrink it by safeguarded cubic interpolation.
     */
    private double zoom(double f0, double dphi0, double lo, double flo, double dlo, double hi, double fhi, double dhi) {
        for (int j = 0; j < MAX_ZOOM; j++) {
            double a = cubicMinimizer(lo, flo, dlo, hi, fhi, dhi);
            double left = Math.min(lo, hi);
            double width = Math.abs(hi - lo);
            if (!(a >= left + 0.1 * width && a <= left + 0.9 * width)) {
                a = 0.5 * (lo + hi);
            }
            double fa = evaluate(a);
            double da = dot(gt, p);
            if (fa > f0 + C1 * a * dphi0 || fa >= flo || Double.isNaN(fa)) {
                hi = a;
                fhi = fa;
                dhi = da;
            } else {
                if (Math.abs(da) <= -C2 * dphi0) {
                    return fa;
                }
                if (da * (hi - lo) >= 0) {
                    hi = lo;
                    fhi = flo;
                    dhi = dlo;
                }
                lo = a;
                flo = fa;
                dlo = da;
            }
        }
        // No Wolfe point: take lo if it decreased f (its pair still has sᵀy checked by the caller).
        if (lo > 0) {
            return evaluate(lo);
        }
        return Double.NaN;
    }

    /** Minimiser of the cubic matching φ and φ' at a and b (N&amp;W eq. 3.59); NaN if it has none. */
    private static double cubicMinimizer(double a, double fa, double da, double b, double fb, double db) {
        double d1 = da + db - 3 * (fa - fb) / (a - b);
        double disc = d1 * d1 - da * db;
        if (!(disc >= 0) || Double.isInfinite(fb)) {
            return Double.NaN;
        }
        double d2 = Math.signum(b - a) * Math.sqrt(disc);
        return b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2);
    }

    private double dot(double[] u, double[] v) {
        double r = 0;
        for (int c = 0; c < n; c++) {
            r += u[c] * v[c];
        }
        return r;
    }

    private void axpy(double a, double[] u, double[] v) {
        for (int c = 0; c < n; c++) {
            v[c] += a * u[c];
        }
    }
}
