package org.dgmoe.core.uncertainty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.em.gated.GatedEmFitter;
import org.dgmoe.core.em.gated.GatedFitResult;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.GatedModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A gated fit's standard errors against a Hessian computed outside dgmoe: numpy_gated_standard_errors.py (beside
 * this test's resources) writes the objective the gated EM maximises from scratch in numpy (ℓ under softmax gates
 * and a sigmoid λ(x); the joint likelihood of (x, y) under Gaussian gates), takes its second central differences
 * in the free reported parameters at dgmoe's estimate and inverts; its output numpy-gated-standard-errors-CASE.csv
 * is recorded. The data gated-CASE-n600.csv were written once from {@link GatedNumpyFixtures}' truths by dgmoe's
 * Simulator (seeds 20261207 softmax, 20261208 Gaussian); the fit is the gated EM with the defaults from the truth.
 * dgmoe works in other coordinates (log-variances, log-ratios of weights, a Cholesky factor) and carries its
 * information to these parameters by the delta method: at a maximum both give the same covariance.
 *
 * <p>Regenerate: {@code python3 core/src/test/resources/org/dgmoe/core/uncertainty/numpy_gated_standard_errors.py}.
 */
class GatedStandardErrorsNumpyTest {
    private static final String DIR = "/org/dgmoe/core/uncertainty/";

    /**
     * 1e-4 relative: both sides are finite differences. numpy's second differences of the objective at h = 1e-3 of
     * each parameter move a standard error by at most 2.6e-6 relative between h and 2h (the script prints it);
     * dgmoe's central differences of the analytic score (h = 1e-4·(1 + |u|)) are about 1e-8. Measured agreement:
     * at most 2e-6 (a variance of the softmax case). A wrong Jacobian entry or coordinate is an O(1) error.
     */
    private static final double RELATIVE = 1e-4;

    /** The recorded estimate is reproduced to this relative precision (it is recorded to 17 digits). */
    private static final double ESTIMATE = 1e-12;

    private static List<String[]> rows(String resource) throws IOException {
        try (InputStream in = GatedStandardErrorsNumpyTest.class.getResourceAsStream(DIR + resource)) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            List<String[]> out = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                out.add(line.split(","));
            }
            return out;
        }
    }

    static Dataset data(String gating) throws IOException {
        List<String[]> rows = rows("gated-" + gating + "-n600.csv");
        double[][] x = new double[rows.size()][];
        double[] y = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            x[i] = new double[] {Double.parseDouble(rows.get(i)[0])};
            y[i] = Double.parseDouble(rows.get(i)[1]);
        }
        return Dataset.ofRows(x, y);
    }

    @ParameterizedTest
    @ValueSource(strings = {"softmax", "gaussian"})
    void standardErrorsEqualThoseOfANumpyHessianOfTheObjective(String gating) throws IOException {
        Dataset data = data(gating);
        assertEquals(600, data.size());
        GatedModel truth = gating.equals("softmax") ? GatedNumpyFixtures.softmax() : GatedNumpyFixtures.gaussian();
        GatedEmFitter fitter = new GatedEmFitter(EmSettings.DEFAULTS);
        GatedFitResult fit = fitter.fit(data, truth);
        assertEquals(FitStatus.CONVERGED, fit.status());
        StandardErrors se = StandardErrors.of(fitter.observedInformation(data, fit), fit.status(), Caveats.none(2),
                0.95);
        assertEquals(StandardErrors.Status.COMPUTED, se.status());
        assertTrue(se.gated());

        List<String[]> numpy = rows("numpy-gated-standard-errors-" + gating + ".csv");
        assertEquals(se.size(), numpy.size());
        double[] estimate = se.estimate();
        double[] errors = se.standardErrors();
        for (int i = 0; i < se.size(); i++) {
            String[] row = numpy.get(i);
            assertEquals(row[0], se.name(i));
            double recorded = Double.parseDouble(row[1]);
            assertEquals(recorded, estimate[i], ESTIMATE * Math.max(1, Math.abs(recorded)), row[0]);
            double expected = Double.parseDouble(row[2]);
            if (Double.isNaN(expected)) {
                // expert 1's softmax gate: the reference, not estimated
                assertTrue(Double.isNaN(errors[i]), row[0]);
                assertEquals(List.of(Unreliable.NOT_ESTIMATED), se.reasons(i), row[0]);
            } else {
                assertEquals(expected, errors[i], RELATIVE * expected, row[0]);
                assertTrue(se.reliable(i), row[0] + ": " + se.reasons(i));
                assertTrue(se.lower()[i] < estimate[i] && estimate[i] < se.upper()[i], row[0]);
            }
        }
    }
}
