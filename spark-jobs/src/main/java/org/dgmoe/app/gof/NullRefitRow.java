package org.dgmoe.app.gof;

import java.io.Serializable;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.gof.NullFit;

/** A {@link NullFit} as it crosses from a Spark task to the driver (core records are not Serializable). */
record NullRefitRow(int index, double statistic, boolean failed, double lambda, String status,
        double kolmogorovSmirnov, double cramerVonMises, double andersonDarling) implements Serializable {

    static NullRefitRow of(NullFit f) {
        return new NullRefitRow(f.index(), f.statistic(), f.failed(), f.lambda(), f.status().name(),
                f.kolmogorovSmirnov(), f.cramerVonMises(), f.andersonDarling());
    }

    NullFit toNullFit() {
        return new NullFit(index, statistic, failed, lambda, FitStatus.valueOf(status), kolmogorovSmirnov,
                cramerVonMises, andersonDarling);
    }
}
