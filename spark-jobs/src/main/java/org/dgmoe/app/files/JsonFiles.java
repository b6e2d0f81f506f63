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
import org.dgmoe.app.config.StudySchema;
import org.dgmoe.core.em.FitResult;
import org.dgmoe.core.em.gated.GatedFitResult;
import org.dgmoe.core.field.Column;
import org.dgmoe.core.field.Field;
import org.dgmoe.core.field.Part;
import org.dgmoe.core.loss.CellError;
import org.dgmoe.core.loss.GatedCellError;
import org.dgmoe.core.loss.GatedLossReport;
import org.dgmoe.core.loss.LossReport;
import org.dgmoe.core.model.ConstantDeviation;
import org.dgmoe.core.model.ConstantGating;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Deviation;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.G0;
import org.dgmoe.core.model.GatedModel;
import org.dgmoe.core.model.Gating;
import org.dgmoe.core.model.GaussianGating;
import org.dgmoe.core.model.MixingMeasure;
import org.dgmoe.core.model.SigmoidDeviation;
import org.dgmoe.core.model.SoftmaxGating;
import org.dgmoe.core.summary.FitDiagnostics;
import org.dgmoe.core.summary.FitLosses;

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

    /**
     * Reads the parameters in {@code file} as a model of a family gated by x: the names of a setting's gated
     * truth ({@link #gatedModel}), read by the truth's own reader ({@link Parameters#truth}) with its checks and
     * messages; a fit file is accepted too (its result fields are ignored).
     *
     * @param expectedExperts required number of experts, or 0 for any
     */
    public static GatedModel readGatedModel(Path file, G0 g0, int d, Gating.Type gating, Deviation.Type deviation,
            int expectedExperts, String expectedWhy) {
        JsonNode tree = readTree(file);
        Problems problems = new Problems(file + ": ");
        Node node = Node.of(problems, "", MAPPER.convertValue(tree, Object.class));
        GatedModel model = null;
        if (node != null) {
            model = Parameters.truth(node, g0, d, gating, deviation);
            if (model != null && expectedExperts > 0 && model.size() != expectedExperts) {
                problems.add(node.path(StudySchema.EXPERTS.name()), "must hold " + expectedWhy + " = "
                        + expectedExperts + " experts, got " + model.size());
            }
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

    /**
     * The parameters of a model gated by x as a JSON object, in the names a setting's gated truth uses
     * (docs/config.md, "Gated models"), so that {@link #readGatedModel} reads it back: {@code lambda} a number, or
     * {@code {slope, intercept}} for a sigmoid λ(x); each expert's {@code gate} ({@code {slope, intercept}} for
     * softmax, with expert 1's gate at zero, {@link SoftmaxGating#normalised()}; {@code {weight, mean, covariance}}
     * for Gaussian), or its {@code weight} under constant gating, then {@code slope, intercept, variance}.
     */
    public static ObjectNode gatedModel(GatedModel model) {
        ObjectNode o = MAPPER.createObjectNode();
        if (model.deviation() instanceof SigmoidDeviation s) {
            ObjectNode lambda = o.putObject(StudySchema.LAMBDA_TRUE.name());
            doubles(lambda.putArray(StudySchema.LAMBDA_SLOPE.name()), s.slope());
            putDouble(lambda, StudySchema.LAMBDA_INTERCEPT.name(), s.intercept());
        } else {
            putDouble(o, StudySchema.LAMBDA_TRUE.name(), ((ConstantDeviation) model.deviation()).lambda());
        }
        Gating gating = model.gating() instanceof SoftmaxGating s ? s.normalised() : model.gating();
        ArrayNode experts = o.putArray(StudySchema.EXPERTS.name());
        for (int i = 0; i < model.size(); i++) {
            ObjectNode x = experts.addObject();
            if (gating instanceof ConstantGating c) {
                putDouble(x, StudySchema.WEIGHT.name(), c.weight(i));
            } else if (gating instanceof SoftmaxGating s) {
                ObjectNode gate = x.putObject(StudySchema.EXPERT_GATE.name());
                doubles(gate.putArray(StudySchema.GATE_SLOPE.name()), s.slope()[i]);
                putDouble(gate, StudySchema.GATE_INTERCEPT.name(), s.intercept(i));
            } else {
                GaussianGating g = (GaussianGating) gating;
                ObjectNode gate = x.putObject(StudySchema.EXPERT_GATE.name());
                putDouble(gate, StudySchema.GATE_WEIGHT.name(), g.weight(i));
                doubles(gate.putArray(StudySchema.GATE_MEAN.name()), g.mean(i));
                ArrayNode rows = gate.putArray(StudySchema.GATE_COVARIANCE.name());
                for (double[] row : g.covariance(i)) {
                    doubles(rows.addArray(), row);
                }
            }
            Expert e = model.expert(i);
            ArrayNode slope = x.putArray(StudySchema.SLOPE.name());
            for (int j = 0; j < e.dimension(); j++) {
                slope.add(e.slope(j));
            }
            putDouble(x, StudySchema.INTERCEPT.name(), e.intercept());
            putDouble(x, StudySchema.VARIANCE.name(), e.variance());
        }
        return o;
    }

    /**
     * A gated fit's file: the fitted parameters ({@link #gatedModel}), then the outcome of the fit under the keys of
     * a constant fit's ({@link FitDiagnostics#GATED_FIT_FILE}).
     */
    public static ObjectNode gatedFit(GatedFitResult r) {
        ObjectNode o = gatedModel(r.model());
        for (Column<GatedFitResult> c : FitDiagnostics.GATED_FIT_FILE) {
            put(o, c.field(), c.get(r));
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

    /**
     * A gated fit's loss file: its metrics under the names of a gated task's {@code fits/} columns
     * ({@link FitLosses#of(GatedLossReport, GatedModel)}, {@link org.dgmoe.core.loss.Metrics#names(GatedModel)}),
     * the cell sizes {@code cell{j}_size}, and {@code cells}: per true atom the fitted atoms of its Voronoi cell
     * ({@code atom} 1-based, {@code members} 0-based indices into the fit's experts).
     */
    public static ObjectNode gatedLoss(GatedLossReport r, GatedModel truth) {
        ObjectNode o = MAPPER.createObjectNode();
        FitLosses losses = FitLosses.of(r, truth);
        losses.metrics().forEach((name, v) -> putDouble(o, name, v));
        losses.cellSizes().forEach(o::put);
        ArrayNode cells = o.putArray("cells");
        for (GatedCellError c : r.cells()) {
            ObjectNode cell = cells.addObject();
            cell.put("atom", c.atom());
            ArrayNode members = cell.putArray("members");
            for (int m : c.members()) {
                members.add(m);
            }
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
