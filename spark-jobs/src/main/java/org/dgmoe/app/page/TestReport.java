package org.dgmoe.app.page;

import static org.dgmoe.app.page.Page.esc;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.dgmoe.app.provenance.Provenance;
import org.dgmoe.core.gof.GoodnessOfFit;
import org.dgmoe.core.gof.LambdaLowerBound;
import org.dgmoe.core.gof.LrtResult;
import org.dgmoe.core.gof.NullSample;
import org.dgmoe.core.gof.PValue;
import org.dgmoe.core.gof.TestKind;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.G0;
import org.dgmoe.core.model.GaussianLinearG0;
import org.dgmoe.core.model.GaussianNonlinearG0;
import org.dgmoe.core.model.LocationScaleG0;
import org.dgmoe.core.model.MixingMeasure;
import org.dgmoe.core.model.StudentTG0;
import org.dgmoe.core.uncertainty.StandardErrors;

/**
 * The page of {@code dgmoe test --report DIR}: the verdict at the chosen α first ({@link #verdict}), a summary
 * table, the fitted experts' equations in the data's column names, the null distribution of T with the
 * observed T marked, the PIT histogram with its U(0, 1) level, the data with g0's centre and central 95%
 * band and the fitted experts' means, and the provenance. When H0 is not rejected the fitted deviation is
 * drawn as what it is, the best alternative found (dashed, no point coloured as deviating); when it is
 * rejected each point is coloured by its posterior probability of coming from the deviation. It has the
 * report's frame ({@link Page}); its figures are small inline SVG ({@link Svg}) with the columns' names
 * on their axes.
 */
public final class TestReport {
    /** The points of the lines and the band of the data figure (smooth, and small beside n points). */
    private static final int GRID = 200;
    private static final String[] PALETTE = {"#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#0072B2"};

    private TestReport() {
    }

