package org.dgmoe.core.summary;

import java.util.Arrays;
import java.util.List;
import org.dgmoe.core.field.Field;
import org.dgmoe.core.field.Part;
import org.dgmoe.core.field.ValueType;
import org.dgmoe.core.model.ConstantDeviation;
import org.dgmoe.core.model.ConstantGating;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.GaussianGating;
import org.dgmoe.core.model.MixingMeasure;
import org.dgmoe.core.model.SigmoidDeviation;
import org.dgmoe.core.model.SoftmaxGating;

/**
 * The fitted parameters of a fit's row, one entry per fitted expert. Arrays are copied in and out;
 * two values are equal when every entry is ({@link Arrays#equals(double[], double[])}).
 *
 * <p>A gated fit (docs/gating.md) adds its gate and deviation: the gate columns of the other families are empty,
 * and a deviated-model fit has every gate column empty and {@code lambdaIntercept} NaN (tables written before the
 * gate columns existed read so).
 *
 * @param lambdaHat       fitted λ (NaN for a sigmoid λ(x))
 * @param weights         fitted pᵢ, or a Gaussian gate's wᵢ (NaN for a softmax gate, which has no weights)
 * @param slopes          fitted aᵢ
 * @param intercepts      fitted bᵢ
 * @param variances       fitted σᵢ (variances)
 * @param gateSlopes      a softmax gate's βᵢ, expert 1's at zero ({@code SoftmaxGating.normalised()}); else empty
 * @param gateIntercepts  its βᵢ0; else empty
 * @param gateMeans       a Gaussian gate's cᵢ; else empty
 * @param gateCovariances its Γᵢ, one row of d² entries (row by row) per expert; else empty
 * @param lambdaSlope     a sigmoid λ(x)'s γ; else empty
 * @param lambdaIntercept its γ0; else NaN
 */
