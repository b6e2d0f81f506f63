package org.dgmoe.app.fit;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.util.LongAccumulator;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.gated.GatedEmFitter;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.uncertainty.BootstrapFit;
import org.dgmoe.core.uncertainty.BootstrapKind;
import org.dgmoe.core.uncertainty.BootstrapRefit;

/**
 * The bootstrap refits of one fit as a Spark function over refit indices b: {@link BootstrapRefit#run} for each
 * index of the partition, as {@code app.gof.NullRefitTasks} runs a test's null refits. The core values it needs
 * (data, estimate, EM settings) are Serializable and cross to the executors as themselves, the very objects the
 * driver fitted with. A refit depends only on (data, estimate, em, kind, key, b), so which partition or attempt
 * computes it changes nothing.
 *
 * @param data     the fitted data
 * @param estimate the fit's estimate, the start of every refit; null for a gated fit
 * @param gated    a gated fit's estimate (refitted by the gated EM), or null
 * @param em       the fit's EM settings
 * @param kind     parametric or nonparametric
 * @param key      the fit's key, its task seed {@code Seeds.taskSeed(study seed, setting, n, replicate)}
 * @param done     counts the finished refits for the driver's progress line (null: not counted)
 */
record BootstrapRefitTasks(Dataset data, DeviatedModel estimate, GatedModel gated, EmSettings em, BootstrapKind kind, long key,
        LongAccumulator done) implements FlatMapFunction<Iterator<Integer>, BootstrapFit> {

    @Override
    public Iterator<BootstrapFit> call(Iterator<Integer> indices) {
        List<BootstrapFit> out = new ArrayList<>();
        GatedEmFitter fitter = gated == null ? null : new GatedEmFitter(em);
        while (indices.hasNext()) {
            int b = indices.next();
            out.add(gated == null ? BootstrapRefit.run(data, estimate, em, kind, key, b)
                    : BootstrapRefit.run(data, gated, fitter, kind, key, b));
            if (done != null) {
                done.add(1);
            }
        }
        return out.iterator();
    }
}
