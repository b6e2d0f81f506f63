package org.dgmoe.app.sweep;

import java.util.Arrays;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.rate.CurvePoint;
import org.dgmoe.core.rate.RateEstimate;
import org.dgmoe.core.rate.Verdict;
import org.dgmoe.core.summary.StudySummary;

/** A simple stand-in for core's rate estimator: order statistics and an OLS slope ± 0.1. */
final class FakeRates implements StudySummary.Estimator {
    /** The finite values of converged fits. */
    private static double[] selected(double[] values, FitStatus[] statuses) {
        double[] out = new double[values.length];
        int c = 0;
        for (int i = 0; i < values.length; i++) {
            if (statuses[i] == FitStatus.CONVERGED && Double.isFinite(values[i])) {
                out[c++] = values[i];
            }
        }
        return Arrays.copyOf(out, c);
    }

    @Override
    public CurvePoint point(long n, double[] allValues, FitStatus[] statuses) {
        double[] v = selected(allValues, statuses);
        int failed = allValues.length - v.length;
        Arrays.sort(v);
        double mean = Arrays.stream(v).average().orElse(Double.NaN);
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        double sd = v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0;
        double median = v.length == 0 ? Double.NaN : v[v.length / 2];
        double q10 = v.length == 0 ? Double.NaN : v[(int) (0.1 * (v.length - 1))];
        double q90 = v.length == 0 ? Double.NaN : v[(int) Math.ceil(0.9 * (v.length - 1))];
        return new CurvePoint(n, v.length, failed, mean, median, sd, q10, q90);
    }

    @Override
    public RateEstimate estimate(long[] n, double[][] allValues, FitStatus[][] statuses, double theory) {
        int k = n.length;
        double[][] values = new double[k][];
        for (int i = 0; i < k; i++) {
            values[i] = selected(allValues[i], statuses[i]);
        }
        double[] x = new double[k];
        double[] y = new double[k];
        for (int i = 0; i < k; i++) {
            x[i] = Math.log(n[i]);
            y[i] = Math.log(Arrays.stream(values[i]).average().orElse(Double.NaN));
        }
        double mx = Arrays.stream(x).average().orElseThrow();
        double my = Arrays.stream(y).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < k; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        double slope = sxy / sxx;
        Verdict verdict = Double.isNaN(theory) ? Verdict.NO_THEORY
                : Double.isNaN(slope) ? Verdict.UNRELIABLE // as the real estimator: no usable log-log fit
                : Math.abs(slope - theory) <= 0.15 ? Verdict.AGREES
                : slope < theory ? Verdict.FASTER_THAN_THEORY : Verdict.SLOWER_THAN_THEORY;
        return new RateEstimate(slope, my - slope * mx, slope - 0.1, slope + 0.1, theory, verdict);
    }
}
