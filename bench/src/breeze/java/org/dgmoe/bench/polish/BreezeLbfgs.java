package org.dgmoe.bench.polish;

import breeze.linalg.DenseVector;
import breeze.linalg.DenseVector$;
import breeze.linalg.DenseVector$mcD$sp;
import breeze.math.MutableFiniteCoordinateField;
import breeze.optimize.FirstOrderMinimizer;
import breeze.optimize.FirstOrderMinimizer$;
import breeze.optimize.LBFGS;

/**
 * Breeze's {@code breeze.optimize.LBFGS} over {@code DenseVector[Double]} (Breeze's own two-loop
 * recursion and StrongWolfeLineSearch, c1 = 1e-4, c2 = 0.9, trial step 1/|p| on the first
 * iteration, else 1), called from Java through the Scala shim {@link JavaDiffFunction}. The stopping rule is made the same as {@link Lbfgs}'s:
 * Breeze's gradientConverged with relative = false (|∇f| ≤ max(tolerance, 1e-8)), or the iteration
 * cap, or a failed line search; Breeze's default check would also stop on a flat run of f values.
 */
public final class BreezeLbfgs {
    private static final MutableFiniteCoordinateField<DenseVector<Object>, Object, Object> SPACE =
            DenseVector$.MODULE$.space_Double();

    private final LBFGS<DenseVector<Object>> lbfgs;
    private final double tolerance;

    public BreezeLbfgs(int memory, double tolerance, int maxIterations) {
        FirstOrderMinimizer$ fom = FirstOrderMinimizer$.MODULE$;
        FirstOrderMinimizer.ConvergenceCheck<DenseVector<Object>> check =
                fom.<DenseVector<Object>>gradientConverged(tolerance, false, SPACE)
                        .$bar$bar(fom.<DenseVector<Object>>maxIterationsReached(maxIterations))
                        .$bar$bar(fom.<DenseVector<Object>>searchFailed());
        this.lbfgs = new LBFGS<>(check, memory, SPACE);
        this.tolerance = tolerance;
    }

    private static double[] array(DenseVector<Object> v) {
        double[] data = (double[]) v.data();
        if (v.offset() == 0 && v.stride() == 1 && data.length == v.length()) {
            return data;
        }
        double[] out = new double[v.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = data[v.offset() + i * v.stride()];
        }
        return out;
    }

    public Result minimize(SmoothFunction f, double[] start) {
        long[] evaluations = {0};
        JavaDiffFunction df = new JavaDiffFunction(f.dimension(), (x, g) -> {
            evaluations[0]++;
            return f.valueAndGradient(x, g);
        });
        FirstOrderMinimizer.State<DenseVector<Object>, Object, Object> state =
                lbfgs.minimizeAndReturnState(df, new DenseVector$mcD$sp(start.clone()));
        double[] g = array(state.grad());
        double gnorm = SmoothFunction.norm(g);
        return new Result(array(state.x()).clone(), state.value(), gnorm, state.iter(), evaluations[0], 0,
                gnorm <= Math.max(tolerance, 1e-8));
    }
}
