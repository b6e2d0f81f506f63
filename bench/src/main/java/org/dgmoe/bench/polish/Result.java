package org.dgmoe.bench.polish;

/**
 * The end point of one minimisation: the point, f there, |∇f| there, iterations, and the evaluations
 * the minimiser made (f and ∇f together; f alone for value-only line searches).
 */
public record Result(double[] x, double value, double gradientNorm, int iterations,
        long gradientEvaluations, long valueEvaluations, boolean converged) {
}
