package org.dgmoe.app.page;

import java.util.Arrays;
import java.util.Locale;
import org.dgmoe.core.gof.GoodnessOfFit;
import org.dgmoe.core.gof.LrtResult;
import org.dgmoe.core.gof.NullSample;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.G0;
import org.dgmoe.core.model.GaussianLinearG0;
import org.dgmoe.core.model.GaussianNonlinearG0;
import org.dgmoe.core.model.StudentTG0;

/**
 * The standalone page of {@code dgmoe test --report DIR}: a summary table, the null distribution of T with
 * the observed T marked, the PIT histogram with its U(0, 1) level, and the data with g0's centre, the
 * fitted experts' means and each point's posterior probability of coming from the deviation. Figures are
 * inline SVG ({@link Svg}); the page is well-formed XML as well as HTML.
 */
public final class TestReport {
    private TestReport() {
    }

    public static String page(String setting, String source, Dataset data, G0 g0, GoodnessOfFit.Result result, NullSample nulls) {
        LrtResult lrt = result.observed().lrt();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\"/>")
                .append("<title>dgmoe test: ").append(Svg.esc(setting)).append("</title><style>")
                .append("body{font-family:sans-serif;max-width:70em;margin:1em auto;padding:0 1em}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}")
                .append("th{background:#f4f4f4}td.l,th.l{text-align:left}figure{margin:1.2em 0}")
                .append("figcaption{font-size:.9em;color:#444}</style></head><body>\n");
        h.append("<h1>Goodness of fit: is g0 enough?</h1>\n<p>Setting <code>").append(Svg.esc(setting))
                .append("</code> of <code>").append(Svg.esc(source)).append("</code>, n = ").append(data.size())
                .append(", g0 <code>").append(Svg.esc(g0.type())).append("</code>, H1 with k = ")
                .append(lrt.fit().model().size()).append(" expert").append(lrt.fit().model().size() == 1 ? "" : "s")
                .append(" and λ free. B = ").append(result.lrt().bootstrap()).append(" null refits, ")
                .append(result.failedNullFits()).append(" failed (kept with T* = 0).</p>\n");
        h.append("<table><tr><th class=\"l\">test</th><th>statistic</th><th>p-value</th><th class=\"l\">calibration</th></tr>\n");
        row(h, "likelihood ratio T", lrt.statistic(), result.lrt().value(), String.format(Locale.ROOT,
                "Monte Carlo: %d of %d T* ≥ T; 95%% interval of p [%s, %s]", result.lrt().exceedances(),
                result.lrt().bootstrap(), Svg.number(result.lrt().lower()), Svg.number(result.lrt().upper())));
        row(h, "Kolmogorov–Smirnov D", result.ks().statistic(), result.ks().pValue(), "exact");
        row(h, "Cramér–von Mises W²", result.cvm().statistic(), result.cvm().pValue(), "Monte Carlo, same null");
        row(h, "Anderson–Darling A²", result.ad().statistic(), result.ad().pValue(), "Monte Carlo, same null");
        h.append("</table>\n<p>ℓ₀ = Σ log g0 = ").append(Svg.number(lrt.nullLogLikelihood())).append(", sup ℓ_H1 = ")
                .append(Svg.number(lrt.alternativeLogLikelihood())).append(", fitted λ = ").append(Svg.number(lrt.lambda()))
                .append(lrt.lambdaZeroWon() ? " (λ = 0 won: no fit beat g0)" : "").append(".</p>\n");

