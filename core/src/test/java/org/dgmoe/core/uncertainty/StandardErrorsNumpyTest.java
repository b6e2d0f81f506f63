package org.dgmoe.core.uncertainty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dgmoe.core.em.EmFitter;
import org.dgmoe.core.em.EmSettings;
import org.dgmoe.core.em.FitResult;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.model.Dataset;
import org.junit.jupiter.api.Test;

/**
 * dgmoe's standard errors against a Hessian computed outside dgmoe: numpy_standard_errors.py (beside this test's
 * resources) takes central finite differences of ℓ alone, written from scratch in numpy, in the reported
 * parameters (λ, p_1, a_i, b_i, σ_i with p_2 = 1 − p_1) at dgmoe's estimate, and inverts; its output
 * numpy-standard-errors.csv is recorded. The data (quickstart-n1000.csv) were written once from the quickstart's
 * truth by dgmoe's Simulator (n = 1000, task seed 20261207); the fit is EmFitter with the defaults from the truth.
 *
 * <p>Regenerate: {@code python3 core/src/test/resources/org/dgmoe/core/uncertainty/numpy_standard_errors.py}.
 */
class StandardErrorsNumpyTest {
    private static final String DIR = "/org/dgmoe/core/uncertainty/";

    /**
     * 1e-4 relative: the two sides are both finite differences. numpy's second differences of ℓ at h = 1e-3 of
     * each parameter's scale move a standard error by at most 3.3e-6 relative between h and 2h (the script prints
     * it), so their own error is about 1e-6; dgmoe's central differences of the analytic score (h = 1e-4 of the
     * scale) are about 1e-8. Measured agreement: at most 7e-7. 1e-4 leaves room for rounding on other machines
     * and would still catch any wrong Jacobian entry or coordinate (an error there is O(1), or at least the
     * relative size of a neglected term such as x̄ in ∂b/∂a).
     */
    private static final double RELATIVE = 1e-4;

    /** The recorded estimate is reproduced to this relative precision (a converged fit's digits; 1e-8 of ℓ). */
    private static final double ESTIMATE = 1e-7;

    static Dataset data() throws IOException {
        List<double[]> rows = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (String line : lines("quickstart-n1000.csv").subList(1, 1001)) {
            String[] f = line.split(",");
            rows.add(new double[] {Double.parseDouble(f[0])});
            ys.add(Double.parseDouble(f[1]));
        }
        return Dataset.ofRows(rows.toArray(new double[0][]), ys.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = StandardErrorsNumpyTest.class.getResourceAsStream(DIR + resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Test
    void standardErrorsEqualThoseOfANumpyHessianOfTheLogLikelihood() throws IOException {
        Dataset data = data();
        assertEquals(1000, data.size());
        EmFitter fitter = new EmFitter(EmSettings.DEFAULTS);
        FitResult fit = fitter.fit(data, Quickstart.truth());
        assertEquals(FitStatus.CONVERGED, fit.status());
        StandardErrors se = StandardErrors.of(fitter.observedInformation(data, fit), fit.status(), Caveats.none(2),
                0.95);
        assertEquals(StandardErrors.Status.COMPUTED, se.status());
        assertTrue(se.notes().isEmpty(), se.notes()::toString);

        Map<String, double[]> numpy = new LinkedHashMap<>();
        for (String line : lines("numpy-standard-errors.csv").subList(1, 10)) {
            String[] f = line.split(",");
            numpy.put(f[0], new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])});
        }
        assertEquals(se.size(), numpy.size());
        double[] estimate = se.estimate();
        double[] errors = se.standardErrors();
        for (int i = 0; i < se.size(); i++) {
            String name = StandardErrors.name(2, 1, i);
            double[] expected = numpy.get(name);
            assertEquals(expected[0], estimate[i], ESTIMATE * Math.abs(expected[0]), name + ": the recorded estimate");
            assertEquals(expected[1], errors[i], RELATIVE * expected[1], name + ": standard error");
        }
    }
}
