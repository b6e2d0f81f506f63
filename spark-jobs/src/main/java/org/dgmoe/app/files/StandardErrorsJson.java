package org.dgmoe.app.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.function.IntFunction;
import org.dgmoe.app.config.Parameters;
import org.dgmoe.core.em.ObservedInformation;
import org.dgmoe.core.uncertainty.IntervalScale;
import org.dgmoe.core.uncertainty.StandardErrors;

/**
 * The standard errors of a fit as fit.json writes them (docs/uncertainty.md): {@code standardErrors} and
 * {@code intervals} in the shape of the estimates ({@code {"lambda", "experts": [{"weight", "slope": [..],
 * "intercept", "variance"}]}}, an interval a pair [lower, upper]), and {@code reliability}: the status of the
 * covariance and the notes, each naming its parameters by their path in the estimates ({@code experts[0].slope[0]}).
 * NaN is written as the string "NaN", as everywhere in dgmoe's JSON.
 */
public final class StandardErrorsJson {
    /** The interval method: Wald, from the observed information. */
    public static final String METHOD = "wald";

    private StandardErrorsJson() {
    }

    /**
     * Adds {@code standardErrors}, {@code intervals} and {@code reliability} to a fit's object ({@link JsonFiles#fit}):
     * fit.json's layout, and test.json's {@code alternative}.
     */
    public static ObjectNode putAll(ObjectNode fit, StandardErrors se) {
        fit.set(Parameters.FIT_STANDARD_ERRORS, standardErrors(se));
        fit.set(Parameters.FIT_INTERVALS, intervals(se));
        fit.set(Parameters.FIT_RELIABILITY, reliability(se));
        return fit;
    }

    /** {@code standardErrors}: a standard error per estimate, NaN where there is none. */
    public static ObjectNode standardErrors(StandardErrors se) {
        double[] s = se.standardErrors();
        return shaped(se, i -> number(s[i]));
    }

    /** {@code intervals}: method, level, scale per kind of parameter, then [lower, upper] per estimate. */
    public static ObjectNode intervals(StandardErrors se) {
        double[] lo = se.lower();
        double[] hi = se.upper();
        ObjectNode o = JsonFiles.MAPPER.createObjectNode();
        o.put("method", METHOD);
        o.put("level", se.level());
        ObjectNode scale = o.putObject("scale");
        int k = se.experts();
        int d = se.dimension();
        scale.put("lambda", name(IntervalScale.of(k, d, ObservedInformation.lambdaIndex())));
        scale.put("weight", name(IntervalScale.of(k, d, ObservedInformation.weightIndex(0))));
        scale.put("slope", name(IntervalScale.IDENTITY));
        scale.put("intercept", name(IntervalScale.of(k, d, ObservedInformation.interceptIndex(k, d, 0))));
        scale.put("variance", name(IntervalScale.of(k, d, ObservedInformation.varianceIndex(k, d, 0))));
        ObjectNode ends = shaped(se, i -> {
            ArrayNode pair = JsonFiles.MAPPER.createArrayNode();
            pair.add(number(lo[i]));
            pair.add(number(hi[i]));
            return pair;
        });
        o.setAll(ends);
        return o;
    }

    /** {@code reliability}: the covariance's status and the notes (reason, parameters, note). */
    public static ObjectNode reliability(StandardErrors se) {
        ObjectNode o = JsonFiles.MAPPER.createObjectNode();
        o.put("status", se.status().name());
        ArrayNode notes = o.putArray("notes");
        for (StandardErrors.Note n : se.notes()) {
            ObjectNode x = notes.addObject();
            x.put("reason", n.reason().name());
            ArrayNode names = x.putArray("parameters");
            for (int i : n.parameters()) {
                names.add(StandardErrors.name(se.experts(), se.dimension(), i));
            }
            x.put("note", n.reason().phrase() + ": " + n.text());
        }
        return o;
    }

    private static String name(IntervalScale scale) {
        return scale.name().toLowerCase(Locale.ROOT);
    }

    private static JsonNode number(double v) {
        return Double.isFinite(v) ? JsonFiles.MAPPER.getNodeFactory().numberNode(v)
                : JsonFiles.MAPPER.getNodeFactory().textNode(Double.toString(v));
    }

    /** {"lambda": value(0), "experts": [{"weight", "slope": [..], "intercept", "variance"}]} of per-index values. */
    private static ObjectNode shaped(StandardErrors se, IntFunction<JsonNode> value) {
        int k = se.experts();
        int d = se.dimension();
        ObjectNode o = JsonFiles.MAPPER.createObjectNode();
        o.set("lambda", value.apply(ObservedInformation.lambdaIndex()));
        ArrayNode experts = o.putArray("experts");
        for (int i = 0; i < k; i++) {
            ObjectNode x = experts.addObject();
            x.set("weight", value.apply(ObservedInformation.weightIndex(i)));
            ArrayNode slope = x.putArray("slope");
            for (int j = 0; j < d; j++) {
                slope.add(value.apply(ObservedInformation.slopeIndex(k, d, i, j)));
            }
            x.set("intercept", value.apply(ObservedInformation.interceptIndex(k, d, i)));
            x.set("variance", value.apply(ObservedInformation.varianceIndex(k, d, i)));
        }
        return o;
    }
}
