package org.dgmoe.app.config;

import static org.dgmoe.app.config.StudySchema.G0_DOF;
import static org.dgmoe.app.config.StudySchema.G0_FAMILY;
import static org.dgmoe.app.config.StudySchema.G0_LOCATION;
import static org.dgmoe.app.config.StudySchema.G0_SCALE;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.simple.RandomSource;
import org.dgmoe.app.base.Suggestions;
import org.dgmoe.core.expr.Expression;
import org.dgmoe.core.expr.ExpressionException;
import org.dgmoe.core.model.ColumnsG0;
import org.dgmoe.core.model.Covariates;
import org.dgmoe.core.model.G0;
import org.dgmoe.core.model.LocationScaleG0;
import org.dgmoe.core.model.LocationScaleG0.Shape;

/**
 * Reads a {@code g0 { type = location-scale, family, location, scale, dof }} (issue 22): the two expressions
 * parsed by core's safe parser ({@link Expression}) over the names {@code x1 … xd} and, for a data command, the
 * data's covariate column names of {@code --x} (coordinate j also written by its column's name), refusals
 * reported at their key with the column and, for an unknown name, the closest allowed one ("did you mean").
 * Also reads {@code g0 { type = columns, family, location = COLUMN, scale = COLUMN, dof }} ({@link ColumnsG0}),
 * whose values {@code DataFile#bindG0} reads from the data.
 *
 * <p>The scale must be &gt; 0 and finite wherever g0 is used. A study's covariates are random, so a sweep
 * checks s(x) on {@link #PROBE_POINTS} draws of the setting's covariate law from a fixed generator (the same
 * draws on every run and machine), and refuses the file naming the first x where it fails; a data command
 * checks every row of the data ({@code DataFile#checkG0Scale}). The probe is a check, not a proof: a point it
 * missed gives NaN responses there, and that task's fit ends with a non-finite status rather than a number.
 */
final class LocationScaleReader {
    /** Covariate draws on which a study's s(x) is checked. */
    static final int PROBE_POINTS = 10_000;
    /** The probe's generator seed: any fixed number, so the probe is the same on every run. */
    private static final long PROBE_SEED = 22L;

    private LocationScaleReader() {
    }

    /**
     * The g0 at {@code g} of dimension d, or null when anything is wrong (every problem is reported).
     *
     * @param columns the data's covariate column names (coordinate j's second name), or empty in a study
     */
    static G0 read(Node g, int d, List<String> columns) {
        Problems problems = g.problems();
        int before = problems.count();
        Shape shape = g.named(G0_FAMILY, Shape.class);
        List<String> names = Expression.covariateNames(d);
        List<String> aliases = aliases(names, columns);
        Expression location = expression(g, G0_LOCATION, names, aliases);
        Expression scale = expression(g, G0_SCALE, names, aliases);
        double dof = dof(g, shape);
        if (problems.count() > before) {
            return null;
        }
        try {
            return new LocationScaleG0(shape, location, scale, dof);
        } catch (IllegalArgumentException e) {
            problems.addRefusal(g.path(), e);
            return null;
        }
    }

