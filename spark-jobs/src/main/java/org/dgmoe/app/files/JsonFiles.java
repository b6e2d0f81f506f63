package org.dgmoe.app.files;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dgmoe.app.base.InputException;
import org.dgmoe.app.config.Node;
import org.dgmoe.app.config.Parameters;
import org.dgmoe.app.config.Problems;
import org.dgmoe.core.em.FitResult;
import org.dgmoe.core.field.Column;
import org.dgmoe.core.field.Field;
import org.dgmoe.core.field.Part;
import org.dgmoe.core.loss.CellError;
import org.dgmoe.core.loss.LossReport;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.G0;
import org.dgmoe.core.model.MixingMeasure;
import org.dgmoe.core.summary.FitDiagnostics;

/**
 * The JSON files of the command line: parameters ({@code {"lambda", "experts": [{"weight", "slope",
 * "intercept", "variance"}]}}), fits (parameters plus the fit's outcome) and losses. Doubles are
 * written in a form that reads back to the same double (Double.toString); non-finite values (a failed
 * fit's log-likelihood) are written as the strings "NaN", "Infinity", "-Infinity".
 */
public final class JsonFiles {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private JsonFiles() {
    }

    /**
     * Reads the parameters in {@code file} as a model of the given family; a fit file is accepted
     * too (its result fields are ignored).
     *
     * @param expectedExperts required number of experts, or 0 for any
     */
    public static DeviatedModel readModel(Path file, G0 g0, int d, int expectedExperts, String expectedWhy) {
        JsonNode tree = readTree(file);
        Problems problems = new Problems(file + ": ");
        Node node = Node.of(problems, "", MAPPER.convertValue(tree, Object.class));
        DeviatedModel model = null;
        if (node != null) {
            model = Parameters.model(node, g0, d, expectedExperts, expectedWhy);
            node.allow(Parameters.FIT_RESULT_KEYS);
            node.finish();
        }
        problems.throwIfAny();
        return model;
    }

    private static JsonNode readTree(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file + ": " + (Files.exists(file) ? "not a regular file" : "no such file"));
        }
        try {
            JsonNode tree = MAPPER.readTree(file.toFile());
            if (tree == null || tree.isMissingNode()) {
                throw new InputException(file + ": empty; expected a JSON object");
            }
            return tree;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr()
                    + ": ";
            throw new InputException(file + ":" + where + "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** The parameters of {@code model} as a JSON object. */
    public static ObjectNode model(DeviatedModel model) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("lambda", model.lambda());
        ArrayNode experts = o.putArray("experts");
        MixingMeasure g = model.mixing();
        for (int i = 0; i < g.size(); i++) {
            Expert e = g.expert(i);
            ObjectNode x = experts.addObject();
            x.put("weight", g.weight(i));
            ArrayNode slope = x.putArray("slope");
            for (int j = 0; j < e.dimension(); j++) {
                slope.add(e.slope(j));
            }
            x.put("intercept", e.intercept());
            x.put("variance", e.variance());
        }
        return o;
    }

    /** A fit file: the fitted parameters, then the outcome of the fit ({@link FitDiagnostics#FIT_FILE}). */
    public static ObjectNode fit(FitResult r) {
        ObjectNode o = model(r.model());
        for (Column<FitResult> c : FitDiagnostics.FIT_FILE) {
            put(o, c.field(), c.get(r));
        }
        return o;
    }

    /** The fields of {@code part} of {@code value} under their keys, as {@link #fit} writes a fit's outcome. */
    public static <P> ObjectNode part(Part<P> part, P value) {
        ObjectNode o = MAPPER.createObjectNode();
        for (Field<P> f : part.fields()) {
            put(o, f, f.get(value));
        }
        return o;
    }

    /**
     * The value of a declared field under its key: doubles as {@link #putDouble}, an enum as its constant
     * name ({@code CONVERGED}), arrays as arrays; null leaves the key out.
     */
    static void put(ObjectNode o, Field<?> field, Object value) {
        if (value == null) {
            return;
        }
        String key = field.key();
        switch (field.type()) {
            case STRING -> o.put(key, (String) value);
            case INT -> o.put(key, (Integer) value);
            case LONG -> o.put(key, (Long) value);
            case DOUBLE -> putDouble(o, key, (Double) value);
            case BOOLEAN -> o.put(key, (Boolean) value);
            case ENUM -> o.put(key, ((Enum<?>) value).name());
            case DOUBLE_ARRAY -> doubles(o.putArray(key), (double[]) value);
            case DOUBLE_MATRIX -> {
                ArrayNode rows = o.putArray(key);
                for (double[] row : (double[][]) value) {
                    doubles(rows.addArray(), row);
                }
            }
        }
    }

    private static void doubles(ArrayNode array, double[] values) {
        for (double v : values) {
            if (Double.isFinite(v)) {
                array.add(v);
            } else {
                array.add(Double.toString(v));
            }
        }
    }

    /** A loss file. */
    public static ObjectNode loss(LossReport r) {
        ObjectNode o = MAPPER.createObjectNode();
        putDouble(o, "voronoi", r.voronoi());
        putDouble(o, "generalizedWasserstein", r.generalizedWasserstein());
        o.put("wassersteinOrder", r.wassersteinOrder());
        putDouble(o, "hellinger", r.hellinger());
        putDouble(o, "lambdaError", r.lambdaError());
        ArrayNode cells = o.putArray("cells");
        for (CellError c : r.cells()) {
            cells.add(cell(c));
        }
        if (r.g0Cell() != null) {
            o.set("g0Cell", cell(r.g0Cell()));
        }
        return o;
    }

    private static ObjectNode cell(CellError c) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("atom", c.atom());
        ArrayNode members = o.putArray("members");
        for (int m : c.members()) {
            members.add(m);
        }
        putDouble(o, "massError", c.massError());
        putDouble(o, "slopeError", c.slopeError());
        putDouble(o, "interceptError", c.interceptError());
        putDouble(o, "varianceError", c.varianceError());
        return o;
    }

    /** Finite doubles as numbers; NaN and infinities as strings (JSON has no such numbers). */
    public static void putDouble(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.put(key, Double.toString(v));
        }
    }

    /** Writes {@code json} to {@code target} atomically, with a final newline. */
    public static void write(Path target, JsonNode json) {
        OutputFiles.write(target, w -> {
            w.write(MAPPER.writeValueAsString(json));
            w.write('\n');
        });
    }
}
