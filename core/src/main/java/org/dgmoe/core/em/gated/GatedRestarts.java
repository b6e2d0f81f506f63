package org.dgmoe.core.em.gated;

import java.util.function.Supplier;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.GatedModel;

/**
 * The best of several gated fits of one data set, and the objective every start reached: the gated fit's restart
 * rule (a sweep's gated task, {@code dgmoe fit} on a gated setting), as {@link org.dgmoe.core.em.BestFit.Restarts}
 * is the constant fit's. Every start is fitted with its certificate ({@link GatedEmFitter#fit}); the kept fit has
 * the highest {@link GatedFitResult#objective()} (the joint log-likelihood for Gaussian gating, else ℓ), a finite
 * objective beats a non-finite one, and a tie keeps the earlier start.
 *
 * @param best       the kept fit
 * @param objectives every start's objective in the order drawn, NaN for a start whose objective is not finite
 *                   (copied in and out)
 */
public record GatedRestarts(GatedFitResult best, double[] objectives) {

    public GatedRestarts {
        if (best == null || objectives == null || objectives.length == 0) {
            throw new IllegalArgumentException("best and objectives: must be given, with at least one start");
        }
        objectives = objectives.clone();
    }

    @Override
    public double[] objectives() {
        return objectives.clone();
    }

    /**
     * Fits {@code data} from {@code starts} starts, each drawn from {@code nextStart} just before its fit (so a
     * start's draws never depend on an earlier fit's outcome), and keeps the best.
     *
     * @param starts the number of starts, ≥ 1
     */
    public static GatedRestarts fit(GatedEmFitter fitter, Dataset data, int starts, Supplier<GatedModel> nextStart) {
        if (starts < 1) {
            throw new IllegalArgumentException("starts: must be >= 1, got " + starts);
        }
        GatedFitResult best = null;
        double[] objectives = new double[starts];
        for (int r = 0; r < starts; r++) {
            GatedFitResult candidate = fitter.fit(data, nextStart.get());
            objectives[r] = Double.isFinite(candidate.objective()) ? candidate.objective() : Double.NaN;
            if (best == null || better(candidate, best)) {
                best = candidate;
            }
        }
        return new GatedRestarts(best, objectives);
    }

    private static boolean better(GatedFitResult a, GatedFitResult b) {
        boolean af = Double.isFinite(a.objective());
        boolean bf = Double.isFinite(b.objective());
        return af && (!bf || a.objective() > b.objective());
    }
}
