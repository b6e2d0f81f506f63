package org.dgmoe.core.study;

import java.util.ArrayList;
import java.util.List;
import org.dgmoe.core.em.EmFitter;
import org.dgmoe.core.em.FitResult;
import org.dgmoe.core.loss.LossReport;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.uncertainty.Caveats;
import org.dgmoe.core.uncertainty.IntervalMethod;
import org.dgmoe.core.uncertainty.MatchedIntervals;
import org.dgmoe.core.uncertainty.StandardErrors;

/**
 * The intervals a task of a study with an {@code intervals} block adds to its fit: one producer per
 * {@link IntervalMethod}, each giving the fit's intervals matched to the truth ({@link MatchedIntervals}).
 * Deterministic: a function of the task's data and kept fit (no random stream is drawn).
 */
public final class TaskIntervals {
    private TaskIntervals() {
    }

    /**
     * The intervals of every method of {@code plan}, in its order.
     *
     * @param losses the fit's losses against the setting's truth, whose Voronoi cells are the matching
     * @param near   the fit's near-degeneracy against the truth (the {@code spurious} rule's experts)
     */
    public static List<MatchedIntervals> of(IntervalPlan plan, Setting setting, Dataset data, FitResult fit,
            LossReport losses, NearDegeneracy near) {
        List<MatchedIntervals> out = new ArrayList<>();
        for (IntervalMethod method : plan.methods()) {
            out.add(switch (method) {
                case WALD -> wald(setting, data, fit, losses, near, plan.level());
                // IntervalPlan refuses it until the bootstrap's core lands; its producer goes here.
                case BOOTSTRAP -> throw new IllegalStateException("intervals.methods: bootstrap is not available in "
                        + "studies yet");
            });
        }
        return out;
    }

    /**
     * The Wald intervals of {@code fit} (docs/uncertainty.md) matched to the truth: the observed information by
     * the fitter that made the fit, the reliability notes with the truth's size (so an over-fitted model is
     * marked) and the near-degenerate experts, exactly as {@code dgmoe fit} reports them for a setting with a
     * truth.
     */
    public static MatchedIntervals wald(Setting setting, Dataset data, FitResult fit, LossReport losses,
            NearDegeneracy near, double level) {
        Caveats caveats = new Caveats(near.experts(fit.model(), data.size()), near.why(), setting.truth().size());
        EmFitter fitter = new EmFitter(setting.fit().em());
        StandardErrors se = StandardErrors.of(fitter.observedInformation(data, fit), fit.status(), caveats, level);
        return MatchedIntervals.wald(se, fit.model(), setting.deviatedTruth(), losses);
    }
}
