package org.dgmoe.bench.polish;

/**
 * The chained (extended) Rosenbrock function f(x) = Σ_{i<n−1} 100 (x_{i+1} − x_i²)² + (1 − x_i)²,
 * minimum 0 at (1, …, 1): almost free to evaluate, so a minimiser's own overhead dominates.
 */
public final class ExtendedRosenbrock extends SmoothFunction {
    private final int n;

    public ExtendedRosenbrock(int n) {
        this.n = n;
    }

    /** The start used here: x_i = 1 + 0.5 (−1)^i · (1 + i/n) (moderately far, in the basin of (1, …, 1)). */
    public double[] start() {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 1 + 0.5 * ((i & 1) == 0 ? -1 : 1) * (1 + (double) i / n);
        }
        return x;
    }

    @Override
    public int dimension() {
        return n;
    }

    @Override
    protected double computeValue(double[] x) {
        double f = 0;
        for (int i = 0; i < n - 1; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            f += 100 * a * a + b * b;
        }
        return f;
    }

    @Override
    protected double computeValueAndGradient(double[] x, double[] g) {
        java.util.Arrays.fill(g, 0);
        double f = 0;
        for (int i = 0; i < n - 1; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            f += 100 * a * a + b * b;
            g[i] += -400 * x[i] * a - 2 * b;
            g[i + 1] += 200 * a;
        }
        return f;
    }
}