        double[] t = nulls.statistics();
        // The axis shows the null's range; an observed T far beyond it is drawn at the right edge with an
        // arrow, so the null's shape is not squashed into one bar.
        double nullMax = Arrays.stream(t).max().orElse(0);
        boolean offScale = lrt.statistic() > 1.5 * nullMax && nullMax > 0;
        double hi = (offScale ? nullMax : Math.max(lrt.statistic(), nullMax)) * 1.05;
        figure(h, Svg.histogram("Null distribution of T (B = " + t.length + ")", "T*", t, 30, 0, hi > 0 ? hi : 1,
                lrt.statistic(), "observed T = " + Svg.number(lrt.statistic()) + (offScale ? " →" : ""), Double.NaN),
                "T* of the B null data sets (y* drawn from g0 at the observed x, refitted by the same recipe); the "
                        + "red line is the observed T. p = (1 + #{T* ≥ T})/(B + 1).");
        double[] u = result.observed().pit();
        int bins = Math.max(5, Math.min(40, (int) Math.round(Math.sqrt(u.length))));
        figure(h, Svg.histogram("PIT u = G0(y | x)", "u", u, bins, 0, 1, Double.NaN, "", (double) u.length / bins),
                "Under H0 the u are iid U(0, 1): the bars should scatter around the dashed level n/bins.");
        figure(h, deviation(data, g0, lrt.fit().model(), lrt.lambdaZeroWon()),
                "Each point coloured by its posterior probability of coming from the deviation (grey 0, orange 1) "
                        + "under the fitted model; the lines are g0's centre and the fitted experts' means"
                        + (data.dimension() == 1 ? "." : " (d > 1: against g0's centre, experts not drawn)."));
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void row(StringBuilder h, String name, double statistic, double p, String how) {
        h.append("<tr><td class=\"l\">").append(Svg.esc(name)).append("</td><td>").append(Svg.number(statistic))
                .append("</td><td>").append(Svg.number(p)).append("</td><td class=\"l\">").append(Svg.esc(how))
                .append("</td></tr>\n");
    }

    private static void figure(StringBuilder h, String svg, String caption) {
        h.append("<figure>").append(svg).append("<figcaption>").append(Svg.esc(caption)).append("</figcaption></figure>\n");
    }

    private static String deviation(Dataset data, G0 g0, DeviatedModel fit, boolean zeroWon) {
        int n = data.size();
        double[] xi = new double[data.dimension()];
        double[] horizontal = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            data.copyX(i, xi);
            horizontal[i] = data.dimension() == 1 ? xi[0] : centre(g0, xi);
            double logP = fit.logDensity(xi, data.y(i));
            double logG0 = Math.log1p(-fit.lambda()) + g0.logDensity(xi, data.y(i));
            w[i] = zeroWon ? 0 : Math.max(0, Math.min(1, 1 - Math.exp(logG0 - logP)));
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(horizontal[a], horizontal[b]));
        int lines = data.dimension() == 1 && !zeroWon ? 1 + fit.size() : 1;
        double[][] lx = new double[lines][n];
        double[][] ly = new double[lines][n];
        String[] colours = new String[lines];
        String[] labels = new String[lines];
        String[] palette = {"#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#0072B2"};
        colours[0] = "#000000";
        labels[0] = "g0 centre";
        for (int r = 0; r < n; r++) {
            int i = order[r];
            data.copyX(i, xi);
            lx[0][r] = horizontal[i];
            ly[0][r] = centre(g0, xi);
            for (int m = 1; m < lines; m++) {
                lx[m][r] = horizontal[i];
                ly[m][r] = fit.mixing().expert(m - 1).mean(xi);
            }
        }
        for (int m = 1; m < lines; m++) {
            colours[m] = palette[(m - 1) % palette.length];
            labels[m] = String.format(Locale.ROOT, "expert %d (weight λ·p = %s)", m,
                    Svg.number(fit.lambda() * fit.mixing().weight(m - 1)));
        }
        String xLabel = data.dimension() == 1 ? "x" : "g0 centre at x";
        return Svg.scatter("The data and the fitted deviation", xLabel, "y", horizontal, data.ys(), w, lx, ly, colours,
                labels);
    }

    /** g0's centre at x: its mean (Gaussian families) or location (Student-t). */
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
        throw new IllegalArgumentException("g0: " + g0.type() + " has no centre");
    }
}
