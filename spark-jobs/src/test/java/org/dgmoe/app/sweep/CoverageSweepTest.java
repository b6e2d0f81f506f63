package org.dgmoe.app.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.dgmoe.app.config.LoadedStudy;
import org.dgmoe.app.config.StudyConfigLoader;
import org.dgmoe.app.table.CoverageTable;
import org.dgmoe.app.table.FitsTable;
import org.dgmoe.core.gof.PowerSummary;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.TaskRunner;
import org.dgmoe.core.summary.CoverageRow;
import org.dgmoe.core.summary.FitRow;
import org.dgmoe.core.summary.TaskId;
import org.dgmoe.core.uncertainty.MatchedIntervals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real sweep with an {@code intervals} block of all three methods (Wald, and the bootstrap's percentile and basic
 * intervals of B = {@value #B} parametric refits per fit): every fit's intervals in {@code fits/} equal the core
 * computation of its key on the driver, {@code coverage/} holds counts recomputed here from those columns and the
 * truth, and neither table depends on the partitioning (1 and 3 partitions): the refits are keyed by the task's
 * seed, whichever partition runs the task.
 */
class CoverageSweepTest {
    static final int B = 20;
    static final List<String> METHODS = List.of("wald", "bootstrap-percentile", "bootstrap-basic");
    static final String STUDY = """
            dgmoe.study {
              name = "coverage-test"
              seed = 23
              replicates = 5
              sample-sizes = [200, 400]
              intervals { methods = [wald, bootstrap-percentile, bootstrap-basic], level = 0.9, bootstrap = 20 }
              settings = [
                {
                  name = "exact-fit"
                  covariates { distribution = uniform, dimension = 1, min = 0.0, max = 1.0 }
                  g0 { type = student-t, slope = [0.5], intercept = 0.0, scale = 0.5, dof = 3 }
                  truth { lambda = 0.5, experts = [ { weight = 0.5, slope = [-2.0], intercept = 1.0, variance = 0.09 }
                                                   { weight = 0.5, slope = [2.0], intercept = -1.0, variance = 0.16 } ] }
                  fit { experts = 2, lambda = free, init = near-truth, bounds { variance = 0.05 } }
                }
                {
                  name = "over-fit"
                  covariates { distribution = uniform, dimension = 1, min = 0.0, max = 1.0 }
                  g0 { type = student-t, slope = [0.5], intercept = 0.0, scale = 0.5, dof = 3 }
                  truth { lambda = 0.5, experts = [ { weight = 0.5, slope = [-2.0], intercept = 1.0, variance = 0.09 }
                                                   { weight = 0.5, slope = [2.0], intercept = -1.0, variance = 0.16 } ] }
                  fit { experts = 3, lambda = free, init = near-truth, bounds { variance = 0.05 } }
                }
              ]
            }
            dgmoe.rates { bootstrap = 100 }
            """;

    /** λ*, p*_1, p*_2, then (a*, b*, σ*) of each true atom: the layout of every row's intervals. */
    static final double[] TRUTH = {0.5, 0.5, 0.5, -2.0, 1.0, 0.09, 2.0, -1.0, 0.16};

    @TempDir
    Path tmp;

    @Test
    void fitsCarryTheirIntervalsAndCoverageCountsThemWhateverThePartitioning() throws Exception {
        Path config = Files.writeString(tmp.resolve("coverage.conf"), STUDY);
        Path one = tmp.resolve("one");
        Path three = tmp.resolve("three");
        TestSweeps.Result r1 = TestSweeps.sweep(config, "--out", one.toString(), "--partitions", "1");
        assertEquals(0, r1.status(), r1.err());
        TestSweeps.Result r3 = TestSweeps.sweep(config, "--out", three.toString(), "--partitions", "3");
        assertEquals(0, r3.status(), r3.err());

        LoadedStudy loaded = StudyConfigLoader.load(config, List.of());
        FitsTable table = new FitsTable(loaded.study());
        List<FitRow> fits = fits(table, one);
        assertEquals(20, fits.size());
        // the fits and their intervals do not depend on the partitioning (wall times aside)
        List<FitRow> other = fits(table, three);
        for (int i = 0; i < fits.size(); i++) {
            assertEquals(fits.get(i), other.get(i).withWallTimes(fits.get(i).taskMillis(),
                    fits.get(i).diagnostics().fitMillis()));
        }
        // coverage/ is the same table, row for row, bit for bit
        List<Row> coverage = rows(one);
        assertEquals(coverage, rows(three));
        assertEquals(2 * 2 * 9 * 3, coverage.size(), "2 settings × 2 sizes × 9 parameters × 3 methods");

        // each fit's intervals are the driver's computation of its key
        TaskRunner runner = new TaskRunner(loaded.study());
        for (FitRow f : List.of(fits.get(0), fits.get(1), fits.get(19))) { // exact fits and an over-fitted one
            Setting s = loaded.study().setting(f.setting());
            assertEquals(runner.run(s, f.n(), f.replicate()).intervals(), f.intervals(), f.task().toString());
        }
        for (FitRow f : fits) {
            assertEquals(METHODS, f.intervals().stream().map(m -> m.method().configName()).toList());
            for (MatchedIntervals m : f.intervals()) {
                assertEquals(9, m.size());
                boolean overFitted = f.setting().equals("over-fit");
                for (String note : m.notes()) {
                    assertEquals(overFitted, note.contains("over-fitted"), f.task() + ": " + note);
                }
            }
            // the bootstrap intervals are not the Wald ones (a producer copying another's would pass the rest)
            assertFalse(Arrays.equals(f.intervals().get(0).lower(), f.intervals().get(1).lower()), f.task().toString());
            assertFalse(Arrays.equals(f.intervals().get(1).lower(), f.intervals().get(2).lower()), f.task().toString());
        }

        // every count of coverage/, recomputed from the fits' columns and the truth
        int checked = 0;
        for (Row row : coverage) {
            CoverageRow c = CoverageTable.fromRow(row);
            int index = List.of("lambda", "experts[0].weight", "experts[1].weight", "experts[0].slope[0]",
                    "experts[0].intercept", "experts[0].variance", "experts[1].slope[0]", "experts[1].intercept",
                    "experts[1].variance").indexOf(c.parameter());
            assertTrue(index >= 0, c.parameter());
            int method = METHODS.indexOf(c.method().configName());
            assertEquals(TRUTH[index], c.truth(), 0.0);
            int replicates = 0;
            int covered = 0;
            int marked = 0;
            int markedCovered = 0;
            int missing = 0;
            for (FitRow f : fits) {
                if (!f.setting().equals(c.setting()) || f.n() != c.n()) {
                    continue;
                }
                MatchedIntervals m = f.intervals().get(method);
                double lo = m.lower()[index];
                double hi = m.upper()[index];
                boolean holds = lo <= TRUTH[index] && TRUTH[index] <= hi;
                replicates++;
                covered += holds ? 1 : 0;
                marked += m.notes()[index].isEmpty() ? 0 : 1;
                markedCovered += holds && !m.notes()[index].isEmpty() ? 1 : 0;
                missing += Double.isNaN(lo) ? 1 : 0;
            }
            assertEquals(5, replicates);
            assertEquals(replicates, c.replicates());
            assertEquals(covered, c.covered(), c.toString());
            assertEquals(marked, c.unreliable(), c.toString());
            assertEquals(markedCovered, c.unreliableCovered(), c.toString());
            assertEquals(missing, c.noInterval(), c.toString());
            assertEquals(covered / 5.0, c.coverage(), 0.0);
            assertArrayEquals(PowerSummary.clopperPearson(covered, 5), new double[] {c.ciLow(), c.ciHigh()}, 0.0);
            assertEquals(0.9, c.level(), 0.0);
            checked++;
        }
        assertEquals(108, checked);
        // over-fitted: every interval is marked; per method, the intervals of this small study are not all covered
        // or all missed (a coverage of 0 or 1 everywhere would mean the counts are not wired)
        assertTrue(coverage.stream().map(CoverageTable::fromRow).filter(c -> c.setting().equals("over-fit"))
                .allMatch(c -> c.unreliable() == c.replicates()));
        for (String m : METHODS) {
            long covered = coverage.stream().map(CoverageTable::fromRow).filter(c -> c.method().configName()
                    .equals(m)).mapToLong(CoverageRow::covered).sum();
            assertTrue(covered > 0 && covered < 36 * 5, m + ": covered " + covered);
        }
    }

    private static List<FitRow> fits(FitsTable table, Path out) {
        return SparkTestSession.get().read().parquet(out.resolve(FitsTable.FOLDER).toString())
                .orderBy(TaskId.SETTING.column(), TaskId.N.column(), TaskId.REPLICATE.column()).collectAsList().stream()
                .map(table::fromRow).toList();
    }

    private static List<Row> rows(Path out) {
        return SparkTestSession.get().read().parquet(out.resolve(CoverageTable.FOLDER).toString()).collectAsList();
    }
}
