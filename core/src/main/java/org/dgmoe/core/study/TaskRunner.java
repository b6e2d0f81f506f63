package org.dgmoe.core.study;

import org.apache.commons.rng.UniformRandomProvider;
import org.dgmoe.core.em.BestFit;
import org.dgmoe.core.em.EmFitter;
import org.dgmoe.core.em.FitResult;
import org.dgmoe.core.em.RandomStart;
import org.dgmoe.core.em.gated.GatedEmFitter;
import org.dgmoe.core.em.gated.GatedFitResult;
import org.dgmoe.core.em.gated.GatedRestarts;
import org.dgmoe.core.em.gated.GatedStarts;
import org.dgmoe.core.loss.GatedLossReport;
import org.dgmoe.core.loss.GatedLosses;
import org.dgmoe.core.loss.LossCalculator;
import org.dgmoe.core.loss.LossReport;
import org.dgmoe.core.model.ConstantDeviation;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.Population;
import org.dgmoe.core.random.Seeds;
import org.dgmoe.core.sim.Simulator;

/**
 * Runs one task of a study: simulate the data of (study seed, setting, n, replicate), fit it from
 * the configured starts, keep the best fit, and measure its losses and its nearness to a degenerate
 * component ({@link NearDegeneracy}). Pure and deterministic: the
 * outcome depends only on the study and the key (timing aside).
 */
public final class TaskRunner {
    private final Study study;
    private final LossCalculator losses;
    private final GatedLosses gatedLosses;

    public TaskRunner(Study study) {
        this.study = study;
        this.losses = new LossCalculator(study.losses());
        this.gatedLosses = new GatedLosses(study.losses());
    }

    public Study study() {
        return study;
    }

    /** The task seed of a key. */
    public long seed(Setting setting, int n, int replicate) {
        return Seeds.taskSeed(study.seed(), setting.name(), n, replicate);
    }

    /** The exact data set of a key (what {@code dgmoe simulate} writes). */
    public Dataset data(Setting setting, int n, int replicate) {
        return data(setting, n, seed(setting, n, replicate));
    }

    /**
     * The data of a task with this seed: simulated from the truth ({@link Seeds.Stream#DATA}), or, for a population
     * setting, n rows of the population drawn by its {@link Seeds.Stream#SUBSAMPLE} stream, so they depend only on
     * (study seed, setting, n, replicate).
     */
    private static Dataset data(Setting setting, int n, long seed) {
        Population population = setting.populationRows();
        return population != null ? population.sample(n, Seeds.stream(seed, Seeds.Stream.SUBSAMPLE))
                : Simulator.simulate(setting.covariates(), setting.truth(), n, seed);
    }

    public TaskOutcome run(Setting setting, int n, int replicate) {
        long seed = seed(setting, n, replicate);
        if (setting.gated()) {
            return runGated(setting, n, replicate, seed);
        }
        Dataset data = data(setting, n, seed);
        FitResult fit = fit(setting, data, Seeds.stream(seed, Seeds.Stream.INIT));
        LossReport report = losses.compute(fit.model(), setting.deviatedTruth(), setting.covariates());
        NearDegeneracy near = nearDegeneracy(setting, n, fit);
        TaskOutcome outcome = new TaskOutcome(setting.name(), n, replicate, seed, fit, report,
                startCheck(setting, data, seed, fit, report), near);
        IntervalPlan intervals = study.intervals();
        return intervals == null ? outcome
                : outcome.withIntervals(TaskIntervals.of(intervals, setting, data, fit, seed, report, near));
    }

    /**
     * A gated setting's task: its data, the best of its starts fitted by the gated EM ({@link #fitGated}), the
     * gated losses (docs/gated-losses.md) and the near-degeneracy of the kept fit. Gated settings have no start
     * check (the study file refuses one).
     */
    private TaskOutcome runGated(Setting setting, int n, int replicate, long seed) {
        Dataset data = Simulator.simulate(setting.covariates(), setting.truth(), n, seed);
        GatedFitResult fit = fitGated(setting, data, Seeds.stream(seed, Seeds.Stream.INIT));
        GatedLossReport report = gatedLosses(setting, fit.model());
        NearDegeneracy near = NearDegeneracy.ofGated(fit.model(), data,
                NearDegeneracy.referenceVariance(setting.truth()));
        return TaskOutcome.gated(setting.name(), n, replicate, seed, fit, report, near);
    }

    /**
     * The gated losses of {@code fitted} against a gated setting's truth (docs/gated-losses.md), with the expected
     * Hellinger distance over the setting's covariate law: what a gated task's row of {@code fits/} and
     * {@code dgmoe loss} report.
     */
    public GatedLossReport gatedLosses(Setting setting, GatedModel fitted) {
        return gatedLosses.compute(fitted, setting.truth())
                .withHellinger(losses.hellinger(fitted, setting.truth(), setting.covariates()));
    }

