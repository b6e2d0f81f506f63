package org.dgmoe.app.config;

import static org.dgmoe.app.config.StudySchema.COVARIATE_POINTS;
import static org.dgmoe.app.config.StudySchema.HELLINGER;
import static org.dgmoe.app.config.StudySchema.QUADRATURE_NODES;
import static org.dgmoe.app.config.StudySchema.RBAR;
import static org.dgmoe.app.config.StudySchema.RELATIVE_TOLERANCE;
import static org.dgmoe.app.config.StudySchema.VORONOI;
import static org.dgmoe.app.config.StudySchema.WASSERSTEIN;
import static org.dgmoe.app.config.StudySchema.WASSERSTEIN_ORDER;

import java.util.Map;
import java.util.TreeMap;
import org.dgmoe.core.loss.LossSettings;

/** Reads {@code dgmoe.study.losses}: r̄(m), the Wasserstein order, the Hellinger distance's budget. */
final class LossesReader {
    private LossesReader() {
    }

    /** The losses at {@code l} (null: the defaults); the defaults when invalid (every problem is reported). */
    static LossSettings read(Node l) {
        LossSettings d = LossSettings.DEFAULTS;
        if (l == null) {
            return d;
        }
        Problems problems = l.problems();
        int before = problems.count();
        Map<Integer, Integer> rbar = new TreeMap<>(d.rbar());
        Node voronoi = l.child(VORONOI);
        if (voronoi != null) {
            Node r = voronoi.child(RBAR);
            if (r != null) {
                for (String key : r.keys()) {
                    Integer m = cellSize(r, key);
                    Long v = m == null ? null : r.integer(key, true, "");
                    if (v != null && !RBAR.range().contains(v)) {
                        problems.add(r.path(key), "must be an integer " + RBAR.range().describe() + ", got " + v);
                    } else if (v != null) {
                        rbar.put(m, v.intValue());
                    }
                }
                r.finish();
            }
            voronoi.finish();
        }
        Long order = null;
        Node w = l.child(WASSERSTEIN);
        if (w != null) {
            order = w.integer(WASSERSTEIN_ORDER);
            w.finish();
        }
        Long points = null;
        Long nodes = null;
        double tolerance = d.hellingerRelativeTolerance();
        Node h = l.child(HELLINGER);
        if (h != null) {
            points = h.integer(COVARIATE_POINTS);
            nodes = h.integer(QUADRATURE_NODES);
            tolerance = h.number(RELATIVE_TOLERANCE);
            h.finish();
        }
        l.finish();
        if (problems.count() > before) {
            return d;
        }
        try {
            return new LossSettings(rbar, order == null ? d.wassersteinOrder() : order.intValue(),
                    points == null ? d.hellingerCovariatePoints() : points.intValue(),
                    nodes == null ? d.hellingerQuadratureNodes() : nodes.intValue(), tolerance);
        } catch (IllegalArgumentException e) {
            problems.addRefusal(l.path(), e);
            return d;
        }
    }

    /** The cell size m of an rbar key: an integer >= 2, else null (reported). */
    private static Integer cellSize(Node r, String key) {
        r.raw(key);
        int m;
        try {
            m = Integer.parseInt(key);
        } catch (NumberFormatException e) {
            r.problems().add(r.path(key), "keys of rbar are cell sizes m >= 2 (integers), got '" + key + "'");
            return null;
        }
        if (m < 2) {
            r.problems().add(r.path(key), "keys of rbar are cell sizes m >= 2, got " + m);
            return null;
        }
        return m;
    }
}
