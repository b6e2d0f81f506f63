package org.dgmoe.app.page;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dgmoe.core.em.ObservedInformation;
import org.dgmoe.core.uncertainty.Bootstrap;
import org.dgmoe.core.uncertainty.StandardErrors;

/**
 * The estimates of a deviated model's fit with their standard errors and Wald (and bootstrap) intervals
 * (docs/uncertainty.md),
 * as {@code dgmoe fit} and {@code dgmoe test} print them and the test page says λ̂'s: one home for the table,
 * whichever command's fit it shows.
 */
public final class EstimatesTable {
    private EstimatesTable() {
    }

    /**
     * The table, like R's {@code summary()}: one row per parameter (λ, then per expert its weight, the slope of
     * each covariate by its column name, the intercept and the variance; a gated fit's λ(x) coefficients and gates
     * by {@link org.dgmoe.core.em.ReportedParameter#label}, "λ(x) temp", "expert 2 gate temp"), a note number where a reason makes it
     * unreliable, and the notes below. With a bootstrap, a line saying how its refits went and two more columns,
     * its percentile and basic intervals; its notes join the Wald ones (a note both carry is listed once).
     *
     * @param boot the bootstrap intervals, or null
     * @param x    the covariates' column names, in slope order
     */
    public static String text(StandardErrors se, Bootstrap boot, List<String> x) {
        double[] est = se.estimate();
        double[] s = se.standardErrors();
        double[] lo = se.lower();
        double[] hi = se.upper();
        String[] names = new String[se.size()];
        int width = "parameter".length();
        for (int i = 0; i < se.size(); i++) {
            names[i] = se.parameter(i).label(x);
            width = Math.max(width, names[i].length());
        }
        String level = level(se);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  standard errors from the observed "
                + "information, %s Wald intervals (docs/uncertainty.md):%n", level));
        List<StandardErrors.Note> notes = new ArrayList<>(se.notes());
        String row = "    %-" + width + "s  %10s  %10s  %22s  %s%n";
        if (boot == null) {
            sb.append(String.format(Locale.ROOT, row, "parameter", "estimate", "std. error", level + " interval",
                    "note").stripTrailing()).append('\n');
        } else {
            sb.append(String.format(Locale.ROOT, "  and %s bootstrap intervals from B = %d %s refits from the "
                    + "estimate: %d failed (left out), %d at the iteration cap%n", Format.value(100 * boot.level()) + "%",
                    boot.refits(), boot.kind().configName(), boot.failures(), boot.capped()));
            row = "    %-" + width + "s  %10s  %10s  %22s  %22s  %22s  %s%n";
            sb.append(String.format(Locale.ROOT, row, "parameter", "estimate", "std. error", "Wald", "percentile",
                    "basic", "note").stripTrailing()).append('\n');
            for (StandardErrors.Note n : boot.notes()) {
                if (!notes.contains(n)) {
                    notes.add(n);
                }
            }
        }
        for (int i = 0; i < se.size(); i++) {
            String marks = String.join(" ", marks(notes, i));
            String interval = Double.isNaN(s[i]) ? "" : interval(lo[i], hi[i]);
            String stdError = Double.isNaN(s[i]) ? "-" : Format.value(s[i]);
            String line = boot == null
                    ? String.format(Locale.ROOT, row, names[i], Format.value(est[i]), stdError, interval, marks)
                    : String.format(Locale.ROOT, row, names[i], Format.value(est[i]), stdError, interval,
                            interval(boot.percentileLower()[i], boot.percentileUpper()[i]),
                            interval(boot.basicLower()[i], boot.basicUpper()[i]), marks);
            sb.append(line.stripTrailing()).append('\n');
        }
        for (int m = 0; m < notes.size(); m++) {
            StandardErrors.Note n = notes.get(m);
            sb.append(String.format(Locale.ROOT, "    [%d] %s: %s%n", m + 1, n.reason().phrase(), n.text()));
        }
        return sb.toString();
    }

    /** "[lower, upper]", or "" when there is none (NaN ends). */
    private static String interval(double lower, double upper) {
        return Double.isNaN(lower) || Double.isNaN(upper) ? "" : "[" + Format.value(lower) + ", " + Format.value(upper)
                + "]";
    }

    /**
     * λ̂ with its standard error and Wald interval in words, for the test page beside the model-free lower bound:
     * "λ̂ = 0.48, standard error 0.12, 95% Wald interval [0.25, 0.72]", and the reasons when it is not reliable.
     */
    public static String lambdaSentence(StandardErrors se) {
        int i = ObservedInformation.lambdaIndex();
        double s = se.standardErrors()[i];
        StringBuilder sb = new StringBuilder("λ̂ = ").append(Format.value(se.estimate()[i]));
        if (Double.isNaN(s)) {
            sb.append(", no standard error");
        } else {
            sb.append(", standard error ").append(Format.value(s)).append(", ").append(level(se))
                    .append(" Wald interval [").append(Format.value(se.lower()[i])).append(", ")
                    .append(Format.value(se.upper()[i])).append(']');
        }
        List<String> reasons = new ArrayList<>();
        for (StandardErrors.Note n : se.notes()) {
            if (n.parameters().contains(i)) {
                reasons.add(n.reason().phrase() + ": " + n.text());
            }
        }
        if (!reasons.isEmpty()) {
            sb.append(" (not reliable: ").append(String.join("; ", reasons)).append(')');
        }
        return sb.toString();
    }

    /** "λ", "expert 1 weight", "expert 1 temp" (the slope of temp), "expert 1 intercept", "expert 1 variance". */
    public static String rowName(int k, int d, int index, List<String> x) {
        if (index == 0) {
            return "λ";
        }
        if (index <= k) {
            return "expert " + index + " weight";
        }
        int i = (index - 1 - k) / (d + 2);
        int t = (index - 1 - k) % (d + 2);
        String e = "expert " + (i + 1) + " ";
        return t < d ? e + x.get(t) : t == d ? e + "intercept" : e + "variance";
    }

    /** "95%". */
    private static String level(StandardErrors se) {
        return Format.value(100 * se.level()) + "%";
    }

    /** The note numbers "[1]", "[2]" of the notes that name parameter {@code i}. */
    private static List<String> marks(List<StandardErrors.Note> notes, int i) {
        List<String> marks = new ArrayList<>();
        for (int m = 0; m < notes.size(); m++) {
            if (notes.get(m).parameters().contains(i)) {
                marks.add("[" + (m + 1) + "]");
            }
        }
        return marks;
    }
}
