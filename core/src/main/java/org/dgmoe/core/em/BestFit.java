package org.dgmoe.core.em;

import java.util.Arrays;
import java.util.function.Supplier;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;

/**
 * The best of several fits of one data set, and its optimality certificate: the one restart rule of the
 * project (the sweep's tasks and start checks, fits to data, the goodness-of-fit recipe). Candidates are
 * fitted without the certificate ({@link EmFitter#fitUncertified}), the best is kept
 * ({@link FitResult#betterThan}: a finite log-likelihood beats a non-finite one, then the larger wins, a tie
 * keeps the earlier candidate), and only the kept one is certified ({@link EmFitter#certify}: 2r + 1 passes,
 * the certificate {@link EmFitter#fit} would have reported, bit for bit) — instead of 2r passes for every
 * candidate. It also keeps every candidate's log-likelihood, in the order offered, so that a caller can say
 * how many starts reached the kept maximum and which other maxima were found ({@code dgmoe fit}'s summary).
 * Immutable: {@link #with} returns the new best.
 */
public final class BestFit {
    /** The best result so far (null before the first candidate). */
    private final FitResult best;
    /** The best as made without its certificate; null when it is kept as it is (see {@link #withAsIs}). */
    private final UncertifiedFit kept;
    /** Every candidate's log-likelihood in the order offered, NaN for one that is not {@link FitResult#finite()}. */
    private final double[] offered;

    private BestFit(FitResult best, UncertifiedFit kept, double[] offered) {
        this.best = best;
        this.kept = kept;
        this.offered = offered;
    }

    /** No candidate yet. */
    public static BestFit none() {
        return new BestFit(null, null, new double[0]);
    }

    /**
     * The kept fit of several starts and the log-likelihood each start reached.
     *
     * @param best           the best fit, certified as {@link #certified(EmFitter, Dataset, int, Supplier)} returns it
     * @param logLikelihoods every start's ℓ in the order drawn, NaN for a start whose fit is not
     *                       {@link FitResult#finite()} (copied in and out)
     */
    public record Restarts(FitResult best, double[] logLikelihoods) {
        public Restarts {
            if (best == null || logLikelihoods == null || logLikelihoods.length == 0) {
                throw new IllegalArgumentException("best and logLikelihoods: must be given, with at least one start");
            }
            logLikelihoods = logLikelihoods.clone();
        }

        @Override
        public double[] logLikelihoods() {
            return logLikelihoods.clone();
        }
    }

    /**
     * The best fit of {@code data} from {@code starts} starts, each drawn from {@code nextStart} just before
     * it is fitted, with its certificate. One start is {@code fitter.fit} (the certificate computed at the
     * end of the fit: 2r passes); several are fitted without it and the kept one certified.
     *
     * @throws IllegalArgumentException when {@code starts} is below 1
     */
    public static FitResult certified(EmFitter fitter, Dataset data, int starts, Supplier<DeviatedModel> nextStart) {
        return certifiedRestarts(fitter, data, starts, nextStart).best();
    }

    /**
     * As {@link #certified(EmFitter, Dataset, int, Supplier)} (the same fits, bit for bit), with the
     * log-likelihood every start reached.
     *
     * @throws IllegalArgumentException when {@code starts} is below 1
     */
    public static Restarts certifiedRestarts(EmFitter fitter, Dataset data, int starts,
            Supplier<DeviatedModel> nextStart) {
        if (starts == 1) {
            FitResult only = fitter.fit(data, nextStart.get());
            return new Restarts(only, new double[] {offeredLogLikelihood(only)});
        }
        BestFit best = uncertified(fitter, data, starts, nextStart);
        return new Restarts(best.certified(fitter, data), best.offered);
    }

    /**
     * As {@link #certified(EmFitter, Dataset, int, Supplier)}, no candidate certified (even with one start):
     * for a fit that is only compared and discarded (a start check), which would pay 2r passes for nothing.
     *
     * @throws IllegalArgumentException when {@code starts} is below 1
     */
    public static BestFit uncertified(EmFitter fitter, Dataset data, int starts, Supplier<DeviatedModel> nextStart) {
        if (starts < 1) {
            throw new IllegalArgumentException("starts: must be >= 1, got " + starts);
        }
        BestFit best = none();
        EmData shared = null; // the frame, log g0 and blocks, prepared once for all starts that need the same
        for (int r = 0; r < starts; r++) {
            DeviatedModel start = nextStart.get();
            EmData.check(data, start);
            if (shared == null || !shared.servesStart(start)) {
                shared = EmData.forStart(data, start);
            }
            best = best.with(fitter.fitUncertified(shared, start));
        }
        return best;
    }

    /** The better of this best and {@code candidate} (the earlier on a tie). */
    public BestFit with(UncertifiedFit candidate) {
        if (candidate == null) {
            throw new IllegalArgumentException("candidate: must not be null");
        }
        double[] all = withOffered(candidate.result());
        return best == null || candidate.result().betterThan(best) ? new BestFit(candidate.result(), candidate, all)
                : new BestFit(best, kept, all);
    }

    /**
     * The better of this best and {@code candidate}, a result to keep as it is, never certified (a
     * goodness-of-fit short run whose continuation failed or that could not be continued).
     */
    public BestFit withAsIs(FitResult candidate) {
        if (candidate == null) {
            throw new IllegalArgumentException("candidate: must not be null");
        }
        double[] all = withOffered(candidate);
        return best == null || candidate.betterThan(best) ? new BestFit(candidate, null, all)
                : new BestFit(best, kept, all);
    }

    /** Every candidate's log-likelihood in the order offered, NaN for one that is not finite (a copy). */
    public double[] logLikelihoods() {
        return offered.clone();
    }

    /** {@link #offered} with {@code candidate}'s ℓ appended (a new array: this object stays as it was). */
    private double[] withOffered(FitResult candidate) {
        double[] all = Arrays.copyOf(offered, offered.length + 1);
        all[offered.length] = offeredLogLikelihood(candidate);
        return all;
    }

    private static double offeredLogLikelihood(FitResult fit) {
        return fit.finite() ? fit.logLikelihood() : Double.NaN;
    }

    /** The best result, without a certificate. */
    public FitResult result() {
        requireCandidate();
        return best;
    }

    /**
     * The best result with its certificate ({@link EmFitter#certify}), or as it is when it was offered
     * {@link #withAsIs as it is}.
     *
     * @param fitter the fitter that made the candidates
     * @param data   the data they were fitted to
     */
    public FitResult certified(EmFitter fitter, Dataset data) {
        requireCandidate();
        return kept == null ? best : fitter.certify(data, kept);
    }

    private void requireCandidate() {
        if (best == null) {
            throw new IllegalStateException("no candidate: offer at least one fit");
        }
    }
}
