package org.dgmoe.app.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dgmoe.app.config.Parameters;
import org.dgmoe.core.em.ObservedInformation;
import org.dgmoe.core.em.ReportedParameter;
import org.dgmoe.core.uncertainty.Bootstrap;
import org.dgmoe.core.uncertainty.IntervalScale;
import org.dgmoe.core.uncertainty.StandardErrors;

/**
 * The standard errors of a fit as fit.json writes them (docs/uncertainty.md): {@code standardErrors} and
 * {@code intervals} in the shape of the estimates ({@code {"lambda", "experts": [{"weight", "slope": [..],
 * "intercept", "variance"}]}}, an interval a pair [lower, upper]), and {@code reliability}: the status of the
 * covariance and the notes, each naming its parameters by their path in the estimates ({@code experts[0].slope[0]}).
 * {@code intervals} is a list of blocks, one per method: Wald first, then with {@code --bootstrap} the bootstrap's
 * percentile and basic intervals ({@link Bootstrap}), each with its own notes.
 * NaN is written as the string "NaN", as everywhere in dgmoe's JSON. A gated fit's are in the shape of its
 * estimates too ({@code JsonFiles#gatedModel}: {@code lambda} or {@code lambda.slope}, {@code lambda.intercept};
 * {@code experts[i].gate.…}), each parameter at its path, and its Wald block's {@code scale} has that shape, a
 * scale per parameter.
 */
public final class StandardErrorsJson {
    /** The interval method: Wald, from the observed information. */
    public static final String METHOD = "wald";
    /** The bootstrap percentile interval's method ({@link Bootstrap}). */
    public static final String PERCENTILE = "bootstrap-percentile";
    /** The bootstrap basic interval's method ({@link Bootstrap}). */
    public static final String BASIC = "bootstrap-basic";

    private StandardErrorsJson() {
    }

    /**
     * Adds {@code standardErrors}, {@code intervals} ({@link #intervals(StandardErrors, Bootstrap)}) and
     * {@code reliability} to a fit's object ({@link JsonFiles#fit}): fit.json's layout, and test.json's
     * {@code alternative}.
     *
     * @param bootstrap the bootstrap intervals, or null when none was asked for
     */
    public static ObjectNode putAll(ObjectNode fit, StandardErrors se, Bootstrap bootstrap) {
        fit.set(Parameters.FIT_STANDARD_ERRORS, standardErrors(se));
        fit.set(Parameters.FIT_INTERVALS, intervals(se, bootstrap));
        fit.set(Parameters.FIT_RELIABILITY, reliability(se));
        return fit;
    }

    /** {@code standardErrors}: a standard error per estimate, NaN where there is none. */
    public static ObjectNode standardErrors(StandardErrors se) {
        double[] s = se.standardErrors();
        return shaped(se.parameters(), se.experts(), se.dimension(), i -> number(s[i]));
    }

    /** The Wald interval block of {@code intervals}: method, level, scale per kind of parameter, then [lower, upper]. */
    public static ObjectNode intervals(StandardErrors se) {
        ObjectNode o = JsonFiles.MAPPER.createObjectNode();
        o.put("method", METHOD);
        o.put("level", se.level());
        o.set("scale", scales(se.parameters(), se.experts(), se.dimension()));
        o.setAll(pairs(se.parameters(), se.experts(), se.dimension(), se.lower(), se.upper()));
        return o;
    }

    /**
     * {@code intervals}: the Wald block ({@link #intervals(StandardErrors)}), then with a bootstrap its percentile
     * and basic blocks ({@link #bootstrapIntervals}).
     *
     * @param bootstrap the bootstrap intervals, or null when none was asked for
     */
    public static ArrayNode intervals(StandardErrors se, Bootstrap bootstrap) {
        ArrayNode out = JsonFiles.MAPPER.createArrayNode();
        out.add(intervals(se));
        if (bootstrap != null) {
            out.add(bootstrapIntervals(se.parameters(), bootstrap, PERCENTILE, bootstrap.percentileLower(),
                    bootstrap.percentileUpper()));
            out.add(bootstrapIntervals(se.parameters(), bootstrap, BASIC, bootstrap.basicLower(),
                    bootstrap.basicUpper()));
        }
        return out;
    }

    /**
     * A bootstrap block of {@code intervals}: method, level, kind, B, failures (left out of the quantiles), capped
     * (kept), the scale each kind of parameter is reflected on (the basic interval's; the Wald scales), [lower,
     * upper] in the estimates' shape, and the notes that mark them (as {@code reliability.notes}).
     */
    static ObjectNode bootstrapIntervals(List<ReportedParameter> parameters, Bootstrap b, String method,
            double[] lower, double[] upper) {
        ObjectNode o = JsonFiles.MAPPER.createObjectNode();
        o.put("method", method);
        o.put("level", b.level());
        o.put("kind", b.kind().configName());
        o.put("B", b.refits());
        o.put("failures", b.failures());
        o.put("capped", b.capped());
        o.set("scale", scales(parameters, b.experts(), b.dimension()));
        o.setAll(pairs(parameters, b.experts(), b.dimension(), lower, upper));
        o.set("notes", notes(b.notes(), parameters));
        return o;
    }