    /**
     * The page.
     *
     * @param x     the covariates' column names, in slope order
     * @param y     the response's column name
     * @param alpha the level of the verdict
     * @param se    the alternative's standard errors (λ̂'s Wald interval beside the model-free bound)
     */
    public static String page(String setting, Dataset data, List<String> x, String y, G0 g0,
            GoodnessOfFit.Result result, StandardErrors se, NullSample nulls, double alpha, Provenance provenance) {
        LrtResult lrt = result.observed().lrt();
        boolean rejected = result.combined().rejects(alpha);
        StringBuilder h = Page.open("dgmoe test: " + setting);
        h.append("<p class=\"headline\"><b>").append(esc(verdict(result.combined(), alpha))).append("</b></p>\n");
        h.append("<p>Goodness of fit: is g0 enough? Setting <code>").append(esc(setting))
                .append("</code> of <code>").append(esc(provenance.source())).append("</code>, n = ").append(data.size())
                .append(", g0 <code>").append(esc(g0.type())).append("</code>, H1 with k = ")
                .append(lrt.fit().model().size()).append(" expert").append(lrt.fit().model().size() == 1 ? "" : "s")
                .append(" and λ free. B = ").append(result.lrt().bootstrap()).append(" null refits, ")
                .append(result.failedNullFits()).append(" failed (kept with T* = 0).</p>\n");
        h.append("<h2>Tests</h2>\n<table>\n<tr><th>test</th><th>statistic</th><th>p-value</th><th>calibration</th></tr>\n");
        PValue combined = result.combined();
        row(h, "combined: Cauchy combination of the nine below", result.combination().cauchy(), combined.value(),
                String.format(Locale.ROOT, "exact, same null: %d of %d null sets' C ≥ it (docs/gof.md); "
                        + "analytic p = %s", combined.exceedances(), combined.bootstrap(),
                        Format.number(result.combination().cauchyAnalytic())));
        PValue minp = result.combination().minPValue();
        row(h, "min-p: smallest p-value of the nine", result.combination().minP(), minp.value(),
                String.format(Locale.ROOT, "exact, same null: %d of %d null sets' smallest p ≤ it", minp.exceedances(),
                        minp.bootstrap()));
        row(h, "likelihood ratio T", lrt.statistic(), result.lrt().value(), String.format(Locale.ROOT,
                "Monte Carlo: %d of %d T* ≥ T; 95%% interval of p [%s, %s]", result.lrt().exceedances(),
                result.lrt().bootstrap(), Format.number(result.lrt().lower()), Format.number(result.lrt().upper())));
        row(h, "Kolmogorov–Smirnov D", result.ks().statistic(), result.ks().pValue(), "exact");
        row(h, "Cramér–von Mises W²", result.cvm().statistic(), result.cvm().pValue(), "Monte Carlo, same null");
        row(h, "Anderson–Darling A²", result.ad().statistic(), result.ad().pValue(), "Monte Carlo, same null");
        row(h, "higher criticism HC⁺", result.adaptive(TestKind.HC).statistic(), result.higherCriticism().value(),
                "Monte Carlo, same null");
        row(h, "Berk–Jones", result.adaptive(TestKind.BJ).statistic(), result.berkJones().value(), "Monte Carlo, same null");
        row(h, "Neyman smooth N_S, S = " + result.observed().adaptive().smoothDimension(),
                result.adaptive(TestKind.SMOOTH).statistic(), result.smooth().value(), "Monte Carlo, same null");
        row(h, "sup-score Z", result.adaptive(TestKind.SUPSCORE).statistic(), result.supScore().value(),
                "Monte Carlo, same null");
        row(h, "grid likelihood ratio", result.adaptive(TestKind.GRIDLR).statistic(),
                result.gridLikelihoodRatio().value(), "Monte Carlo, same null");
        h.append("</table>\n<p>ℓ₀ = Σ log g0 = ").append(Format.number(lrt.nullLogLikelihood())).append(", sup ℓ_H1 = ")
                .append(Format.number(lrt.alternativeLogLikelihood())).append(", fitted λ = ")
                .append(Format.number(lrt.lambda())).append(lrt.lambdaZeroWon() ? " (λ = 0 won: no fit beat g0)" : "")
                .append(".</p>\n<p>");
        if (!lrt.lambdaZeroWon()) {
            // λ̂'s Wald interval (the alternative's model) beside the model-free bound (the PIT alone)
            h.append(esc(EstimatesTable.lambdaSentence(se))).append(" (the alternative's model, docs/uncertainty.md); ");
        }
        h.append(esc(lowerBoundSentence(result.observed().lambdaLowerBound())))
                .append(": a bound from the PIT alone, whatever the alternative's model.</p>\n");
        experts(h, lrt, g0, x, y, rejected);
        h.append("<h2>Figures</h2>\n");

        double[] t = nulls.statistics();
        // The axis shows the null's range; an observed T far beyond it is drawn at the right edge with an
        // arrow, so the null's shape is not squashed into one bar.
        double nullMax = Arrays.stream(t).max().orElse(0);
        boolean offScale = lrt.statistic() > 1.5 * nullMax && nullMax > 0;
        double hi = (offScale ? nullMax : Math.max(lrt.statistic(), nullMax)) * 1.05;
        Page.figure(h, Svg.histogram("Null distribution of T (B = " + t.length + ")", "T*", t, 30, 0, hi > 0 ? hi : 1,
                lrt.statistic(), "observed T = " + Format.number(lrt.statistic()) + (offScale ? " →" : ""), Double.NaN),
                esc("T* of the B null data sets (y* drawn from g0 at the observed x, refitted by the same recipe); the "
                        + "red line is the observed T. p = (1 + #{T* ≥ T})/(B + 1)."));
        double[] u = result.observed().pit();
        int bins = Math.max(5, Math.min(40, (int) Math.round(Math.sqrt(u.length))));
        Page.figure(h, Svg.histogram("PIT u = G0(" + y + " | " + String.join(", ", x) + ")", "u", u, bins, 0, 1,
                Double.NaN, "", (double) u.length / bins),
                esc("Under H0 the u are iid U(0, 1): the bars should scatter around the dashed level n/bins."));
        boolean coloured = rejected && !lrt.lambdaZeroWon();
        Page.figure(h, deviation(data, x, y, g0, lrt, rejected),
                esc((coloured ? "Each point coloured by its posterior probability of coming from the deviation (grey 0, "
                        + "orange 1) under the fitted model"
                        : rejected ? "No fit beat g0 (λ = 0 won): no point is attributed to a deviation"
                        : "H0 is not rejected, so no point is coloured as deviating: the dashed lines are the best "
                        + "alternative the recipe found, not a finding")
                        + "; the black line is g0's centre, the grey band its central 95% (2.5% to 97.5% quantiles)"
                        + (data.dimension() == 1 ? "." : " (d > 1: against g0's centre, experts not drawn).")));
        h.append("<h2>Provenance</h2>\n<table>\n");
        Page.provenance(h, provenance);
        h.append("</table>\n");
        return Page.close(h);
    }

