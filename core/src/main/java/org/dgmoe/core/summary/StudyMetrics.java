package org.dgmoe.core.summary;

import java.util.ArrayList;
import java.util.List;
import org.dgmoe.core.loss.Metrics;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;

/**
 * The metrics of a study's settings, named by {@link Metrics}. A study's fits carry the union of its
 * settings' metrics: cells 1..max k*, then cell 0 when any setting's g0 is a Gaussian expert; a fit
 * has no value where its own setting has no such metric. Here, above {@code loss} and {@code study},
 * so that {@code loss} needs no {@link Setting}.
 */
public final class StudyMetrics {
    private StudyMetrics() {
    }

    /** The metric names every fit of {@code setting} produces, in output order. */
    public static List<String> names(Setting setting) {
        return Metrics.names(setting.truth());
    }

    /** The metric columns of a study: every setting's names, in canonical order. */
    public static List<String> columns(Study study) {
        List<String> constant = Metrics.names(maxKStar(study), anyCellZero(study));
        if (study.settings().stream().noneMatch(Setting::gated)) {
            return constant;
        }
        // Gated settings add their own names (gate errors, a sigmoid λ's): after the deviated model's, in the order
        // they first appear; a study of gated settings only has just theirs.
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        if (study.settings().stream().anyMatch(s -> !s.gated())) {
            out.addAll(constant);
        }
        for (Setting s : study.settings()) {
            if (s.gated()) {
                out.addAll(Metrics.names(s.truth()));
            }
        }
        return List.copyOf(out);
    }

    /** The cell-size columns of a study ({@code cell{j}_size}, j = 1..max k*, then 0). */
    public static List<String> sizeColumns(Study study) {
        List<String> out = new ArrayList<>(Metrics.labelNames(maxKStar(study), anyCellZero(study)));
        out.remove(Metrics.WASSERSTEIN_ORDER);
        return List.copyOf(out);
    }

    /**
     * The varied-value columns of a study ({@link Setting#column}): the union of its settings' varied
     * key paths, in the order they first appear (settings in study order, keys in file order). Each
     * table carries them after its own columns; a row whose setting does not vary a key has null there.
     */
    public static List<String> variedColumns(Study study) {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        for (Setting s : study.settings()) {
            out.addAll(s.variedColumns().keySet());
        }
        return List.copyOf(out);
    }

    private static int maxKStar(Study study) {
        int max = 0;
        for (Setting s : study.settings()) {
            max = Math.max(max, s.truth().size());
        }
        return max;
    }

    private static boolean anyCellZero(Study study) {
        return study.settings().stream().anyMatch(s -> !s.gated() && s.truth().g0().isGaussianExpert());
    }
}
