package org.dgmoe.app.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.dgmoe.app.config.LoadedStudy;
import org.dgmoe.app.config.StudyConfigLoader;
import org.dgmoe.app.table.NullsTable;
import org.dgmoe.app.table.PowerTable;
import org.dgmoe.app.table.TestsTable;
import org.dgmoe.core.gof.NullFit;
import org.dgmoe.core.gof.NullSample;
import org.dgmoe.core.gof.PowerRow;
import org.dgmoe.core.gof.PowerSummary;
import org.dgmoe.core.gof.SweepGof;
import org.dgmoe.core.gof.TestKind;
import org.dgmoe.core.gof.TestRow;
import org.dgmoe.core.model.SigmoidDeviation;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A size and power study whose truth has a deviation weight λ(x) local in x (a sigmoid deviation with constant
 * gating; docs/gof.md, "A deviation local in x") runs end to end: its tests/ and power/ rows are there and are the
 * core computation of their keys, its null sample is the one of the constant-λ setting with the same g0,
 * covariates and fit (same key, same refits), power/ labels it by λ* = NaN and E_x λ(x), and its tables are
 * identical for 1 and 3 partitions.
 */
class LocalDeviationGofTest {
    private static final String STUDY = """
            shared {
              covariates { distribution = uniform, dimension = 1, min = -1.0, max = 1.0 }
              g0 { type = gaussian-nonlinear, function = sin, coefficients = [0.8, 3.0], variance = 1.0 }
              deviation = [ { weight = 1.0, slope = [2.0], intercept = 1.0, variance = 0.25 } ]
              fit { experts = 1, lambda = free, init = random, max-iterations = 2000 }
              test { bootstrap = 19, alpha = [0.05, 0.1] }
            }
            dgmoe.study {
              name = "gof-local-e2e"
              seed = 12
              replicates = 3
              sample-sizes = [80]
              settings = [
                { name = "local", covariates = ${shared.covariates}, g0 = ${shared.g0}, fit = ${shared.fit},
                  test = ${shared.test}, deviation { type = sigmoid },
                  truth { lambda { slope = [10.0], intercept = -6.0 }, experts = ${shared.deviation} } }
                { name = "constant", covariates = ${shared.covariates}, g0 = ${shared.g0}, fit = ${shared.fit},
                  test = ${shared.test}, truth { lambda = 0.2, experts = ${shared.deviation} } }
              ]
            }
            dgmoe.rates { bootstrap = 100 }
            """;
    private static final int B = 19;

    @TempDir
    static Path tmp;
    static Path config;
    static Study study;
    static Path one;

    @BeforeAll
    static void sweepOnOnePartition() throws Exception {
        config = tmp.resolve("local.conf");
        Files.writeString(config, STUDY);
        LoadedStudy loaded = StudyConfigLoader.load(config, List.of());
        study = loaded.study();
        one = tmp.resolve("one");
        sweep(one, 1);
    }

    private static void sweep(Path out, int partitions) {
        GofStageTest.Result r = GofStageTest.sweep(config, ConfigStudySource::of, "--out", out.toString(),
                "--partitions", Integer.toString(partitions));
        assertEquals(0, r.status(), r.err());
    }

    @Test
    void theLocalSettingSharesTheConstantSettingsNullSample() {
        Setting local = study.setting("local");
        Setting constant = study.setting("constant");
        assertTrue(local.gated());
        int n = 80;
        assertEquals(SweepGof.nullDescription(constant), SweepGof.nullDescription(local));
        assertEquals(SweepGof.nullKey(study, constant, n), SweepGof.nullKey(study, local, n));
        List<NullsTable.Entry> rows = GofStageTest.rows(one, NullsTable.FOLDER).stream().map(NullsTable::fromRow)
                .toList();
        List<NullFit> ofLocal = nullFits(rows, "local");
        assertEquals(B, ofLocal.size());
        assertEquals(nullFits(rows, "constant"), ofLocal, "the same refits, bit for bit");
        assertTrue(rows.stream().allMatch(e -> e.key() == SweepGof.nullKey(study, local, n)));
    }

    private static List<NullFit> nullFits(List<NullsTable.Entry> rows, String setting) {
        return rows.stream().filter(e -> e.setting().equals(setting)).sorted(Comparator.comparingInt(e -> e.fit()
                .index())).map(NullsTable.Entry::fit).toList();
    }

    @Test
    void testsAndPowerRowsAreTheCoreComputationWithTheGatedLabel() {
        Setting local = study.setting("local");
        int n = 80;
        List<NullFit> nulls = new ArrayList<>();
        for (int b = 0; b < B; b++) {
            nulls.add(SweepGof.nullRefit(study, local, n, b));
        }
        NullSample sample = NullSample.of(nulls);
        List<TestRow> tests = GofStageTest.rows(one, TestsTable.FOLDER).stream().map(TestsTable::fromRow).toList();
        assertEquals(2 * 3, tests.size(), "two settings × three replicates");
        for (int r = 0; r < study.replicates(); r++) {
            int rep = r;
            TestRow row = tests.stream().filter(t -> t.setting().equals("local") && t.replicate() == rep)
                    .findFirst().orElseThrow();
            assertEquals(SweepGof.test(study, local, n, r, sample), row, "local/" + r);
        }
        List<PowerRow> power = GofStageTest.rows(one, PowerTable.FOLDER).stream().map(PowerTable::fromRow).toList();
        assertEquals(2 * TestKind.values().length * 2, power.size(), "settings × tests × levels");
        assertEquals(PowerSummary.of(study, tests), power);
        double mean = PowerSummary.meanDeviationWeight(local);
        // E_x λ(x) for x ~ U(−1, 1), λ = sigmoid(10x − 6): (1/20)[softplus(4) − softplus(−16)] = 0.20091...; the
        // Monte Carlo mean over 2²⁰ points has standard error sd(λ(x))/1024 < 0.35/1024 ≈ 3.4e-4: 4 of them.
        double exact = (SigmoidDeviation.softplus(4) - SigmoidDeviation.softplus(-16)) / 20;
        assertEquals(exact, mean, 4 * 0.35 / 1024);
        for (PowerRow p : power) {
            if (p.setting().equals("local")) {
                assertTrue(Double.isNaN(p.lambdaTrue()), p.toString());
                assertEquals(mean, p.lambdaMean(), 0.0);
                assertNull(p.sizeVerdict(), "no size verdict: H0 does not hold");
                assertEquals("λ(x) by x, E_x λ(x) = 0.201", p.lambdaText());
            } else {
                assertEquals(0.2, p.lambdaTrue(), 0.0);
                assertEquals(0.2, p.lambdaMean(), 0.0);
            }
        }
    }

    @Test
    void tablesAreIdenticalForOneAndThreePartitions() {
        Path three = tmp.resolve("three");
        sweep(three, 3);
        for (String table : List.of(TestsTable.FOLDER, NullsTable.FOLDER, PowerTable.FOLDER)) {
            assertEquals(GofStageTest.text(one, table), GofStageTest.text(three, table), table);
        }
    }
}
