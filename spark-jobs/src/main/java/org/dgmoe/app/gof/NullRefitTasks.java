package org.dgmoe.app.gof;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.dgmoe.app.config.DataSetting;
import org.dgmoe.app.config.StudyConfigLoader;
import org.dgmoe.core.gof.LrtRecipe;
import org.dgmoe.core.gof.NullRefit;
import org.dgmoe.core.model.Dataset;

/**
 * The null refits of one test as a Spark function over refit indices b: each partition reloads the setting
 * from the driver's resolved config (the core records are not Serializable) and runs
 * {@link NullRefit#run(Dataset, org.dgmoe.core.model.G0, LrtRecipe, long, int)} for its indices. A refit
 * depends only on (data, setting, key, b), so which partition or attempt computes it changes nothing.
 */
final class NullRefitTasks implements FlatMapFunction<Iterator<Integer>, NullRefitRow> {
    private static final long serialVersionUID = 1L;

    private final String resolvedConfig;
    private final String origin;
    private final String setting;
    private final int dimension;
    private final double[] x;
    private final double[] y;
    private final long key;

    NullRefitTasks(DataSetting family, Dataset data, long key) {
        this.resolvedConfig = family.resolvedConfig();
        this.origin = family.source();
        this.setting = family.name();
        this.dimension = data.dimension();
        this.x = data.columnView().clone();
        this.y = data.yView().clone();
        this.key = key;
    }

    /** The recipe of a setting: its fit.experts and EM settings with λ free. */
    static LrtRecipe recipe(DataSetting family) {
        return LrtRecipe.of(family.fit().experts(), family.fit().em());
    }

    @Override
    public Iterator<NullRefitRow> call(Iterator<Integer> indices) {
        // The resolved config has no --set overrides left to apply: they are part of it.
        DataSetting family = StudyConfigLoader.loadForData("{\"dgmoe\": " + resolvedConfig + "}", origin, setting);
        LrtRecipe recipe = recipe(family);
        Dataset data = new Dataset(dimension, x, y);
        List<NullRefitRow> out = new ArrayList<>();
        while (indices.hasNext()) {
            out.add(NullRefitRow.of(NullRefit.run(data, family.g0(), recipe, key, indices.next())));
        }
        return out.iterator();
    }
}