public record FittedParameters(double lambdaHat, double[] weights, double[][] slopes, double[] intercepts,
        double[] variances, double[][] gateSlopes, double[] gateIntercepts, double[][] gateMeans,
        double[][] gateCovariances, double[] lambdaSlope, double lambdaIntercept) {
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

    private static final double[] NONE = new double[0];
    private static final double[][] NO_ROWS = new double[0][];
    public static final Field<FittedParameters> GATE_SLOPES = Field.of("gateSlopes", ValueType.DOUBLE_MATRIX,
            "a softmax gate's fitted βᵢ, one row per expert, expert 1's at zero (empty for other gates)",
            FittedParameters::gateSlopes).absentReadsAs(NO_ROWS);
    public static final Field<FittedParameters> GATE_INTERCEPTS = Field.of("gateIntercepts", ValueType.DOUBLE_ARRAY,
            "a softmax gate's fitted βᵢ0 (empty for other gates)", FittedParameters::gateIntercepts)
            .absentReadsAs(NONE);
    public static final Field<FittedParameters> GATE_MEANS = Field.of("gateMeans", ValueType.DOUBLE_MATRIX,
            "a Gaussian gate's fitted cᵢ, one row per expert (empty for other gates)", FittedParameters::gateMeans)
            .absentReadsAs(NO_ROWS);
    public static final Field<FittedParameters> GATE_COVARIANCES = Field.of("gateCovariances", ValueType.DOUBLE_MATRIX,
            "a Gaussian gate's fitted Γᵢ, one row of d² entries per expert (empty for other gates)",
            FittedParameters::gateCovariances).absentReadsAs(NO_ROWS);
    public static final Field<FittedParameters> LAMBDA_SLOPE = Field.of("lambdaSlope", ValueType.DOUBLE_ARRAY,
            "a sigmoid λ(x)'s fitted γ (empty for a constant λ)", FittedParameters::lambdaSlope).absentReadsAs(NONE);
    public static final Field<FittedParameters> LAMBDA_INTERCEPT = Field.of("lambdaIntercept", ValueType.DOUBLE,
            "a sigmoid λ(x)'s fitted γ0 (NaN for a constant λ)", FittedParameters::lambdaIntercept)
            .absentReadsAs(Double.NaN);

    /** The fitted parameters' fields, in table order. */
    public static final Part<FittedParameters> PART = new Part<>(
            List.of(LAMBDA_HAT, WEIGHTS, SLOPES, INTERCEPTS, VARIANCES, GATE_SLOPES, GATE_INTERCEPTS, GATE_MEANS,
                    GATE_COVARIANCES, LAMBDA_SLOPE, LAMBDA_INTERCEPT),
            v -> new FittedParameters(v.number(LAMBDA_HAT), v.doubles(WEIGHTS), v.matrix(SLOPES), v.doubles(INTERCEPTS),
                    v.doubles(VARIANCES), v.matrix(GATE_SLOPES), v.doubles(GATE_INTERCEPTS), v.matrix(GATE_MEANS),
                    v.matrix(GATE_COVARIANCES), v.doubles(LAMBDA_SLOPE), v.number(LAMBDA_INTERCEPT)));

    /** The parameters of a deviated model's fit: no gate columns. */
    public FittedParameters(double lambdaHat, double[] weights, double[][] slopes, double[] intercepts,
            double[] variances) {
        this(lambdaHat, weights, slopes, intercepts, variances, NO_ROWS, NONE, NO_ROWS, NO_ROWS, NONE, Double.NaN);
    }

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
        for (Object[] gate : new Object[][] {gateSlopes, gateMeans, gateCovariances}) {
            if (gate.length != 0 && gate.length != k) {
                throw new IllegalArgumentException("gate columns: empty or one row per fitted expert (" + k + "), got "
                        + gate.length);
            }
        }
        if (gateIntercepts.length != 0 && gateIntercepts.length != k) {
            throw new IllegalArgumentException("gateIntercepts: empty or one entry per fitted expert (" + k + "), got "
                    + gateIntercepts.length);
        }
        gateSlopes = deepCopy(gateSlopes);
        gateIntercepts = gateIntercepts.clone();
        gateMeans = deepCopy(gateMeans);
        gateCovariances = deepCopy(gateCovariances);
        lambdaSlope = lambdaSlope.clone();
    }

    /** The parameters of a fitted gated model (a constant one has the deviated model's, with no gate columns). */
    public static FittedParameters of(GatedModel model) {
        if (model.isConstant()) {
            return of(model.asDeviated());
        }
        int k = model.size();
        double[][] slopes = new double[k][];
        double[] intercepts = new double[k];
        double[] variances = new double[k];
        for (int i = 0; i < k; i++) {
            slopes[i] = model.expert(i).slope();
            intercepts[i] = model.expert(i).intercept();
            variances[i] = model.expert(i).variance();
        }
        double lambda = Double.NaN;
        double[] lambdaSlope = NONE;
        double lambdaIntercept = Double.NaN;
        if (model.deviation() instanceof ConstantDeviation c) {
            lambda = c.lambda();
        } else {
            SigmoidDeviation s = (SigmoidDeviation) model.deviation();
            lambdaSlope = s.slope();
            lambdaIntercept = s.intercept();
        }
        double[] weights = new double[k];
        Arrays.fill(weights, Double.NaN);
        double[][] gateSlopes = NO_ROWS;
        double[] gateIntercepts = NONE;
        double[][] gateMeans = NO_ROWS;
        double[][] gateCovariances = NO_ROWS;
        if (model.gating() instanceof ConstantGating c) {
            weights = c.weights();
        } else if (model.gating() instanceof SoftmaxGating g) {
            SoftmaxGating n = g.normalised();
            gateSlopes = n.slope();
            gateIntercepts = n.intercept();
        } else {
            GaussianGating g = (GaussianGating) model.gating();
            weights = g.weights();
            gateMeans = new double[k][];
            gateCovariances = new double[k][];
            for (int i = 0; i < k; i++) {
                gateMeans[i] = g.mean(i);
                double[][] cov = g.covariance(i);
                int d = cov.length;
                gateCovariances[i] = new double[d * d];
                for (int j = 0; j < d; j++) {
                    System.arraycopy(cov[j], 0, gateCovariances[i], j * d, d);
                }
            }
        }
        return new FittedParameters(lambda, weights, slopes, intercepts, variances, gateSlopes, gateIntercepts,
                gateMeans, gateCovariances, lambdaSlope, lambdaIntercept);
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
    public double[][] gateSlopes() {
        return deepCopy(gateSlopes);
    }

    @Override
    public double[] gateIntercepts() {
        return gateIntercepts.clone();
    }

    @Override
    public double[][] gateMeans() {
        return deepCopy(gateMeans);
    }

    @Override
    public double[][] gateCovariances() {
        return deepCopy(gateCovariances);
    }

    @Override
    public double[] lambdaSlope() {
        return lambdaSlope.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FittedParameters p && Double.compare(lambdaHat, p.lambdaHat) == 0
                && Arrays.equals(weights, p.weights) && Arrays.deepEquals(slopes, p.slopes)
                && Arrays.equals(intercepts, p.intercepts) && Arrays.equals(variances, p.variances)
                && Arrays.deepEquals(gateSlopes, p.gateSlopes) && Arrays.equals(gateIntercepts, p.gateIntercepts)
                && Arrays.deepEquals(gateMeans, p.gateMeans) && Arrays.deepEquals(gateCovariances, p.gateCovariances)
                && Arrays.equals(lambdaSlope, p.lambdaSlope) && Double.compare(lambdaIntercept, p.lambdaIntercept) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(lambdaHat) + Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return "λ̂ " + lambdaHat + ", weights " + Arrays.toString(weights) + ", slopes " + Arrays.deepToString(slopes)
                + ", intercepts " + Arrays.toString(intercepts) + ", variances " + Arrays.toString(variances)
                + (gateSlopes.length + gateMeans.length + lambdaSlope.length == 0 ? "" : ", gate slopes "
                + Arrays.deepToString(gateSlopes) + ", gate intercepts " + Arrays.toString(gateIntercepts) + ", gate means "
                + Arrays.deepToString(gateMeans) + ", gate covariances " + Arrays.deepToString(gateCovariances)
                + ", λ slope " + Arrays.toString(lambdaSlope) + ", λ intercept " + lambdaIntercept);
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
