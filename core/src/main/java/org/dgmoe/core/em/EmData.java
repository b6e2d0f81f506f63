package org.dgmoe.core.em;

import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.DeviatedModel;
import org.dgmoe.core.model.G0;

/**
 * A data set as EM reads it under one g0: the centred frame ({@link WeightedLeastSquares.Frame}) and
 * log g0(yₙ|xₙ) at every point, the two constants of a fit that depend on the data and g0 alone (reference §3:
 * t_0n = log(1 − λ) + log g0(yₙ|xₙ)). {@link EmFitter#fit(Dataset, DeviatedModel)} computes them for each fit;
 * a caller that fits one data set many times (the likelihood-ratio test's random starts and their
 * continuations, about a dozen fits per data set and B + 1 data sets per test) makes them once here and passes
 * this to {@link EmFitter#fit(EmData, DeviatedModel)}, with the same numbers bit for bit.
 *
 * <p>Immutable once made: the arrays are never written after {@link #of} and are not handed out. At general d
 * it also holds the data in the fast pass's blocks ({@link BlockedColumns}), n·(d + 1) doubles in one array.
 */
public final class EmData {
    private final Dataset data;
    private final G0 g0;
    final WeightedLeastSquares.Frame frame;
    /** log g0 at every point; null for g0 none, or a single fit from λ = 1 (no g0 term in the E-step). */
    final double[] logG0;
    /**
     * x − shift and y in the blocks the fast pass reads at d = 8 and d ≥ 11 ({@link EmWorkspace#readsBlocks}), laid
     * out once here so that no pass copies them; null at other d (their pass copies its blocks: cheaper there).
     */
    final BlockedColumns blocks;

    private EmData(Dataset data, G0 g0, WeightedLeastSquares.Frame frame, double[] logG0) {
        this.data = data;
        this.g0 = g0;
        this.frame = frame;
        this.logG0 = logG0;
        int d = data.dimension();
        this.blocks = EmWorkspace.readsBlocks(data.size(), d, EmWorkspace.VECTOR)
                ? BlockedColumns.of(data.columnView(), frame.xShift, frame.y, d) : null;
    }

    /**
     * The frame and log g0 of {@code data} under {@code g0}.
     *
     * @throws IllegalArgumentException for null arguments, or a g0 whose dimension is not the data's
     */
    public static EmData of(Dataset data, G0 g0) {
        if (data == null || g0 == null) {
            throw new IllegalArgumentException("data and g0: must not be null");
        }
        if (g0.dimension() != 0 && g0.dimension() != data.dimension()) {
            throw new IllegalArgumentException("g0: dimension must equal the data dimension " + data.dimension()
                    + ", got " + g0.dimension());
        }
        double[] logG0 = null;
        if (!g0.isNone()) {
            logG0 = new double[data.size()];
            g0.logDensities(data, logG0);
        }
        return new EmData(data, g0, WeightedLeastSquares.Frame.of(data), logG0);
    }

    /**
     * For one fit from {@code start}: log g0 only when the fit's E-step has a g0 term (g0 not none and the
     * start's λ below 1, as {@link EmFitter} has always done: a fit of λ = 1 never evaluates g0).
     */
    static EmData forStart(Dataset data, DeviatedModel start) {
        G0 g0 = start.g0();
        if (!g0.isNone() && start.lambda() < 1) {
            return of(data, g0);
        }
        return new EmData(data, g0, WeightedLeastSquares.Frame.of(data), null);
    }

    /**
     * Whether {@link #forStart}{@code (data(), start)} would prepare these very inputs: the same g0, and log g0
     * exactly when that start's E-step has a g0 term. Restarts on one data set share one (BestFit).
     */
    boolean servesStart(DeviatedModel start) {
        boolean needsLogG0 = !start.g0().isNone() && start.lambda() < 1;
        return start.g0().equals(g0) && needsLogG0 == (logG0 != null);
    }

    public Dataset data() {
        return data;
    }

    public G0 g0() {
        return g0;
    }

    /** The arguments of a fit from {@code start} on prepared data (the messages {@link EmFitter} gives). */
    static void check(EmData data, DeviatedModel start) {
        if (data == null) {
            throw new IllegalArgumentException("data: must not be null");
        }
        check(data.data(), start);
        if (!start.g0().equals(data.g0())) {
            throw new IllegalArgumentException("start.g0: must be the g0 the data were prepared under ("
                    + data.g0() + "), got " + start.g0());
        }
    }

    /** The arguments of a fit from {@code start} on {@code data}. */
    static void check(Dataset data, DeviatedModel start) {
        if (data == null) {
            throw new IllegalArgumentException("data: must not be null");
        }
        if (start == null) {
            throw new IllegalArgumentException("start: must not be null");
        }
        if (data.size() < 1) {
            throw new IllegalArgumentException("data: must hold at least 1 point, got " + data.size());
        }
        if (start.dimension() != data.dimension()) {
            throw new IllegalArgumentException("start: expert dimension must equal the data dimension "
                    + data.dimension() + ", got " + start.dimension());
        }
        if (start.g0().dimension() != 0 && start.g0().dimension() != data.dimension()) {
            throw new IllegalArgumentException("start.g0: dimension must equal the data dimension "
                    + data.dimension() + ", got " + start.g0().dimension());
        }
    }
}