    /**
     * The second names of {@code names}: the column names when there is one per coordinate; a column name that
     * cannot be written in an expression (a space, a function's name) leaves its coordinate with {@code xj} only.
     */
    private static List<String> aliases(List<String> names, List<String> columns) {
        if (columns.size() != names.size()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(names.size());
        for (int j = 0; j < names.size(); j++) {
            out.add(Expression.isName(columns.get(j)) ? columns.get(j) : names.get(j));
        }
        return out;
    }

    /**
     * The unbound {@code columns} g0 at {@code g} ({@link ColumnsG0}), or null when anything is wrong (reported).
     */
    static G0 readColumns(Node g) {
        Problems problems = g.problems();
        int before = problems.count();
        Shape shape = g.named(G0_FAMILY, Shape.class);
        String location = column(g, G0_LOCATION);
        String scale = column(g, G0_SCALE);
        double dof = dof(g, shape);
        if (problems.count() > before) {
            return null;
        }
        try {
            return new ColumnsG0(shape, location, scale, dof);
        } catch (IllegalArgumentException e) {
            problems.addRefusal(g.path(), e);
            return null;
        }
    }

    /** The column name at {@code key}: a non-blank string; null when refused (reported). */
    private static String column(Node g, Key key) {
        Object raw = g.raw(key.name());
        if (raw == null) {
            g.missing(key);
            return null;
        }
        if (!(raw instanceof String s) || s.isBlank()) {
            g.problems().add(g.path(key.name()), "with type = columns, must name a column of the data (a string), got "
                    + Node.describe(raw));
            return null;
        }
        return s.trim();
    }

    /** ν for family student-t; NaN otherwise, a dof given for another family reported. */
    private static double dof(Node g, Shape shape) {
        double dof = Double.NaN;
        if (shape == Shape.STUDENT_T) {
            dof = g.number(G0_DOF);
        } else if (g.has(G0_DOF.name())) {
            g.problems().add(g.path(G0_DOF.name()), "applies to family student-t only"
                    + (shape == null ? "" : "; remove it for family " + shape.configName()));
        }
        return dof;
    }

    /** The expression at {@code key} (a string, or a number for a constant); null when refused (reported). */
    static Expression expression(Node g, Key key, List<String> names, List<String> aliases) {
        Object raw = g.raw(key.name());
        if (raw == null) {
            g.missing(key);
            return null;
        }
        String text;
        if (raw instanceof Number n) {
            text = Double.toString(n.doubleValue());
        } else if (raw instanceof String s) {
            text = s;
        } else {
            g.problems().add(g.path(key.name()), "must be an expression (a string) or a number, got "
                    + Node.describe(raw));
            return null;
        }
        try {
            return Expression.parse(key.name(), text, names, aliases);
        } catch (ExpressionException e) {
            g.problems().add(g.path(key.name()), message(e));
            return null;
        } catch (IllegalArgumentException e) {
            // a column of --x named as another coordinate's xj (--x x2,x1): the text would be ambiguous
            g.problems().add(g.path(key.name()), "the data's column names cannot be used in it: "
                    + e.getMessage() + "; rename the column or give --x in the order x1, x2, …");
            return null;
        }
    }

    /**
     * A refusal as the user reads it: {@code unknown name 'dos' at column 7; did you mean 'dose'? (names: …)}.
     */
    static String message(ExpressionException e) {
        String suggestion = e.unknownName() == null ? null : Suggestions.closest(e.unknownName(), e.candidates());
        return e.problem() + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?")
                + (e.allowed().isEmpty() ? "" : " (" + e.allowed() + ")");
    }

    /**
     * Reports at {@code at} the first of {@link #PROBE_POINTS} draws of {@code covariates} where the scale of
     * {@code g0} is not &gt; 0 and finite; nothing for another g0 or when the covariates are unknown.
     */
    static void checkScale(String at, G0 g0, Covariates covariates, Problems problems) {
        if (!(g0 instanceof LocationScaleG0 g) || covariates == null || covariates.dimension() != g.dimension()) {
            return;
        }
        int d = g.dimension();
        double[] x = new double[PROBE_POINTS * d];
        covariates.fill(PROBE_POINTS, RandomSource.XO_RO_SHI_RO_128_PP.create(PROBE_SEED), x);
        int i = g.firstInvalidScale(x, PROBE_POINTS);
        if (i < 0) {
            return;
        }
        double[] point = new double[d];
        StringBuilder where = new StringBuilder();
        for (int j = 0; j < d; j++) {
            point[j] = x[j * PROBE_POINTS + i];
            where.append(j == 0 ? "" : ", ").append("x").append(j + 1).append(" = ").append(Node.format(point[j]));
        }
        problems.add(at, String.format(Locale.ROOT, "is %s at %s, a draw of the covariates; the scale must be > 0 "
                + "and finite wherever x can fall", Node.format(g.scale(point)), where));
    }
}