    /**
     * The scale each kind of parameter's interval is computed on ({@link IntervalScale}); a gated fit's, one per
     * parameter in the estimates' shape.
     */
    private static ObjectNode scales(List<ReportedParameter> parameters, int k, int d) {
        if (!constant(parameters, k, d)) {
            return byPath(parameters, i -> JsonFiles.MAPPER.getNodeFactory().textNode(
                    name(IntervalScale.of(parameters.get(i).range()))));
        }
        ObjectNode scale = JsonFiles.MAPPER.createObjectNode();
        scale.put("lambda", name(IntervalScale.of(k, d, ObservedInformation.lambdaIndex())));
        scale.put("weight", name(IntervalScale.of(k, d, ObservedInformation.weightIndex(0))));
        scale.put("slope", name(IntervalScale.IDENTITY));
        scale.put("intercept", name(IntervalScale.of(k, d, ObservedInformation.interceptIndex(k, d, 0))));
        scale.put("variance", name(IntervalScale.of(k, d, ObservedInformation.varianceIndex(k, d, 0))));
        return scale;
    }

    /** [lower, upper] per estimate, in the estimates' shape. */
    private static ObjectNode pairs(List<ReportedParameter> parameters, int k, int d, double[] lo, double[] hi) {
        return shaped(parameters, k, d, i -> {
            ArrayNode pair = JsonFiles.MAPPER.createArrayNode();
            pair.add(number(lo[i]));
            pair.add(number(hi[i]));
            return pair;
        });
    }

    /** {@code reliability}: the covariance's status and the notes (reason, parameters, note). */
    public static ObjectNode reliability(StandardErrors se) {
        ObjectNode o = JsonFiles.MAPPER.createObjectNode();
        o.put("status", se.status().name());
        o.set("notes", notes(se.notes(), se.parameters()));
        return o;
    }

    /** Notes as {reason, parameters (their paths), note}. */
    private static ArrayNode notes(List<StandardErrors.Note> notes, List<ReportedParameter> parameters) {
        ArrayNode out = JsonFiles.MAPPER.createArrayNode();
        for (StandardErrors.Note n : notes) {
            ObjectNode x = out.addObject();
            x.put("reason", n.reason().name());
            ArrayNode names = x.putArray("parameters");
            for (int i : n.parameters()) {
                names.add(parameters.get(i).path());
            }
            x.put("note", n.reason().phrase() + ": " + n.text());
        }
        return out;
    }

    private static String name(IntervalScale scale) {
        return scale.name().toLowerCase(Locale.ROOT);
    }

    private static JsonNode number(double v) {
        return Double.isFinite(v) ? JsonFiles.MAPPER.getNodeFactory().numberNode(v)
                : JsonFiles.MAPPER.getNodeFactory().textNode(Double.toString(v));
    }

    /**
     * {"lambda": value(0), "experts": [{"weight", "slope": [..], "intercept", "variance"}]} of per-index values; a
     * gated fit's in its own estimates' shape ({@link #byPath}).
     */
    private static ObjectNode shaped(List<ReportedParameter> parameters, int k, int d, IntFunction<JsonNode> value) {
        if (!constant(parameters, k, d)) {
            return byPath(parameters, value);
        }
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

    /** Whether {@code parameters} are the constant-gating layout of k experts in dimension d. */
    private static boolean constant(List<ReportedParameter> parameters, int k, int d) {
        return parameters.equals(ReportedParameter.constant(k, d));
    }

    /** A name, then its indices: {@code experts[1]}, {@code covariance[0][1]}, {@code intercept}. */
    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z]+)((?:\\[\\d+\\])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)\\]");

    /**
     * Each parameter's value at its path ({@link ReportedParameter#path}: dot-separated names, each with array
     * indices), the objects and arrays made as the paths need them; the paths come in the estimates' order, so every
     * array grows one element at a time.
     */
    private static ObjectNode byPath(List<ReportedParameter> parameters, IntFunction<JsonNode> value) {
        ObjectNode root = JsonFiles.MAPPER.createObjectNode();
        for (int p = 0; p < parameters.size(); p++) {
            String[] segments = parameters.get(p).path().split("\\.");
            ObjectNode at = root;
            for (int s = 0; s < segments.length; s++) {
                Matcher m = SEGMENT.matcher(segments[s]);
                if (!m.matches()) {
                    throw new IllegalStateException("parameter path " + parameters.get(p).path() + " (bug)");
                }
                List<Integer> indices = new ArrayList<>();
                Matcher ix = INDEX.matcher(m.group(2));
                while (ix.find()) {
                    indices.add(Integer.parseInt(ix.group(1)));
                }
                boolean last = s == segments.length - 1;
                if (indices.isEmpty()) {
                    if (last) {
                        at.set(m.group(1), value.apply(p));
                    } else {
                        at = at.has(m.group(1)) ? (ObjectNode) at.get(m.group(1)) : at.putObject(m.group(1));
                    }
                    continue;
                }
                ArrayNode array = at.has(m.group(1)) ? (ArrayNode) at.get(m.group(1)) : at.putArray(m.group(1));
                for (int q = 0; q < indices.size(); q++) {
                    int index = indices.get(q);
                    boolean leaf = q == indices.size() - 1;
                    if (leaf && last) {
                        array.add(value.apply(p));
                    } else if (leaf) {
                        at = index < array.size() ? (ObjectNode) array.get(index) : array.addObject();
                    } else {
                        array = index < array.size() ? (ArrayNode) array.get(index) : array.addArray();
                    }
                }
            }
        }
        return root;
    }
}
