package org.dgmoe.app.gof;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.util.LongAccumulator;
import org.dgmoe.app.config.DataSetting;
import org.dgmoe.core.gof.LrtRecipe;
import org.dgmoe.core.gof.NullFit;
import org.dgmoe.core.gof.NullRefit;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.G0;

/**
 * The null refits of one test as a Spark function over refit indices b: {@link NullRefit#run} for each index
 * of the partition. The core values it needs (data, g0, recipe) are Serializable and cross to the executors
 * as themselves, the very objects the driver observed the statistic with, so an executor neither parses
 * the config nor can refit under another setting. A refit depends only on (data, g0, recipe, key, b), so
 * which partition or attempt computes it changes nothing.
 *
 * @param data   the user's data
 * @param g0     the setting's known density
 * @param recipe {@link #recipe(DataSetting)}
 * @param key    the test's key, {@code Seeds.taskSeed(study seed, setting, n, 0)}
 * @param done   counts the finished refits for the driver's progress line (null: not counted)
 */
record NullRefitTasks(Dataset data, G0 g0, LrtRecipe recipe, long key, LongAccumulator done)
        implements FlatMapFunction<Iterator<Integer>, NullFit> {

    /** Refits that are not counted. */
    NullRefitTasks(Dataset data, G0 g0, LrtRecipe recipe, long key) {
        this(data, g0, recipe, key, null);
    }

    /** The recipe of a setting: its fit.experts and EM settings with λ free. */
    static LrtRecipe recipe(DataSetting family) {
        return LrtRecipe.of(family.fit().experts(), family.fit().em());
    }

    @Override
    public Iterator<NullFit> call(Iterator<Integer> indices) {
        List<NullFit> out = new ArrayList<>();
        while (indices.hasNext()) {
            out.add(NullRefit.run(data, g0, recipe, key, indices.next()));
            if (done != null) {
                done.add(1);
            }
        }
        return out.iterator();
    }
}
