package org.dgmoe.bench.polish;

import java.util.Arrays;
import org.apache.commons.math3.optim.ConvergenceChecker;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.apache.commons.math3.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;

/**
 * Commons Math 3.6.1's NonLinearConjugateGradientOptimizer, Polak-Ribière (restart to steepest
 * descent every n iterations), with its value-only Brent line search (by default relative and
 * absolute tolerance 1e-8, initial bracket 1e-8). The convergence checker stops on
 * |∇f| ≤ tolerance, reading the gradient the optimizer has just computed at the current point.
 */
public final class CommonsMathCg {
    private final double tolerance;
    private final int maxIterations;

    private final double lineRelative;
    private final double lineAbsolute;
    private final double lineBracket;

    /** With Commons Math's default line-search settings (1e-8, 1e-8, 1e-8). */
    public CommonsMathCg(double tolerance, int maxIterations) {
        this(tolerance, maxIterations, 1e-8, 1e-8, 1e-8);
    }

    /** With the Brent line search's relative and absolute tolerance and initial bracket given. */
    public CommonsMathCg(double tolerance, int maxIterations, double lineRelative, double lineAbsolute,
            double lineBracket) {
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
        this.lineRelative = lineRelative;
        this.lineAbsolute = lineAbsolute;
        this.lineBracket = lineBracket;
    }

    public Result minimize(SmoothFunction f, double[] start) {
        int n = f.dimension();
        double[] lastX = new double[n];
        double[] lastG = new double[n];
        boolean[] have = {false};
        long[] counts = {0, 0};
        double[] gnorm = {Double.NaN};
        ObjectiveFunction value = new ObjectiveFunction(point -> {
            counts[1]++;
            return f.value(point);
        });
        ObjectiveFunctionGradient gradient = new ObjectiveFunctionGradient(point -> {
            counts[0]++;
            double[] g = new double[n];
            f.valueAndGradient(point, g);
            System.arraycopy(point, 0, lastX, 0, n);
            System.arraycopy(g, 0, lastG, 0, n);
            have[0] = true;
            return g;
        });
        ConvergenceChecker<PointValuePair> checker = (iteration, previous, current) -> {
            double[] x = current.getPointRef();
            if (!have[0] || !Arrays.equals(x, lastX)) {
                gradient.getObjectiveFunctionGradient().value(x);
            }
            gnorm[0] = SmoothFunction.norm(lastG);
            return gnorm[0] <= tolerance;
        };
        NonLinearConjugateGradientOptimizer cg = new NonLinearConjugateGradientOptimizer(
                NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE, checker, lineRelative, lineAbsolute,
                lineBracket);
        PointValuePair best;
        try {
            best = cg.optimize(new MaxEval(Integer.MAX_VALUE), new MaxIter(maxIterations), value, gradient,
                    GoalType.MINIMIZE, new InitialGuess(start.clone()));
        } catch (org.apache.commons.math3.exception.TooManyIterationsException e) {
            return new Result(lastX.clone(), f.value(lastX), SmoothFunction.norm(lastG), maxIterations,
                    counts[0], counts[1], false);
        }
        return new Result(best.getPoint(), best.getValue(), gnorm[0], cg.getIterations(), counts[0], counts[1],
                gnorm[0] <= tolerance);
    }
}
