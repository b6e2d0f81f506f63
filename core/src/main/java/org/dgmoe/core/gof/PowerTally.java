package org.dgmoe.core.gof;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;

/**
 * The counts {@code power/} is computed from ({@link PowerSummary#of(Study, PowerTally)}): per (setting, n) of a
 * tested setting the replicates tested, per {@link TestKind} the replicates whose p-value is NaN (not computed: a
 * {@code tests/} table older than the statistic) and per level α of the setting's test block the rejections
 * p ≤ α. Integer sums, so {@link #merge} is associative and commutative and a sweep tallies each partition of its
 * tests on the executor that ran them, merging the tallies in any order into exactly the counts of all the rows:
 * the driver holds O(settings × sizes × tests × levels) numbers, never the tests (issue 26). Immutable and
 * Serializable (a Spark task's result).
 */
public final class PowerTally implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int KINDS = TestKind.values().length;
    private static final PowerTally EMPTY = new PowerTally(Map.of());

    /** A (setting, n) of a tested setting. */
    public record Cell(String setting, int n) implements Serializable {
        public Cell {
            if (setting == null || n < 1) {
                throw new IllegalArgumentException("setting, n: must be a name and >= 1, got " + setting + ", " + n);
            }
        }
    }

    /**
     * The counts of one cell. Filled only while {@link #of} tallies its rows, never changed once in a tally
     * ({@link #plus} makes a new one).
     */
    private static final class Counts implements Serializable {
        private static final long serialVersionUID = 1L;
        private int replicates;
        private final int[] notComputed;
        private final int[][] rejections;

        Counts(int levels) {
            notComputed = new int[KINDS];
            rejections = new int[KINDS][levels];
        }

        Counts plus(Counts o) {
            if (o.rejections[0].length != rejections[0].length) {
                throw new IllegalArgumentException("tallies: " + rejections[0].length + " and "
                        + o.rejections[0].length + " levels for one (setting, n)");
            }
            Counts sum = new Counts(rejections[0].length);
            sum.replicates = replicates + o.replicates;
            for (int k = 0; k < KINDS; k++) {
                sum.notComputed[k] = notComputed[k] + o.notComputed[k];
                for (int a = 0; a < sum.rejections[k].length; a++) {
                    sum.rejections[k][a] = rejections[k][a] + o.rejections[k][a];
                }
            }
            return sum;
        }
    }

    private final Map<Cell, Counts> cells;

    private PowerTally(Map<Cell, Counts> cells) {
        this.cells = cells;
    }

    /** The tally of no test. */
    public static PowerTally empty() {
        return EMPTY;
    }

    /**
     * The tally of {@code rows} (any order) of {@code study}'s tested settings, each counted at its setting's levels.
     *
     * @throws IllegalArgumentException when a row names an untested setting (or one the study lacks)
     */
    public static PowerTally of(Study study, Iterable<TestRow> rows) {
        Map<Cell, Counts> cells = new HashMap<>();
        for (TestRow r : rows) {
            Setting s = study.setting(r.setting());
            if (s.test() == null) {
                throw new IllegalArgumentException("rows: setting '" + r.setting() + "' has no test block");
            }
            double[] alphas = s.test().alphas();
            Counts c = cells.computeIfAbsent(new Cell(r.setting(), r.n()), k -> new Counts(alphas.length));
            c.replicates++;
            for (TestKind kind : TestKind.values()) {
                double p = r.pValue(kind);
                if (Double.isNaN(p)) {
                    c.notComputed[kind.ordinal()]++;
                }
                for (int a = 0; a < alphas.length; a++) {
                    if (p <= alphas[a]) { // false for NaN: a statistic not computed rejects nothing
                        c.rejections[kind.ordinal()][a]++;
                    }
                }
            }
        }
        return new PowerTally(Map.copyOf(cells));
    }

    /** The tally of this one's tests and {@code other}'s together. */
    public PowerTally merge(PowerTally other) {
        if (other.cells.isEmpty()) {
            return this;
        }
        if (cells.isEmpty()) {
            return other;
        }
        Map<Cell, Counts> merged = new HashMap<>(cells);
        other.cells.forEach((cell, counts) -> merged.merge(cell, counts, Counts::plus));
        return new PowerTally(Map.copyOf(merged));
    }

    /** Whether a test of {@code cell} was tallied. */
    public boolean has(Cell cell) {
        return cells.containsKey(cell);
    }

    /** The tests of {@code cell} tallied (R); 0 when none. */
    public int replicates(Cell cell) {
        Counts c = cells.get(cell);
        return c == null ? 0 : c.replicates;
    }

    /** The tests of {@code cell} whose p-value of {@code kind} is NaN (not computed). */
    public int notComputed(Cell cell, TestKind kind) {
        Counts c = cells.get(cell);
        return c == null ? 0 : c.notComputed[kind.ordinal()];
    }

    /** The tests of {@code cell} whose p-value of {@code kind} is ≤ the setting's {@code alphaIndex}-th level. */
    public int rejections(Cell cell, TestKind kind, int alphaIndex) {
        Counts c = cells.get(cell);
        return c == null ? 0 : c.rejections[kind.ordinal()][alphaIndex];
    }

    /** The cells and their counts, for messages and tests. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("PowerTally[");
        cells.entrySet().stream().sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(Cell::setting)
                .thenComparingInt(Cell::n))).forEach(e -> b.append(e.getKey().setting()).append('/')
                        .append(e.getKey().n()).append(": R=").append(e.getValue().replicates).append(" nan=")
                        .append(Arrays.toString(e.getValue().notComputed)).append(" rejections=")
                        .append(Arrays.deepToString(e.getValue().rejections)).append("; "));
        return b.append(']').toString();
    }
}
