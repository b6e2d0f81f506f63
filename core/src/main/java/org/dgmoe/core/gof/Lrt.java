package org.dgmoe.core.gof;

import org.apache.commons.rng.UniformRandomProvider;
import org.dgmoe.core.em.BestFit;
import org.dgmoe.core.em.EmData;
import org.dgmoe.core.em.EmFitter;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.FitResult;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.em.RandomStart;
import org.dgmoe.core.em.UncertifiedFit;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.G0;

/**
 * The likelihood-ratio statistic T = 2(sup ℓ_H1 − Σᵢ log g0(yᵢ|xᵢ)) of H0 "the data come from g0"
 * (λ = 0) against the deviated model with k experts and λ free, computed by an {@link LrtRecipe}.
 */
public final class Lrt {
    private Lrt() {
    }

    /** ℓ_0 = Σᵢ log g0(yᵢ|xᵢ), summed in index order. */
    public static double nullLogLikelihood(Dataset data, G0 g0) {
        double[] logG0 = new double[data.size()];
        g0.logDensities(data, logG0);
        double s = 0;
        for (double v : logG0) {
            s += v;
        }
        return s;
    }

    /**
     * T of {@code data} against the known {@code g0}, with the recipe's starts drawn from {@code startRng}
     * (for the observed data {@code Seeds.stream(key, GOF_START)}, for null refit b that of
     * {@code Seeds.nullSeed(key, b)}: see {@link NullRefit}).
     *
     * @throws IllegalArgumentException when g0 is {@code none} (there is no H0 to test) or the dimensions
     *                                  differ
     */
    public static LrtResult compute(Dataset data, G0 g0, LrtRecipe recipe, UniformRandomProvider startRng) {
        return compute(data, g0, recipe, startRng, true);
    }

    /**
     * As {@link #compute(Dataset, G0, LrtRecipe, UniformRandomProvider)}; with {@code certify} false the kept
     * fit carries no optimality certificate (a null refit, whose T* is all that is kept). Only the kept
     * finalist is ever certified, afterwards ({@link BestFit#certified(EmFitter, Dataset)}); T is the same
     * either way.
     */
    public static LrtResult compute(Dataset data, G0 g0, LrtRecipe recipe, UniformRandomProvider startRng,
            boolean certify) {
        if (data == null || g0 == null || recipe == null || startRng == null) {
            throw new IllegalArgumentException("data, g0, recipe and startRng: must not be null");
        }
        if (g0.isNone()) {
            throw new IllegalArgumentException("g0: the goodness-of-fit test needs a known g0, got 'none'");
        }
        if (g0.dimension() != 0 && g0.dimension() != data.dimension()) {
            throw new IllegalArgumentException("g0.slope: must have the data dimension " + data.dimension() + ", got "
                    + g0.dimension());
        }
        double l0 = nullLogLikelihood(data, g0);
        double floor = recipe.varianceFloor(data);
        EmSettings full = recipe.em().withVarianceFloor(floor);
        // A short run is exactly shortIterations EM-map evaluations (tolerance 0): it only ranks starts, so it
        // gets no stopping test and no optimality certificate (2r + 1 passes, more than the run itself at k = 1).
        EmSettings brief = full.withMaxIterations(Math.min(recipe.shortIterations(), full.maxIterations()))
                .withTolerance(0);
        EmFitter shortFitter = new EmFitter(brief);
        EmFitter fullFitter = new EmFitter(full);
        // the frame and log g0 once for the data set's starts and continuations (bit for bit what each fit
        // would compute itself)
        EmData prepared = EmData.of(data, g0);
        int s = recipe.starts();
        FitResult[] shortRuns = new FitResult[s];
        for (int r = 0; r < s; r++) {
            double lambda = LrtRecipe.START_LAMBDAS[r % LrtRecipe.START_LAMBDAS.length];
            shortRuns[r] = shortFitter.fit(prepared, RandomStart.draw(data, g0, recipe.experts(), lambda, floor, startRng));
        }
        int[] order = rank(shortRuns);
        int f = recipe.finalists();
        double[] finalistLogLikelihoods = new double[f];
        BestFit finalists = BestFit.none();
        for (int i = 0; i < f; i++) {
            FitResult start = shortRuns[order[i]];
            UncertifiedFit continued = continueFit(fullFitter, prepared, start);
            finalists = continued == null ? finalists.withAsIs(start) : finalists.with(continued);
            finalistLogLikelihoods[i] = (continued == null ? start : continued.result()).logLikelihood();
        }
        FitResult best = certify ? finalists.certified(fullFitter, data) : finalists.result();
        // ℓ0 is NaN, or −∞ beside a failed fit, only for data beyond double precision under g0 (|y| ~ 1e300):
        // then T = 2(sup ℓ_H1 − ℓ0) has no value, and the data set counts as failed like a failed fit.
        boolean failed = !best.finite() || Double.isNaN(l0);
        boolean zeroWon = failed || !(best.logLikelihood() > l0);
        double alternative = zeroWon ? l0 : best.logLikelihood();
        double t = failed ? 0 : 2 * (alternative - l0);
        return new LrtResult(Math.max(0, t), l0, alternative, best, zeroWon, failed, finalistLogLikelihoods, floor);
    }

    /**
     * A short run continued with the full settings, without the certificate; null when the short run is kept
     * as it is: one that ended for good (degenerate, non-finite), from where EM cannot move, or whose
     * continuation failed numerically (EM never decreases ℓ, so it falls back to its start).
     */
    private static UncertifiedFit continueFit(EmFitter fitter, EmData data, FitResult shortRun) {
        if (shortRun.status() == FitStatus.DEGENERATE || shortRun.status() == FitStatus.NON_FINITE) {
            return null;
        }
        UncertifiedFit done = fitter.fitUncertified(data, shortRun.model());
        return done.result().finite() || !shortRun.finite() ? done : null;
    }

    /** Indices of the runs, best first: finite before non-finite, then larger ℓ, ties to the earlier start. */
    static int[] rank(FitResult[] runs) {
        Integer[] idx = new Integer[runs.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> {
            if (runs[a].betterThan(runs[b])) {
                return -1;
            }
            if (runs[b].betterThan(runs[a])) {
                return 1;
            }
            return Integer.compare(a, b);
        });
        int[] out = new int[idx.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = idx[i];
        }
        return out;
    }


}