    /**
     * The verdict of the combined test ({@link GoodnessOfFit.Result#combined}: the Cauchy combination of the nine
     * p-values, calibrated exactly on the same null sample) at level α (p ≤ α rejects, {@link PValue#rejects}), the first
     * line of the page and of {@code dgmoe test}'s stdout: "H0 rejected at α = 0.05: …" or "H0 not rejected
     * at α = 0.05: …", and when not rejected that the fitted deviation is no finding.
     */
    public static String verdict(PValue p, double alpha) {
        String level = "α = " + Format.value(alpha);
        return p.rejects(alpha)
                ? "H0 rejected at " + level + ": the combined test's p = " + Format.number(p.value())
                        + " ≤ α, so g0 alone does not describe the data; the fitted deviation is the evidence."
                : "H0 not rejected at " + level + ": the combined test's p = " + Format.number(p.value())
                        + " > α, so the data give no evidence against g0; the fitted deviation is the best "
                        + "alternative found, not a finding.";
    }

    /**
     * The fitted experts as equations in the data's column names, one line each ("expert 1: uptake = 19.5 +
     * 0.0177·conc, variance 4.1, weight λ·π = 0.482"); empty when λ = 0 won (no expert took part).
     */
    public static List<String> expertLines(LrtResult lrt, List<String> x, String y) {
        List<String> out = new ArrayList<>();
        if (lrt.lambdaZeroWon()) {
            return out;
        }
        MixingMeasure m = lrt.fit().model().mixing();
        for (int i = 0; i < m.size(); i++) {
            Expert e = m.expert(i);
            out.add("expert " + (i + 1) + ": " + Format.equation(e.intercept(), e.slope(), x, y) + ", variance "
                    + Format.number(e.variance()) + ", weight λ·π = " + Format.number(lrt.lambda() * m.weight(i)));
        }
        return out;
    }

    /** The experts' section: g0, then the fitted experts, titled by what they are at the verdict. */
    private static void experts(StringBuilder h, LrtResult lrt, G0 g0, List<String> x, String y, boolean rejected) {
        h.append("<h2>").append(lrt.lambdaZeroWon() ? "No deviation fitted (λ = 0 won)"
                : rejected ? "The fitted deviation" : "The best alternative found (not a finding: H0 not rejected)")
                .append("</h2>\n<ul>\n<li>g0: ").append(esc(g0Text(g0, x, y))).append("</li>\n");
        for (String line : expertLines(lrt, x, y)) {
            h.append("<li>").append(esc(line)).append("</li>\n");
        }
        h.append("</ul>\n");
    }

    /** g0 in the data's column names: its centre's equation (linear families) and its spread. */
    static String g0Text(G0 g0, List<String> x, String y) {
        if (g0 instanceof GaussianLinearG0 g) {
            return Format.equation(g.expert().intercept(), g.expert().slope(), x, y) + ", variance "
                    + Format.number(g.expert().variance());
        }
        if (g0 instanceof StudentTG0 g) {
            return "Student-t located at " + Format.equation(g.intercept(), g.slope(), x, y) + ", scale "
                    + Format.number(g.scale()) + ", " + Format.number(g.dof()) + " degrees of freedom";
        }
        if (g0 instanceof LocationScaleG0 g) {
            // the expressions name x1 … xd; the page says which data column each is
            StringBuilder names = new StringBuilder();
            for (int j = 0; j < x.size(); j++) {
                names.append(j == 0 ? "" : ", ").append("x").append(j + 1).append(" = ").append(x.get(j));
            }
            return g.shape().configName() + " located at " + g.location().text() + ", scale " + g.scale().text()
                    + (g.shape() == LocationScaleG0.Shape.STUDENT_T ? ", " + Format.number(g.dof())
                    + " degrees of freedom" : "") + " (" + names + ")";
        }
        return g0.type() + " (centre nonlinear in " + String.join(", ", x) + ")";
    }

    private static void row(StringBuilder h, String name, double statistic, double p, String how) {
        h.append("<tr><td>").append(esc(name)).append("</td><td class=\"num\">").append(Format.number(statistic))
                .append("</td><td class=\"num\">").append(Format.number(p)).append("</td><td>").append(esc(how))
                .append("</td></tr>\n");
    }

