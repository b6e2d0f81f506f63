package org.dgmoe.core.study;

import java.util.ArrayList;
import java.util.List;
import org.dgmoe.core.em.EmFitter;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.FitResult;
import org.dgmoe.core.em.gated.GatedEmFitter;
import org.dgmoe.core.em.gated.GatedFitResult;
import org.dgmoe.core.loss.LossReport;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.uncertainty.Bootstrap;
import org.dgmoe.core.uncertainty.BootstrapFit;
import org.dgmoe.core.uncertainty.BootstrapKind;
import org.dgmoe.core.uncertainty.Caveats;
import org.dgmoe.core.uncertainty.IntervalMethod;
import org.dgmoe.core.uncertainty.MatchedIntervals;
import org.dgmoe.core.uncertainty.StandardErrors;

/**
 * The intervals a task of a study with an {@code intervals} block adds to its fit: one producer per
 * {@link IntervalMethod}, each giving the fit's intervals matched to the truth ({@link MatchedIntervals}).
 * Deterministic: a function of the task's data, kept fit and key. The Wald intervals draw no random stream; the
 * bootstrap methods share one set of B parametric refits keyed by the task's seed ({@link Bootstrap#refits}), the
 * very refits {@code dgmoe fit --bootstrap B --replicate R} runs on the task's data, so both give the same
 * intervals.
 */
public final class TaskIntervals {
    private TaskIntervals() {
    }

    /**
     * The intervals of every method of {@code plan}, in its order.
     *
     * @param key    the task's seed (the bootstrap refits' key, as {@code dgmoe fit}'s {@code initSeed})
     * @param losses the fit's losses against the setting's truth, whose Voronoi cells are the matching
     * @param near   the fit's near-degeneracy against the truth (the {@code spurious} rule's experts)
     */
    public static List<MatchedIntervals> of(IntervalPlan plan, Setting setting, Dataset data, FitResult fit,
            long key, LossReport losses, NearDegeneracy near) {
        // The Wald standard errors always: the bootstrap carries their notes on the estimate (Bootstrap.carried).
        StandardErrors se = standardErrors(setting.fit().em(), data, fit, near, setting.truth().size(), plan.level());
        Bootstrap boot = null;
        if (plan.methods().stream().anyMatch(IntervalMethod::bootstrap)) {
            List<BootstrapFit> refits = Bootstrap.refits(data, fit.model(), setting.fit().em(),
                    BootstrapKind.PARAMETRIC, key, plan.bootstrap());
            boot = Bootstrap.of(se, fit.status(), BootstrapKind.PARAMETRIC, refits);
        }
        List<MatchedIntervals> out = new ArrayList<>();
        for (IntervalMethod method : plan.methods()) {
            out.add(method == IntervalMethod.WALD
                    ? MatchedIntervals.wald(se, fit.model(), setting.deviatedTruth(), losses)
                    : MatchedIntervals.bootstrap(method, boot, fit.model(), setting.deviatedTruth(), losses));
        }
        return out;
    }

    /**
     * The standard errors of {@code fit}, the one computation behind a study task's intervals, {@code dgmoe fit}
     * and {@code dgmoe test}'s alternative: the observed information by the fitter that made the fit ({@code em}:
     * its variance floor, bounds and λ), the near-degenerate experts of {@code near}, and {@code trueExperts} k*
     * for the over-fitted note (0 when there is no truth).
     */
    public static StandardErrors standardErrors(EmSettings em, Dataset data, FitResult fit, NearDegeneracy near,
            int trueExperts, double level) {
        Caveats caveats = new Caveats(near.experts(fit.model(), data.size()), near.why(), trueExperts);
        return StandardErrors.of(new EmFitter(em).observedInformation(data, fit), fit.status(), caveats, level);
    }

    /**
     * The standard errors of a gated fit (docs/uncertainty.md, "Gated fits"), as {@link #standardErrors(EmSettings,
     * Dataset, FitResult, NearDegeneracy, int, double)}: the observed information by the gated fitter of {@code em}
     * at the fit's estimate, the near-degenerate experts of {@code near} ({@link NearDegeneracy#gatedExperts}) and
     * k* for the over-fitted note (0 without a truth).
     */
    public static StandardErrors standardErrors(EmSettings em, Dataset data, GatedFitResult fit, NearDegeneracy near,
            int trueExperts, double level) {
        Caveats caveats = new Caveats(near.gatedExperts(fit.model(), data), near.why(), trueExperts);
        return StandardErrors.of(new GatedEmFitter(em).observedInformation(data, fit), fit.status(), caveats, level);
    }
}
