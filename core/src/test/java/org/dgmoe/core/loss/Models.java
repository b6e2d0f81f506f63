package org.dgmoe.core.loss;

import java.util.ArrayList;
import java.util.List;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.G0;
import org.dgmoe.core.model.MixingMeasure;

/** Test helpers: d = 1 models written as rows {weight, slope, intercept, variance}. */
final class Models {
    private Models() {
    }

    static MixingMeasure mixing(double[]... atoms) {
        double[] w = new double[atoms.length];
        List<Expert> experts = new ArrayList<>();
        for (int i = 0; i < atoms.length; i++) {
            w[i] = atoms[i][0];
            experts.add(new Expert(new double[] {atoms[i][1]}, atoms[i][2], atoms[i][3]));
        }
        return new MixingMeasure(w, experts);
    }

    static DeviatedModel model(double lambda, G0 g0, double[]... atoms) {
        return new DeviatedModel(lambda, mixing(atoms), g0);
    }

    /** The same atoms in the order {@code perm}. */
    static double[][] permute(double[][] atoms, int[] perm) {
        double[][] out = new double[atoms.length][];
        for (int i = 0; i < atoms.length; i++) {
            out[i] = atoms[perm[i]];
        }
        return out;
    }
}