    /**
     * The data figure: the points (coloured by their posterior probability of the deviation only when H0 is
     * rejected), g0's centre and central 95% band, and the experts' means (dashed when H0 is not rejected).
     * Against x for d = 1, against g0's centre for d > 1.
     */
    private static String deviation(Dataset data, List<String> x, String y, G0 g0, LrtResult lrt, boolean rejected) {
        DeviatedModel fit = lrt.fit().model();
        boolean zeroWon = lrt.lambdaZeroWon();
        int n = data.size();
        int d = data.dimension();
        double[] xi = new double[d];
        double[] horizontal = new double[n];
        double[] w = rejected && !zeroWon ? new double[n] : null;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            data.copyX(i, xi);
            horizontal[i] = d == 1 ? xi[0] : centre(g0, xi);
            lo = Math.min(lo, horizontal[i]);
            hi = Math.max(hi, horizontal[i]);
            if (w != null) {
                double logP = fit.logDensity(xi, data.y(i));
                double logG0 = Math.log1p(-fit.lambda()) + g0.logDensity(xi, data.y(i));
                w[i] = Math.max(0, Math.min(1, 1 - Math.exp(logG0 - logP)));
            }
        }
        data.copyX(0, xi);
        double[] offsets = bandOffsets(g0, xi);
        boolean experts = d == 1 && !zeroWon;
        double[] gx = new double[GRID];
        double[] centre = new double[GRID];
        double[] bandLo = new double[GRID];
        double[] bandHi = new double[GRID];
        double[][] means = new double[experts ? fit.size() : 0][GRID];
        double[] one = new double[1];
        for (int r = 0; r < GRID; r++) {
            gx[r] = lo + (hi - lo) * r / (GRID - 1);
            one[0] = gx[r];
            centre[r] = d == 1 ? centre(g0, one) : gx[r];
            bandLo[r] = centre[r] + offsets[0];
            bandHi[r] = centre[r] + offsets[1];
            for (int m = 0; m < means.length; m++) {
                means[m][r] = fit.mixing().expert(m).mean(one);
            }
        }
        List<Svg.Curve> curves = new ArrayList<>();
        curves.add(new Svg.Curve(gx, centre, "#000000", false, "g0's centre; g0: " + g0Text(g0, x, y)));
        List<String> labels = expertLines(lrt, x, y);
        for (int m = 0; m < means.length; m++) {
            curves.add(new Svg.Curve(gx, means[m], PALETTE[m % PALETTE.length], !rejected, labels.get(m)));
        }
        String title = zeroWon ? "The data and g0 (no fit beat g0)" : rejected ? "The data and the fitted deviation"
                : "The data and the best alternative found (H0 not rejected)";
        String points = w != null ? "data, coloured by the posterior probability of the deviation (grey 0 → orange 1)"
                : "data";
        Svg.Band band = new Svg.Band(gx, bandLo, bandHi, "g0's central 95% (its 2.5% and 97.5% quantiles)");
        return Svg.scatter(title, d == 1 ? x.get(0) : "g0's centre at (" + String.join(", ", x) + ")", y, horizontal,
                data.ys(), w, points, band, curves);
    }

    /**
     * The 2.5% and 97.5% quantiles of g0(·|x) minus its centre, by bisection on its CDF. Every g0 family is
     * a location family whose spread (variance or scale) does not depend on x, so these offsets are the
     * same at every x and the band is the centre plus them.
     */
    static double[] bandOffsets(G0 g0, double[] x) {
        double c = centre(g0, x);
        return new double[] {quantile(g0, x, c, 0.025) - c, quantile(g0, x, c, 0.975) - c};
    }

    /** The q-quantile of g0(·|x) by bisection: the bracket around the centre is doubled until it holds it. */
    private static double quantile(G0 g0, double[] x, double centre, double q) {
        double width = 1;
        while (width < 1e300 && !(g0.cdf(x, centre - width) < q && g0.cdf(x, centre + width) > q)) {
            width *= 2;
        }
        double a = centre - width;
        double b = centre + width;
        for (int k = 0; k < 200 && b - a > 1e-12 * Math.max(1, Math.abs(centre) + width); k++) {
            double m = 0.5 * (a + b);
            if (g0.cdf(x, m) < q) {
                a = m;
            } else {
                b = m;
            }
        }
        return 0.5 * (a + b);
    }

    /** g0's centre at x: its mean (Gaussian families) or location (Student-t, location-scale). */
    static double centre(G0 g0, double[] x) {
        if (g0 instanceof GaussianLinearG0 g) {
            return g.expert().mean(x);
        }
        if (g0 instanceof GaussianNonlinearG0 g) {
            return g.mean(x);
        }
        if (g0 instanceof StudentTG0 g) {
            return g.location(x);
        }
        if (g0 instanceof LocationScaleG0 g) {
            return g.location(x);
        }
        throw new IllegalArgumentException("g0: " + g0.type() + " has no centre");
    }

    /**
     * The model-free lower bound of λ in words ("at least 12% of the data deviate from g0 (95% lower bound, ...)"),
     * the same on stdout and the page.
     */
    public static String lowerBoundSentence(LambdaLowerBound b) {
        String level = BigDecimal.valueOf(100 * b.level()).stripTrailingZeros().toPlainString() + "%";
        if (b.value() == 0) {
            return "no share of the data is shown to deviate from g0 (" + level + " lower bound 0, Patra & Sen 2016)";
        }
        return "at least " + Format.number(100 * b.value()) + "% of the data deviate from g0 (" + level
                + " lower bound, Patra & Sen 2016)";
    }
}
