package org.dgmoe.app.page;

import static org.dgmoe.app.page.Page.esc;

import java.util.Arrays;
import java.util.Locale;
import org.dgmoe.app.provenance.Provenance;
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
 * The page of {@code dgmoe test --report DIR}: a summary table, the null distribution of T with the
 * observed T marked, the PIT histogram with its U(0, 1) level, the data with g0's centre, the fitted
 * experts' means and each point's posterior probability of coming from the deviation, and the provenance.
 * It has the report's frame ({@link Page}); its figures are small inline SVG ({@link Svg}).
 */
public final class TestReport {
    private TestReport() {
    }

    public static String page(String setting, Dataset data, G0 g0, GoodnessOfFit.Result result, NullSample nulls,
            Provenance provenance) {
        LrtResult lrt = result.observed().lrt();
        StringBuilder h = Page.open("dgmoe test: " + setting);
        h.append("<p class=\"headline\">Goodness of fit: is g0 enough? Setting <code>").append(esc(setting))
                .append("</code> of <code>").append(esc(provenance.source())).append("</code>, n = ").append(data.size())
                .append(", g0 <code>").append(esc(g0.type())).append("</code>, H1 with k = ")
                .append(lrt.fit().model().size()).append(" expert").append(lrt.fit().model().size() == 1 ? "" : "s")
                .append(" and λ free. B = ").append(result.lrt().bootstrap()).append(" null refits, ")
                .append(result.failedNullFits()).append(" failed (kept with T* = 0).</p>\n");
        h.append("<h2>Tests</h2>\n<table>\n<tr><th>test</th><th>statistic</th><th>p-value</th><th>calibration</th></tr>\n");
        row(h, "likelihood ratio T", lrt.statistic(), result.lrt().value(), String.format(Locale.ROOT,
                "Monte Carlo: %d of %d T* ≥ T; 95%% interval of p [%s, %s]", result.lrt().exceedances(),
                result.lrt().bootstrap(), Format.number(result.lrt().lower()), Format.number(result.lrt().upper())));
        row(h, "Kolmogorov–Smirnov D", result.ks().statistic(), result.ks().pValue(), "exact");
        row(h, "Cramér–von Mises W²", result.cvm().statistic(), result.cvm().pValue(), "Monte Carlo, same null");
        row(h, "Anderson–Darling A²", result.ad().statistic(), result.ad().pValue(), "Monte Carlo, same null");
        h.append("</table>\n<p>ℓ₀ = Σ log g0 = ").append(Format.number(lrt.nullLogLikelihood())).append(", sup ℓ_H1 = ")
                .append(Format.number(lrt.alternativeLogLikelihood())).append(", fitted λ = ")
                .append(Format.number(lrt.lambda())).append(lrt.lambdaZeroWon() ? " (λ = 0 won: no fit beat g0)" : "")
                .append(".</p>\n<h2>Figures</h2>\n");

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
        Page.figure(h, Svg.histogram("PIT u = G0(y | x)", "u", u, bins, 0, 1, Double.NaN, "", (double) u.length / bins),
                esc("Under H0 the u are iid U(0, 1): the bars should scatter around the dashed level n/bins."));
        Page.figure(h, deviation(data, g0, lrt.fit().model(), lrt.lambdaZeroWon()),
                esc("Each point coloured by its posterior probability of coming from the deviation (grey 0, orange 1) "
                        + "under the fitted model; the lines are g0's centre and the fitted experts' means"
                        + (data.dimension() == 1 ? "." : " (d > 1: against g0's centre, experts not drawn).")));
        h.append("<h2>Provenance</h2>\n<table>\n");
        Page.provenance(h, provenance);
        h.append("</table>\n");
        return Page.close(h);
    }

    private static void row(StringBuilder h, String name, double statistic, double p, String how) {
        h.append("<tr><td>").append(esc(name)).append("</td><td class=\"num\">").append(Format.number(statistic))
                .append("</td><td class=\"num\">").append(Format.number(p)).append("</td><td>").append(esc(how))
                .append("</td></tr>\n");
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
                    Format.number(fit.lambda() * fit.mixing().weight(m - 1)));
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
