package org.dgmoe.app.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dgmoe.app.data.DataColumns;
import org.dgmoe.app.page.EstimatesTable;
import org.dgmoe.app.page.Format;
import org.dgmoe.core.em.BestFit;
import org.dgmoe.core.em.FitResult;
import org.dgmoe.core.em.gated.GatedFitResult;
import org.dgmoe.core.em.gated.GatedRestarts;
import org.dgmoe.core.model.ConstantDeviation;
import org.dgmoe.core.model.ConstantGating;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.GaussianGating;
import org.dgmoe.core.model.SigmoidDeviation;
import org.dgmoe.core.model.SoftmaxGating;
import org.dgmoe.core.study.RestartMaxima;
import org.dgmoe.core.uncertainty.Bootstrap;
import org.dgmoe.core.uncertainty.StandardErrors;

/**
 * What {@code dgmoe fit} prints on success, as {@code dgmoe test} and the sweep print theirs: the estimates
 * with each expert's equation in the data's column names, ℓ, and how the starts went (how many reached the
 * kept maximum, the distinct maxima found, {@link RestartMaxima}).
 */
final class FitSummary {
    /** How many maxima below the best are listed by value (the rest are counted). */
    static final int LISTED_MAXIMA = 5;

    private FitSummary() {
    }

    /** How λ was treated: estimated, held at a value, or 1 because there is no g0. */
    enum Lambda {
        FREE, FIXED, NO_G0
    }