    /**
     * Fits {@code data} with a gated setting's family from {@code fit.restarts} starts drawn from {@code initRng}
     * ({@link GatedStarts}, one call per restart in order) and keeps the fit with the highest objective (the joint
     * log-likelihood for Gaussian gating, else ℓ); a fit that is not finite never wins over one that is.
     */
    public static GatedFitResult fitGated(Setting setting, Dataset data, UniformRandomProvider initRng) {
        return fitGatedRestarts(setting, data, initRng).best();
    }

    /** As {@link #fitGated} (the same fits), with the objective every start reached ({@code dgmoe fit}'s summary). */
    public static GatedRestarts fitGatedRestarts(Setting setting, Dataset data, UniformRandomProvider initRng) {
        FitSpec spec = setting.fit();
        return GatedRestarts.fit(new GatedEmFitter(spec.em()), data, spec.restarts(),
                () -> gatedStart(setting, data, initRng));
    }

    /**
     * One gated fit of {@code data} by {@code spec} from a given start (a {@code --start} file of
     * {@code dgmoe fit}), as a constant setting's {@code init = given}: a constant λ held at a number by
     * {@code fit.lambda} replaces the start's ({@link #holdLambda}); any other λ starts where the start has it.
     */
    public static GatedRestarts fitGatedFrom(FitSpec spec, Dataset data, GatedModel start) {
        return GatedRestarts.fit(new GatedEmFitter(spec.em()), data, 1, () -> holdLambda(spec, start));
    }

    /**
     * One start of a gated setting: near-truth ({@link GatedStarts#nearTruth}, with a free constant λ* on the
     * boundary moved {@link #BOUNDARY_LAMBDA_MARGIN} inside) or random ({@link GatedStarts#random}); a fixed constant
     * λ replaces the start's.
     */
    static GatedModel gatedStart(Setting setting, Dataset data, UniformRandomProvider initRng) {
        FitSpec spec = setting.fit();
        GatedModel truth = setting.truth();
        GatedModel start = switch (spec.init()) {
            case NEAR_TRUTH -> GatedStarts.nearTruth(spec.noise(), truth, spec.experts(), data.size(), initRng);
            case RANDOM -> GatedStarts.random(data, truth, spec.experts(), spec.em().varianceFloor(), initRng);
            case GIVEN -> throw new IllegalArgumentException("fit.init: 'given' starts are for constant-weight "
                    + "settings in this version; setting '" + setting.name() + "' is gated");
        };
        start = holdLambda(spec, start);
        if (start.deviation() instanceof ConstantDeviation c && !truth.g0().isNone() && spec.lambdaFree()
                && spec.init() == InitKind.NEAR_TRUTH && (c.lambda() <= 0 || c.lambda() >= 1)) {
            double lambda = c.lambda() <= 0 ? BOUNDARY_LAMBDA_MARGIN : 1 - BOUNDARY_LAMBDA_MARGIN;
            start = new GatedModel(new ConstantDeviation(lambda), start.gating(), start.experts(), start.g0());
        }
        return start;
    }

    /**
     * {@code start} with a constant λ held at the number {@code fit.lambda} gives (the start itself when λ is free,
     * held "at the start's value", 1 without g0, or a sigmoid λ(x)).
     */
    static GatedModel holdLambda(FitSpec spec, GatedModel start) {
        if (spec.lambdaFree() || Double.isNaN(spec.fixedLambda()) || start.g0().isNone()
                || !(start.deviation() instanceof ConstantDeviation c) || c.lambda() == spec.fixedLambda()) {
            return start;
        }
        return new GatedModel(new ConstantDeviation(spec.fixedLambda()), start.gating(), start.experts(), start.g0());
    }

    /** How close {@code fit} of n points comes to a degenerate component, against the truth's smallest variance. */
    public static NearDegeneracy nearDegeneracy(Setting setting, int n, FitResult fit) {
        return NearDegeneracy.of(fit.model(), n, NearDegeneracy.referenceVariance(setting.truth()));
    }

