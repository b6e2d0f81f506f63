package org.dgmoe.core.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dgmoe.core.em.Certificate;
import org.dgmoe.core.em.FitResult;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.field.Column;
import org.dgmoe.core.field.Field;
import org.dgmoe.core.field.Part;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.Expert;
import org.dgmoe.core.model.GaussianLinearG0;
import org.dgmoe.core.model.MixingMeasure;
import org.dgmoe.core.study.NearDegeneracy;
import org.junit.jupiter.api.Test;

/** The layouts of a fit (the row of fits/, the fit file) against the fields its parts declare. */
class FitRowFieldsTest {

    private static FitRow row(StartDifference check, Certificate certificate) {
        return new FitRow(new TaskId("s", "a", 200, 3, -7L),
                new FitDiagnostics(-12.5, 40, FitStatus.MAX_ITERATIONS, 9, 1e-7, Double.NaN, 0.25, 1e-3, 81), 11,
                new FittedParameters(0.75, new double[] {0.4, 0.6}, new double[][] {{1, -0.0}, {2, 3}},
                        new double[] {0, 1}, new double[] {0.5, 0.25}),
                new FitLosses(Map.of("voronoi", 0.125), Map.of("cell1_size", 2), 1),
                new NearDegeneracy(0.4, 60, 0.9, false), check, certificate, Map.of("g0_intercept", 0.5));
    }

    /** Every field of every part is laid out in fits/ exactly once; the per-study maps hold the rest. */
    @Test
    void theTableLaysOutEveryDeclaredFieldOnce() {
        Set<Field<?>> declared = new LinkedHashSet<>();
        for (Part<?> part : List.of(TaskId.PART, FitDiagnostics.PART, FittedParameters.PART, NearDegeneracy.PART,
                StartDifference.PART, Certificate.PART)) {
            declared.addAll(part.fields());
        }
        declared.addAll(FitDiagnostics.PASSES);
        declared.add(FitRow.TASK_MILLIS);
        declared.add(FitLosses.WASSERSTEIN_ORDER);
        assertEquals(declared, Set.copyOf(FitRow.FIELDS));
        assertEquals(declared.size(), FitRow.FIELDS.size());
        assertEquals("millis", FitRow.TASK_MILLIS.column());
        assertEquals(List.of("study", "setting", "n", "replicate", "seed", "status", "iterations", "log_likelihood",
                "millis", "fit_millis", "lambda_hat"), FitRow.LEADING.stream().limit(11).map(c -> c.field().column())
                .toList());
    }

    /**
     * A row read from its own columns' values is the row, with and without a start check and certificate, and with
     * a gated fit's pass counts (a constant fit's are −1).
     */
    @Test
    void aRowReadFromItsValuesIsTheRow() {
        FitRow constant = row(null, Certificate.NONE);
        FitRow gated = new FitRow(constant.task(), constant.diagnostics().withPasses(163, 150), constant.taskMillis(),
                constant.parameters(), constant.losses(), constant.nearDegeneracy(), null, new Certificate(3e-9, true, 0),
                constant.varied());
        assertEquals(-1, constant.diagnostics().likelihoodPasses());
        for (FitRow row : List.of(constant, gated,
                row(new StartDifference(-0.5, 0.25, Double.NaN, true), new Certificate(3e-9, true, 25)))) {
            Map<Field<?>, Object> values = new HashMap<>();
            List<Column<FitRow>> columns = new ArrayList<>(FitRow.LEADING);
            columns.addAll(FitRow.TRAILING);
            columns.forEach(c -> values.put(c.field(), c.get(row)));
            FitRow read = FitRow.read(values::get, row.losses().metrics(), row.losses().cellSizes(), row.varied());
            assertEquals(row, read);
        }
    }

    /** equals compares the certificate too: a row read with its passes unknown is another row. */
    @Test
    void rowsDifferingOnlyInTheCertificateDiffer() {
        Certificate c = new Certificate(3e-9, true, 25);
        assertEquals(row(null, c), row(null, new Certificate(3e-9, true, 25)));
        assertNotEquals(row(null, c), row(null, c.withUnknownPasses()));
        assertEquals(row(null, c).hashCode(), row(null, c.withUnknownPasses()).hashCode());
    }

    /** A fit file's keys after the parameters, in the order and spelling fit.json has always had. */
    @Test
    void theFitFileKeepsItsKeys() {
        assertEquals(List.of("logLikelihood", "iterations", "status", "millis", "lastRelativeChange", "lastChange",
                "lastStep", "scoreNorm", "emEvaluations", "newtonGain", "hessianNegativeDefinite", "certificatePasses"),
                FitDiagnostics.FIT_FILE.stream().map(c -> c.field().key()).toList());
        DeviatedModel model = new DeviatedModel(0.5, new MixingMeasure(new double[] {1},
                List.of(new Expert(new double[] {1}, 0, 1))), new GaussianLinearG0(new double[] {2}, 0, 1));
        FitResult fit = new FitResult(model, -3, 4, FitStatus.CONVERGED, 5, 0, 0, 0, 0, 6, new Certificate(1e-9, true, 8));
        assertEquals(List.of(-3.0, 4, FitStatus.CONVERGED, 5L, 0.0, 0.0, 0.0, 0.0, 6, 1e-9, true, 8),
                FitDiagnostics.FIT_FILE.stream().map(c -> c.get(fit)).toList());
    }
}