    /**
     * The summary's lines.
     *
     * @param setting  the setting's name
     * @param n        the number of data rows
     * @param columns  the data's covariate and response columns (the equations' names)
     * @param lambda   how λ was treated
     * @param restarts the kept fit and every start's ℓ
     * @param se       the kept fit's standard errors and intervals
     * @param boot     its bootstrap intervals, or null without {@code --bootstrap}
     */
    static String text(String setting, int n, DataColumns columns, Lambda lambda, BestFit.Restarts restarts,
            StandardErrors se, Bootstrap boot) {
        FitResult fit = restarts.best();
        DeviatedModel m = fit.model();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "fit of setting %s, n = %d: status %s after %d iteration%s%n", setting, n,
                fit.status(), fit.iterations(), fit.iterations() == 1 ? "" : "s"));
        sb.append("  λ = ").append(Format.value(m.lambda())).append(switch (lambda) {
            case FREE -> " (estimated)";
            case FIXED -> " (fixed by fit.lambda)";
            case NO_G0 -> " (g0 is none: every point is the experts')";
        }).append('\n');
        for (int i = 0; i < m.size(); i++) {
            Expert e = m.mixing().expert(i);
            sb.append(String.format(Locale.ROOT, "  expert %d: weight %s, %s, variance %s%n", i + 1,
                    Format.value(m.mixing().weight(i)), equation(e, columns), Format.value(e.variance())));
        }
        sb.append(String.format(Locale.ROOT, "  log-likelihood ℓ = %s (the sum over the %d rows)%n",
                logLikelihood(fit.logLikelihood()), n));
        sb.append("  ").append(starts(RestartMaxima.of(restarts.logLikelihoods()))).append('\n');
        sb.append(EstimatesTable.text(se, boot, columns.x()));
        return sb.toString();
    }

    /**
     * The summary's lines for a fit gated by x: as {@link #text}, with λ(x) when it is a sigmoid, each expert's
     * equation and variance (and its weight under constant gating), then each expert's gate in the data's column
     * names: a softmax gate's score η_i(x) = β_i0 + β_iᵀx with expert 1's at zero (the gauge the fit file
     * reports), a Gaussian gate's weight, mean and covariance of x. Under Gaussian gating the starts are compared
     * by the joint log-likelihood of (x, y), which the fit maximised, and the summary says so. Then the table of
     * standard errors and intervals ({@link EstimatesTable}), the gates' rows included.
     *
     * @param restarts the kept fit and every start's objective
     * @param se       the fit's standard errors
     * @param boot     its bootstrap intervals, or null
     */
    static String gatedText(String setting, int n, DataColumns columns, Lambda lambda, GatedRestarts restarts,
            StandardErrors se, Bootstrap boot) {
        GatedFitResult fit = restarts.best();
        GatedModel m = fit.model();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "fit of setting %s, n = %d: status %s after %d iteration%s%n", setting, n,
                fit.status(), fit.iterations(), fit.iterations() == 1 ? "" : "s"));
        String how = switch (lambda) {
            case FREE -> " (estimated)";
            case FIXED -> " (fixed by fit.lambda)";
            case NO_G0 -> " (g0 is none: every point is the experts')";
        };
        if (m.deviation() instanceof SigmoidDeviation d) {
            sb.append("  λ(x) = 1/(1 + exp(−(").append(linear(d.intercept(), d.slope(), columns)).append("))")
                    .append(how).append('\n');
        } else {
            sb.append("  λ = ").append(Format.value(((ConstantDeviation) m.deviation()).lambda())).append(how)
                    .append('\n');
        }
        for (int i = 0; i < m.size(); i++) {
            Expert e = m.expert(i);
            String weight = m.gating() instanceof ConstantGating c ? "weight " + Format.value(c.weight(i)) + ", " : "";
            sb.append(String.format(Locale.ROOT, "  expert %d: %s%s, variance %s%n", i + 1, weight,
                    equation(e, columns), Format.value(e.variance())));
        }
        if (m.gating() instanceof SoftmaxGating g) {
            SoftmaxGating s = g.normalised();
            for (int i = 0; i < m.size(); i++) {
                sb.append(String.format(Locale.ROOT, "  gate %d: η = %s (expert 1's gate at 0)%n", i + 1,
                        linear(s.intercept(i), s.slope()[i], columns)));
            }
        } else if (m.gating() instanceof GaussianGating g) {
            for (int i = 0; i < m.size(); i++) {
                sb.append(String.format(Locale.ROOT, "  gate %d: weight %s, mean of (%s) %s, covariance %s%n", i + 1,
                        Format.value(g.weight(i)), String.join(", ", columns.x()), values(g.mean(i)),
                        matrix(g.covariance(i))));
            }
        }
        sb.append(String.format(Locale.ROOT, "  log-likelihood ℓ = %s (the sum over the %d rows)%n",
                logLikelihood(fit.logLikelihood()), n));
        if (m.gating() instanceof GaussianGating) {
            sb.append(String.format(Locale.ROOT, "  joint log-likelihood of (x, y) = %s (what Gaussian gating "
                    + "maximises; the starts below are compared by it)%n", logLikelihood(fit.objective())));
        }
        sb.append("  ").append(starts(RestartMaxima.of(restarts.objectives()))).append('\n');
        sb.append(EstimatesTable.text(se, boot, columns.x()));
        return sb.toString();
    }

    /** "y = 1.23 + 0.45·temp - 2·dose": the expert's mean in the data's column names. */
    static String equation(Expert e, DataColumns columns) {
        double[] slope = new double[e.dimension()];
        for (int j = 0; j < slope.length; j++) {
            slope[j] = e.slope(j);
        }
        return columns.y() + " = " + linear(e.intercept(), slope, columns);
    }

    /** "1.23 + 0.45·temp - 2·dose": an intercept and slopes in the data's covariate names. */
    static String linear(double intercept, double[] slope, DataColumns columns) {
        StringBuilder sb = new StringBuilder(Format.value(intercept));
        for (int j = 0; j < slope.length; j++) {
            double a = slope[j];
            sb.append(a < 0 || a == 0 && 1 / a < 0 ? " - " : " + ").append(Format.value(Math.abs(a))).append('·')
                    .append(columns.x().get(j));
        }
        return sb.toString();
    }

    /** "[0.5, -1]". */
    private static String values(double[] v) {
        List<String> out = new ArrayList<>();
        for (double x : v) {
            out.add(Format.value(x));
        }
        return "[" + String.join(", ", out) + "]";
    }

    /** "[[1, 0.2], [0.2, 1]]": a matrix by rows. */
    private static String matrix(double[][] rows) {
        List<String> out = new ArrayList<>();
        for (double[] row : rows) {
            out.add(values(row));
        }
        return "[" + String.join(", ", out) + "]";
    }

    /** How the starts went: how many reached the kept maximum, and the others found. */
    static String starts(RestartMaxima maxima) {
        int total = maxima.total();
        String failed = maxima.failed() == 0 ? ""
                : "; " + maxima.failed() + " ended with a non-finite ℓ";
        if (total == 1) {
            return "1 start (fit.restarts = 1, or a given start): no other maximum was looked for" + failed;
        }
        if (maxima.count() == 0) {
            return "no start of " + total + " reached a finite ℓ";
        }
        String tolerance = "starts within " + Format.value(RestartMaxima.TOLERANCE) + " in ℓ count as one";
        if (maxima.count() == 1) {
            return maxima.reachedBest() + " of " + total + " starts reached this maximum; no other was found ("
                    + tolerance + ")" + failed;
        }
        double[] values = maxima.values();
        int[] starts = maxima.starts();
        List<String> listed = new ArrayList<>();
        for (int k = 0; k < Math.min(values.length, LISTED_MAXIMA + 1); k++) {
            listed.add(logLikelihood(values[k]) + " (" + starts[k] + ")");
        }
        String more = values.length > LISTED_MAXIMA + 1 ? " and " + (values.length - LISTED_MAXIMA - 1) + " more" : "";
        return maxima.reachedBest() + " of " + total + " starts reached this maximum; " + maxima.count()
                + " distinct maxima (" + tolerance + "), ℓ (starts): " + String.join(", ", listed) + more + failed;
    }

    /** ℓ to three decimals: the grouping tolerance's resolution. */
    static String logLikelihood(double l) {
        return Double.isFinite(l) ? String.format(Locale.ROOT, "%.3f", l) : Double.toString(l);
    }
}
