package org.dgmoe.app.provenance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.Population;
import org.dgmoe.core.study.PopulationTruth;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;

/**
 * The population settings of a study and their truths (docs/population.md), as the manifest's
 * {@code populations} and the sweep's {@code truth.json} record them: per setting, the data file, its content
 * hash, N, the columns and the sampling; the truth's λ and experts (variances, as everywhere); and the recipe's
 * certificate (its starts, how many reached the best ℓ within the relative tolerance, the other maxima's gaps).
 */
public final class PopulationJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PopulationJson() {
    }

    /** Whether any setting of {@code study} draws from a population. */
    public static boolean any(Study study) {
        return study.settings().stream().anyMatch(s -> s.populationTruth() != null);
    }

    /** One entry per population setting, in study order. */
    public static ArrayNode populations(Study study) {
        ArrayNode out = JSON.createArrayNode();
        for (Setting s : study.settings()) {
            PopulationTruth truth = s.populationTruth();
            if (truth == null) {
                continue;
            }
            Population p = s.populationRows();
            ObjectNode n = out.addObject();
            n.put("setting", s.name());
            n.put("data", p.source());
            n.put("content_sha256", p.contentHash());
            n.put("rows", p.size());
            n.put("sample", p.sampling().configName());
            n.put("fitted_experts", s.fit().experts());
            n.set("truth", model(truth.model()));
            ObjectNode recipe = n.putObject("recipe");
            recipe.put("key", Long.toUnsignedString(truth.key(), 16));
            recipe.put("starts", truth.logLikelihoods().length);
            recipe.put("best_log_likelihood", truth.logLikelihood());
            recipe.put("status", truth.status().name().toLowerCase(java.util.Locale.ROOT));
            recipe.put("relative_tolerance", PopulationTruth.RELATIVE_TOLERANCE);
            recipe.put("reached_best", truth.reachedBest());
            recipe.put("failed", truth.failed());
            ArrayNode gaps = recipe.putArray("other_maxima_gaps");
            for (double g : truth.otherGaps()) {
                gaps.add(g);
            }
            ArrayNode all = recipe.putArray("start_log_likelihoods");
            for (double l : truth.logLikelihoods()) {
                if (Double.isFinite(l)) {
                    all.add(l);
                } else {
                    all.addNull();
                }
            }
        }
        return out;
    }

    /** {@code truth.json}: the study's name, its populations and the provenance of the run that wrote it. */
    public static String truthFile(Study study, Provenance provenance) {
        ObjectNode n = JSON.createObjectNode();
        n.put("study", study.name());
        n.set("populations", populations(study));
        n.set(Provenance.KEY, provenance.toJson());
        try {
            return JSON.writeValueAsString(n) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }

    private static ObjectNode model(DeviatedModel m) {
        ObjectNode n = JSON.createObjectNode();
        n.put("lambda", m.lambda());
        ArrayNode experts = n.putArray("experts");
        for (int i = 0; i < m.size(); i++) {
            Expert e = m.mixing().expert(i);
            ObjectNode x = experts.addObject();
            x.put("weight", m.mixing().weight(i));
            ArrayNode slope = x.putArray("slope");
            for (double a : e.slope()) {
                slope.add(a);
            }
            x.put("intercept", e.intercept());
            x.put("variance", e.variance());
        }
        return n;
    }
}
