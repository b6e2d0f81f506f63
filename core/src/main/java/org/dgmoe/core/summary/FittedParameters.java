package org.dgmoe.core.summary;

import java.util.Arrays;
import java.util.List;
import org.dgmoe.core.field.Field;
import org.dgmoe.core.field.Part;
import org.dgmoe.core.field.ValueType;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.MixingMeasure;

/**
 * The fitted parameters of a fit's row, one entry per fitted expert. Arrays are copied in and out;
 * two values are equal when every entry is ({@link Arrays#equals(double[], double[])}).
 *
 * @param lambdaHat  fitted λ
 * @param weights    fitted pᵢ
 * @param slopes     fitted aᵢ
 * @param intercepts fitted bᵢ
 * @param variances  fitted σᵢ (variances)
 */
public record FittedParameters(double lambdaHat, double[] weights, double[][] slopes, double[] intercepts,
        double[] variances) {
    public static final Field<FittedParameters> LAMBDA_HAT = Field.of("lambdaHat", ValueType.DOUBLE, "fitted λ",
            FittedParameters::lambdaHat);
    public static final Field<FittedParameters> WEIGHTS = Field.of("weights", ValueType.DOUBLE_ARRAY,
            "fitted weights pᵢ", FittedParameters::weights);
    public static final Field<FittedParameters> SLOPES = Field.of("slopes", ValueType.DOUBLE_MATRIX,
            "fitted slopes aᵢ, one row per expert", FittedParameters::slopes);
    public static final Field<FittedParameters> INTERCEPTS = Field.of("intercepts", ValueType.DOUBLE_ARRAY,
            "fitted intercepts bᵢ", FittedParameters::intercepts);
    public static final Field<FittedParameters> VARIANCES = Field.of("variances", ValueType.DOUBLE_ARRAY,
            "fitted variances σᵢ", FittedParameters::variances);

    /** The fitted parameters' fields, in table order. */
    public static final Part<FittedParameters> PART = new Part<>(
            List.of(LAMBDA_HAT, WEIGHTS, SLOPES, INTERCEPTS, VARIANCES),
            v -> new FittedParameters(v.number(LAMBDA_HAT), v.doubles(WEIGHTS), v.matrix(SLOPES), v.doubles(INTERCEPTS),
                    v.doubles(VARIANCES)));

    public FittedParameters {
        int k = weights.length;
        if (slopes.length != k || intercepts.length != k || variances.length != k) {
            throw new IllegalArgumentException("weights, slopes, intercepts, variances: one entry per fitted "
                    + "expert, got " + k + ", " + slopes.length + ", " + intercepts.length + ", " + variances.length);
        }
        weights = weights.clone();
        slopes = deepCopy(slopes);
        intercepts = intercepts.clone();
        variances = variances.clone();
    }

    /** The parameters of a fitted model. */
    public static FittedParameters of(DeviatedModel model) {
        MixingMeasure mixing = model.mixing();
        int k = mixing.size();
        double[] weights = new double[k];
        double[][] slopes = new double[k][];
        double[] intercepts = new double[k];
        double[] variances = new double[k];
        for (int i = 0; i < k; i++) {
            weights[i] = mixing.weight(i);
            slopes[i] = mixing.expert(i).slope();
            intercepts[i] = mixing.expert(i).intercept();
            variances[i] = mixing.expert(i).variance();
        }
        return new FittedParameters(model.lambda(), weights, slopes, intercepts, variances);
    }

    /** The number of fitted experts. */
    public int experts() {
        return weights.length;
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    @Override
    public double[][] slopes() {
        return deepCopy(slopes);
    }

    @Override
    public double[] intercepts() {
        return intercepts.clone();
    }

    @Override
    public double[] variances() {
        return variances.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FittedParameters p && Double.compare(lambdaHat, p.lambdaHat) == 0
                && Arrays.equals(weights, p.weights) && Arrays.deepEquals(slopes, p.slopes)
                && Arrays.equals(intercepts, p.intercepts) && Arrays.equals(variances, p.variances);
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(lambdaHat) + Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return "λ̂ " + lambdaHat + ", weights " + Arrays.toString(weights) + ", slopes " + Arrays.deepToString(slopes)
                + ", intercepts " + Arrays.toString(intercepts) + ", variances " + Arrays.toString(variances);
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