    /**
     * The start-sensitivity check of a task, or null when the setting has none or the task is not among
     * the checked share: the first draw u of the task's {@code REFIT} stream decides (checked iff
     * u &lt; fraction), the same stream then draws {@code restarts} random starts; the best refit (as in
     * {@link #fit}) is compared with {@code fit}.
     */
    public StartComparison startCheck(Setting setting, Dataset data, long seed, FitResult fit, LossReport report) {
        StartCheck check = setting.fit().startCheck();
        if (!check.enabled()) {
            return null;
        }
        UniformRandomProvider rng = Seeds.stream(seed, Seeds.Stream.REFIT);
        if (!(rng.nextDouble() < check.fraction())) {
            return null;
        }
        FitSpec spec = setting.fit();
        FitSpec random = new FitSpec(spec.experts(), spec.lambdaFree(), spec.fixedLambda(), InitKind.RANDOM,
                check.restarts(), spec.em(), spec.noise(), null);
        Setting refit = new Setting(setting.name(), setting.covariates(), setting.truth(), random, setting.theory());
        // Only compared with the kept fit: no optimality certificate (it would cost 2r passes per refit).
        FitResult best = fitUncertified(refit, data, rng);
        LossReport other = losses.compute(best.model(), setting.deviatedTruth(), setting.covariates());
        double delta = best.logLikelihood() - fit.logLikelihood();
        return new StartComparison(best.logLikelihood(), best.status(), delta,
                other.voronoi() - report.voronoi(), other.generalizedWasserstein() - report.generalizedWasserstein(),
                !(Math.abs(delta) <= StartCheck.DIFFERENT_MAXIMUM));
    }

    /**
     * Fits {@code data} with the setting's family from {@code fit.restarts} starts drawn from
     * {@code initRng}, keeps the best and certifies only it ({@link BestFit#certified}).
     */
    public static FitResult fit(Setting setting, Dataset data, UniformRandomProvider initRng) {
        return fitRestarts(setting, data, initRng).best();
    }

    /** As {@link #fit} (the same fits), with the log-likelihood every start reached ({@code dgmoe fit}'s summary). */
    public static BestFit.Restarts fitRestarts(Setting setting, Dataset data, UniformRandomProvider initRng) {
        FitSpec spec = setting.fit();
        return BestFit.certifiedRestarts(new EmFitter(spec.em()), data, spec.restarts(),
                () -> start(setting, data, initRng));
    }

    /** As {@link #fit}, no candidate certified (for fits that are only compared): the best result. */
    static FitResult fitUncertified(Setting setting, Dataset data, UniformRandomProvider initRng) {
        FitSpec spec = setting.fit();
        return BestFit.uncertified(new EmFitter(spec.em()), data, spec.restarts(), () -> start(setting, data, initRng))
                .result();
    }

    /**
     * λ of a data-driven start: 1 without g0; 1/2 (no knowledge of λ*) when λ is free; the fixed
     * value, or λ* when λ is fixed "at the start's value".
     */
    private static double randomStartLambda(Setting setting) {
        FitSpec spec = setting.fit();
        if (setting.truth().g0().isNone()) {
            return 1.0;
        }
        if (spec.lambdaFree()) {
            return 0.5;
        }
        return Double.isNaN(spec.fixedLambda()) ? setting.deviatedTruth().lambda() : spec.fixedLambda();
    }

    /**
     * Where a near-truth start puts a free λ when λ* lies on the boundary. λ = 0 and λ = 1 are fixed
     * points of EM's λ update (at λ = 1 no point is given to g0, at λ = 0 none to the experts), so
     * a start there can never move: at λ* = 1 every fit would report λ̂ = 1 exactly, at λ* = 0
     * (the H0 of a goodness-of-fit test) every fit would be degenerate. The start is moved this far
     * inside [0, 1] instead.
     */
    public static final double BOUNDARY_LAMBDA_MARGIN = 0.05;

    /**
     * One start for the setting, drawn from {@code initRng}, honouring a fixed λ: the starts {@link #fit} fits,
     * one call per restart (public for bench's RestartCost, which fits them one scheme after another).
     */
    public static DeviatedModel start(Setting setting, Dataset data, UniformRandomProvider initRng) {
        FitSpec spec = setting.fit();
        DeviatedModel truth = setting.deviatedTruth();
        DeviatedModel start = switch (spec.init()) {
            case NEAR_TRUTH -> spec.noise().draw(truth, spec.experts(), data.size(), initRng);
            case RANDOM -> RandomStart.draw(data, truth.g0(), spec.experts(),
                    randomStartLambda(setting), spec.em().varianceFloor(), initRng);
            case GIVEN -> spec.givenStart();
        };
        if (!spec.lambdaFree() && !Double.isNaN(spec.fixedLambda()) && !truth.g0().isNone()) {
            start = start.with(spec.fixedLambda(), start.mixing());
        }
        if (spec.init() == InitKind.NEAR_TRUTH && spec.lambdaFree() && !truth.g0().isNone()) {
            if (start.lambda() <= 0) {
                start = start.with(BOUNDARY_LAMBDA_MARGIN, start.mixing());
            } else if (start.lambda() >= 1) {
                start = start.with(1 - BOUNDARY_LAMBDA_MARGIN, start.mixing());
            }
        }
        return start;
    }
}
