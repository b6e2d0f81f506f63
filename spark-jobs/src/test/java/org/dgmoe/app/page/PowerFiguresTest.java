package org.dgmoe.app.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dgmoe.app.page.Figures.Figure;
import org.dgmoe.app.page.PowerFigures;
import org.dgmoe.core.gof.PowerRow;
import org.dgmoe.core.gof.PowerSummary;
import org.dgmoe.core.gof.TestKind;
import org.dgmoe.core.gof.TestRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The size and power figures of fixture tables: which figures a family of settings gets, and their files. */
class PowerFiguresTest {
    static final String MANIFEST = """
            {"resolved_config": {"study": {"settings": [
              {"name": "g-0", "g0": {"type": "gaussian-linear"}, "truth": {"lambda": 0, "experts": [1]}, "theory": {"a": 1}},
              {"name": "g-0.1", "g0": {"type": "gaussian-linear"}, "truth": {"lambda": 0.1, "experts": [1]}},
              {"name": "other", "g0": {"type": "student-t"}, "truth": {"lambda": 0.1, "experts": [1]}}
            ]}}}
            """;

    @Test
    void settingsThatDifferOnlyInLambdaFormOneFamily() throws Exception {
        JsonNode m = new ObjectMapper().readTree(MANIFEST);
        Map<String, String> f = PowerFigures.families(m, List.of("g-0", "g-0.1", "other"));
        assertEquals(Map.of("g-0", "g-0", "g-0.1", "g-0", "other", "other"), f);
    }

    /**
     * A truth whose λ depends on x ({@code truth.lambda} an object) is its own family, even beside another that
     * differs only in λ(x); its figures are titled by its mean weight E_x λ(x), and it has no QQ plot (not H0).
     */
    @Test
    void aGatedTruthIsItsOwnFamilyPlacedByItsMeanWeight(@TempDir Path dir) throws Exception {
        JsonNode m = new ObjectMapper().readTree("""
                {"resolved_config": {"study": {"settings": [
                  {"name": "right", "deviation": {"type": "sigmoid"}, "truth": {"lambda": {"slope": [10.0],
                   "intercept": -8.5}, "experts": [1]}},
                  {"name": "left", "deviation": {"type": "sigmoid"}, "truth": {"lambda": {"slope": [-10.0],
                   "intercept": -8.5}, "experts": [1]}}
                ]}}}
                """);
        assertEquals(Map.of("right", "right", "left", "left"), PowerFigures.families(m, List.of("right", "left")));
        List<PowerRow> power = new ArrayList<>();
        Map<String, TreeMap<Integer, double[]>> nulls = new LinkedHashMap<>();
        for (int n : new int[] {300, 1000}) {
            for (TestKind k : TestKind.values()) {
                power.add(PowerSummary.row("right", n, k, 0.05, Double.NaN, 0.085, 10, 6, k.sharedNull() ? 19 : 0));
            }
            nulls.computeIfAbsent("right", k -> new TreeMap<>()).put(n, new double[] {0, 0.5, 1, 2, 4});
        }
        List<Figure> figures = PowerFigures.draw(new PowerFigures.Tables(power, List.of(), nulls), m, dir,
                new HashSet<>());
        assertEquals(List.of("right: power at α = 0.05 against n, λ(x) by x, E_x λ(x) = 0.085",
                "right: null distribution of T per n, P(T* ≥ t)"), figures.stream().map(Figure::title).toList());
    }

    @Test
    void drawsPowerAgainstLambdaAndNTheQqPlotAndTheNullDistribution(@TempDir Path dir) throws Exception {
        JsonNode m = new ObjectMapper().readTree(MANIFEST);
        List<PowerRow> power = new ArrayList<>();
        List<TestRow> tests = new ArrayList<>();
        Map<String, TreeMap<Integer, double[]>> nulls = new LinkedHashMap<>();
        for (String s : List.of("g-0", "g-0.1", "other")) {
            double lambda = s.equals("g-0") ? 0 : 0.1;
            for (int n : new int[] {100, 1000}) {
                for (TestKind k : TestKind.values()) {
                    power.add(PowerSummary.row(s, n, k, 0.05, lambda, 10, lambda == 0 ? 1 : 6, k.sharedNull() ? 19 : 0));
                }
                for (int r = 0; r < 10; r++) {
                    double p = (r + 1) / 20.0;
                    tests.add(new TestRow("st", s, n, r, r, 1, -1, p, r, 19, 0, false, false, 0.1, p, 0.1, p, 0.2, p,
                            0, 1, p, 2, p, 3, p, 4, p, 4, p, p, p, 5, p, p));
                }
                nulls.computeIfAbsent(s, k -> new TreeMap<>()).put(n, new double[] {0, 0.5, 1, 2, 4});
            }
        }
        List<Figure> figures = PowerFigures.draw(new PowerFigures.Tables(power, tests, nulls), m, dir, new HashSet<>());
        List<String> titles = figures.stream().map(Figure::title).toList();
        // family g-0: against λ* at n = 100 and 1000; against n at λ* = 0 and 0.1; the QQ and null figures of
        // its H0 member; family other: against n at 0.1 and its null figure
        assertEquals(List.of(
                "g-0: power at α = 0.05 against λ*, n = 100",
                "g-0: power at α = 0.05 against λ*, n = 1000",
                "g-0: size at α = 0.05 against n, λ* = 0.0",
                "g-0: power at α = 0.05 against n, λ* = 0.1",
                "other: power at α = 0.05 against n, λ* = 0.1",
                "g-0: p-values under H0 against U(0, 1), every n pooled",
                "g-0: null distribution of T per n, P(T* ≥ t)",
                "other: null distribution of T per n, P(T* ≥ t)"), titles);
        for (Figure f : figures) {
            assertTrue(Files.size(dir.resolve(f.png())) > 1000 && Files.size(dir.resolve(f.svg())) > 1000, f.png());
        }
        assertEquals(figures.size(), figures.stream().map(Figure::png).distinct().count(), "one file per figure");
        // g-0: 1 of 10 rejected at 0.05 with B = 19 (band 0.05 ± 1.96·√(0.0475·(1/10 + 1/19)) ∋ 0.1), KS too
        // (3 settings × 2 sizes × 11 tests power rows; the H0 setting's 2 × 11 cells have a verdict)
        assertEquals("goodness of fit: 60 tests, 66 power rows; size verdicts of 22 (setting, n, test, α) cells under "
                + "H0: 22 within the band, 0 above, 0 below (a 95% band: about 1 in 20 outside by chance)\n",
                PowerFigures.summary(new PowerFigures.Tables(power, tests, nulls)));
    }
}
