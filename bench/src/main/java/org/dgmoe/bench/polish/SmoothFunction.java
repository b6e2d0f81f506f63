package org.dgmoe.bench.polish;

/**
 * A smooth objective on R^n with an analytic gradient, counting its evaluations so the minimisers can
 * be compared on function evaluations as well as time.
 */
public abstract class SmoothFunction {
    private long valueEvaluations;
    private long gradientEvaluations;

    /** Number of parameters. */
    public abstract int dimension();

    /** f(x) only (what a value-only line search calls). */
    protected abstract double computeValue(double[] x);

    /** f(x), with ∇f(x) written into {@code gradient}. */
    protected abstract double computeValueAndGradient(double[] x, double[] gradient);

    public final double value(double[] x) {
        valueEvaluations++;
        return computeValue(x);
    }

    public final double valueAndGradient(double[] x, double[] gradient) {
        gradientEvaluations++;
        return computeValueAndGradient(x, gradient);
    }

    /** Evaluations of f alone since the last {@link #resetCounts}. */
    public final long valueEvaluations() {
        return valueEvaluations;
    }

    /** Evaluations of f and ∇f together since the last {@link #resetCounts}. */
    public final long gradientEvaluations() {
        return gradientEvaluations;
    }

    public final void resetCounts() {
        valueEvaluations = 0;
        gradientEvaluations = 0;
    }

    static double norm(double[] g) {
        double s = 0;
        for (double v : g) {
            s += v * v;
        }
        return Math.sqrt(s);
    }
}
