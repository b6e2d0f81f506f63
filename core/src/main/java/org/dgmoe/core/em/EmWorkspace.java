package org.dgmoe.core.em;

import java.util.Arrays;

/**
 * Buffers and the fused E-pass of one fit (reference §3). One pass over the data at parameters θ
 * returns ℓ(θ) = Σ_n log p_θ(y_n | x_n) and accumulates, per expert i, the sufficient statistics of
 * the M-step: the upper triangle of Σ_n w_in v_n v_nᵀ with v = [x_1, …, x_d, 1, y] (which holds Σw,
 * Σw·zzᵀ, Σw·zy and Σw·y² for z = [x, 1]), and Σ_n w_0n. Everything is allocated once per fit.
 *
 * <p>Two implementations of the same pass:
 * <ul>
 * <li>{@link #passFast}: blocks of {@link #BLOCK} points indexed from 0 (so that C2's superword pass can pack
 * every access): at d = 8 and d ≥ 11 read in place from {@link BlockedColumns} (laid out once per data set by
 * {@link EmData}), at other d and on the loop path copied to block buffers; short loops that C2
 * vectorises (the log-weights by {@link ExpertLogWeights}), the k + 1
 * exponentials by {@link FastExp} (relative error below 1e−15 against {@link Math#exp}, the bound
 * FastExpTest checks; at most 2 ulp of Math.exp measured over 3·10⁶ arguments; in vector form, bit for
 * bit, by {@link VectorBlock}),
 * statistics accumulated per lane without floating-point reductions in the hot loops (in vector
 * registers by {@link VectorBlock} at d = 1 and 4, by {@link ExpertGram}'s tiles at d = 8 and d ≥ 11 and by
 * {@link VectorGram#addWeighing}'s at the other d, or
 * in 256-wide lane arrays by {@link LaneStatistics} without the Vector API; see {@link #VECTOR}),
 * and one {@link Math#log} per 32 points: after
 * the max is subtracted each normaliser S_n lies in [1, k + 1], so a product of 32 of them cannot
 * overflow for any k &lt; 2³² − 1, and log Π S_n = Σ log S_n up to 32 roundings.</li>
 * <li>{@link #logLikelihoodFast}: the same fast pass without the statistics, for an iterate whose
 * M-step will not be taken.</li>
 * <li>{@link #passReference}: plain per-point log-sum-exp with {@link Math#exp}/{@link Math#log} and
 * scalar accumulation, the exact reference the fast path is tested against.</li>
 * </ul>
 */
final class EmWorkspace {
    /**
     * Whether the fast pass uses {@link VectorBlock} (the Vector API) for its exponentials and, at
     * d = 1 and d = 4, its statistics: when the JVM has the module {@code jdk.incubator.vector} (the
     * root pom's {@code spark.jvm.opens} adds it to every JVM the project starts: launcher, tests,
     * Spark driver and executors, the image) and {@code -Ddgmoe.em.vector=false} is not set.
     * Otherwise the pure-Java loops below run ({@link FastExp}, lane arrays). Only on x86-64, the
     * only architecture measured (AVX-512, and AVX2 by {@code -XX:UseAVX=2}: docs/performance.md).
     */
    static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equals(System.getProperty("dgmoe.em.vector"))
            && ("amd64".equals(System.getProperty("os.arch")) || "x86_64".equals(System.getProperty("os.arch")));

    /** Points per block: long enough for C2's vectorised main loops to run, short enough to stay in L1/L2. */
    static final int BLOCK = BlockLogs.BLOCK;

    final int n;
    final int d;
    final int k;
    /** Columns of v = [x_1..x_d, 1, y]. */
    final int q;
    /** Entries of the upper triangle of a q×q matrix. */
    final int pairs;
    /** pairIndex[j*q + l] for j ≤ l. */
    final int[] pairIndex;

    private final double[] x;
    /** The pass reads x − xShift: the centred frame without an n·d copy (docs/performance.md, "first-touch"). */
    private final double[] xShift;
    private final double[] y;
    /** log g0(y_n | x_n), computed once per fit. */
    private final double[] logG0;

    /** Per expert i: the reduced statistics, pairs entries. */
    final double[][] stats;
    /** Σ_n w_0n of the last pass. */
    double sumW0;

    // Fast-path buffers, all indexed from 0 within a block (see fast(..) on why).
    /** This block's x columns: xb[j][e] = x_j of point start + e. */
    private final double[][] xb;
    /** This block's y. */
    private final double[] yb;
    private final double[][] terms;
    private final double[] max;
    private final double[] norm;
    private final double[] inverse;
    private final double[] weighted;
    private final double[] rr;
    private final double[] kk;
    /** Loop-path statistics lanes (null when {@link #vectorStatistics} or {@link #gramStatistics}). */
    private final double[][][] lanes;
    /** Whether the exponentials use {@link VectorBlock#expDiffInPlace}. */
    private final boolean vectorExp;
    /** Whether the statistics use {@link VectorBlock}: vectorExp and d ∈ {1, 4}. */
    private final boolean vectorStatistics;
    /** Vector-path statistics: vectorLanes[(i·pairs + s)·LANES + lane] (null unless vectorStatistics). */
    private final double[] vectorLanes;
    /** Whether the statistics use {@link VectorGram}: vectorExp, neither vectorStatistics nor blockStatistics. */
    private final boolean gramStatistics;
    /** {@link VectorGram}'s columns of v: xb[0..d−1], ones, yb, then zero padding (null unless gramStatistics). */
    private final double[][] gramColumns;
    /** {@link VectorGram}'s tile lanes, {@link VectorGram#laneCount} per expert (null unless gramStatistics). */
    private final double[] gramLanes;
    /** Whether the pass reads {@link BlockedColumns} in place and the statistics use {@link ExpertGram}. */
    private final boolean blockStatistics;
    /** The data in {@link ExpertGram}'s blocked columns, read in place (null unless blockStatistics). */
    private final BlockedColumns blocks;
    /** The current block's column offsets in {@link BlockedColumns#values} (null unless blockStatistics). */
    private final int[] blockOffsets;
    /** {@link ExpertGram}'s tile lanes, {@link ExpertGram#laneCount} per expert (null unless blockStatistics). */
    private final double[] blockLanes;
    /** {@link ExpertGram}'s weights w = t/S of the block, per expert (null unless blockStatistics). */
    private final double[][] blockWeights;
    private final double[] laneW0;
    private final double[] laneMax;

    /** The E-step's per-expert constants of the current θ and the block log-weights. */
    private final ExpertLogWeights logWeights;

    /** The pass on x − xShift; {@code useVector}: {@link VectorBlock} (needs {@link #VECTOR}) or plain loops. */
    EmWorkspace(double[] x, double[] xShift, double[] y, int d, int k, double[] logG0, boolean useVector) {
        this(x, xShift, y, d, k, logG0, useVector, null);
    }

    /**
     * The same, with the blocks of x − xShift and y already laid out ({@link EmData}: once per data set); null, or
     * a pass that does not read them ({@link #readsBlocks}), lays them out here when needed.
     */
    EmWorkspace(double[] x, double[] xShift, double[] y, int d, int k, double[] logG0, boolean useVector,
            BlockedColumns blocks) {
        if (useVector && !VECTOR) {
            throw new IllegalArgumentException("useVector: the module jdk.incubator.vector is not in this JVM"
                    + " (start it with --add-modules=jdk.incubator.vector), or -Ddgmoe.em.vector=false is set");
        }
        this.n = y.length;
        this.d = d;
        this.k = k;
        this.q = d + 2;
        this.pairs = q * (q + 1) / 2;
        this.pairIndex = ExpertLeastSquares.pairIndex(q);
        this.x = x;
        this.xShift = xShift.clone();
        this.y = y;
        this.logG0 = logG0;
        this.stats = new double[k][pairs];
        this.xb = new double[d][BLOCK];
        this.yb = new double[BLOCK];
        this.terms = new double[k + 1][BLOCK];
        this.max = new double[BLOCK];
        this.norm = new double[BLOCK];
        this.inverse = new double[BLOCK];
        this.weighted = new double[BLOCK];
        this.rr = new double[BLOCK];
        this.kk = new double[BLOCK];
        this.vectorExp = useVector;
        this.vectorStatistics = useVector && (d == 1 || d == 4);
        this.blockStatistics = readsBlocks(n, d, useVector);
        this.gramStatistics = useVector && !vectorStatistics && !blockStatistics;
        this.lanes = vectorStatistics || gramStatistics || blockStatistics ? null : new double[k][pairs][BLOCK];
        int padded = VectorGram.paddedColumns(q);
        this.gramColumns = gramStatistics ? new double[padded][] : null;
        this.gramLanes = gramStatistics ? new double[k * VectorGram.laneCount(q)] : null;
        if (gramStatistics) {
            double[] ones = new double[BLOCK];
            Arrays.fill(ones, 1.0);
            for (int j = 0; j < padded; j++) {
                gramColumns[j] = j < d ? xb[j] : j == d ? ones : j == d + 1 ? yb : new double[BLOCK];
            }
        }
        this.blockLanes = blockStatistics ? new double[k * ExpertGram.laneCount(d)] : null;
        this.blockWeights = blockStatistics ? new double[k][BLOCK] : null;
        this.blockOffsets = blockStatistics ? new int[ExpertGram.paddedX(d) + 2] : null;
        if (blockStatistics && blocks != null && (blocks.n != n || blocks.d != d)) {
            throw new IllegalArgumentException("blocks: made for n = " + blocks.n + ", d = " + blocks.d
                    + ", not n = " + n + ", d = " + d);
        }
        this.blocks = !blockStatistics ? null : blocks != null ? blocks : BlockedColumns.of(x, xShift, y, d);
        this.vectorLanes = vectorStatistics ? new double[k * pairs * VectorBlock.LANES] : null;
        this.laneW0 = new double[BLOCK];
        this.laneMax = new double[BLOCK];
        this.logWeights = new ExpertLogWeights(d, k);
    }

    /**
     * Whether a workspace of n points in dimension d and {@code useVector} reads its data as {@link BlockedColumns}
     * (the {@link ExpertGram} path) rather than copying each block: with the Vector API at d = 8 and d ≥ 11, when the
     * layout fits in one array. Elsewhere d = 1 and 4 have {@link VectorBlock}'s unrolled statistics and the other d
     * main's {@link VectorGram#addWeighing} (at d = 2 one 4×4 tile of [x₁, x₂, 1, y], 16 products per point and
     * expert, where ExpertGram's padding and border take 29): there the layout saves little or nothing per pass
     * (d = 3: 10 %; d = 5, 6: none; at d = 9 and 10 ExpertGram pads x to 12 columns, 113 products against main's 96)
     * and costs its first touch in every fit that makes a new {@link EmData}, ≈ 25 ns per value of fresh heap on this
     * machine: whole fits were 0.66–0.93× main's at d = 3, 5, 9 and 10 (docs/performance.md, "layout"). Checked
     * again once the layout's columns were aligned to cache lines ({@link BlockedColumns#LEAD}): its pass then beats
     * the copies at every d, but whole fits at d = 3, 5, 6, 9, 10 were still 0.78–0.87× ("aligned columns").
     */
    static boolean readsBlocks(int n, int d, boolean useVector) {
        return useVector && (d == 8 || d >= 11) && BlockedColumns.fits(n, d);
    }

    /** Whether this workspace's fast pass uses {@link VectorBlock}. */
    boolean vectorised() {
        return vectorExp;
    }

    /** Index of statistic (j, l) in {@link #stats}; column d is the constant 1, column d + 1 is y. */
    int pair(int j, int l) {
        return pairIndex[j * q + l];
    }

    /**
     * The fast fused pass at θ = (λ, p, a, b, v); {@code useG0} false drops the g0 term (g0 none, or
     * λ = 1 where w_0 ≡ 0). Fills {@link #stats} and {@link #sumW0}; returns ℓ(θ) (NaN or ±∞ on
     * numerical failure, never an exception).
     */
    double passFast(boolean useG0, double lambda, double[] p, double[][] a, double[] b, double[] v) {
        return fast(useG0, lambda, p, a, b, v, true);
    }

    /**
     * ℓ(θ) by the fast path without the statistics (for an iterate whose M-step will not be taken):
     * the same value as {@link #passFast}, bit for bit; {@link #stats} and {@link #sumW0} are left
     * unchanged.
     */
    double logLikelihoodFast(boolean useG0, double lambda, double[] p, double[][] a, double[] b, double[] v) {
        return fast(useG0, lambda, p, a, b, v, false);
    }

    /*
     * Why every hot loop indexes all its arrays by the same e from 0: C2's superword pass (JDK 17)
     * refuses to pack two accesses of the same element type whose relative alignment it cannot prove
     * (they might overlap in one array), so a loop such as lane[e] += w[e] * x[start + e] runs scalar.
     * Each block therefore first copies its slice of x, y and log g0 to block buffers (System.arraycopy),
     * or, at d = 8 and d ≥ 11, reads x and y from BlockedColumns, which hold them in that form already.
     * Loop bodies are kept small: a body C2 will not unroll to the vector width is not vectorised.
     */
    private double fast(boolean useG0, double lambda, double[] p, double[][] a, double[] b, double[] v,
            boolean statistics) {
        logWeights.hoist(lambda, p, a, b, v);
        final double logOneMinusLambda = useG0 ? Math.log1p(-lambda) : 0;
        if (statistics) {
            if (vectorStatistics) {
                Arrays.fill(vectorLanes, 0);
            } else if (gramStatistics) {
                Arrays.fill(gramLanes, 0);
            } else if (blockStatistics) {
                Arrays.fill(blockLanes, 0);
            } else {
                for (int i = 0; i < k; i++) {
                    for (int s = 0; s < pairs; s++) {
                        Arrays.fill(lanes[i][s], 0);
                    }
                }
            }
            Arrays.fill(laneW0, 0);
        }
        Arrays.fill(laneMax, 0);
        final double[] m = max;
        final double[] sNorm = norm;
        final double[] inv = inverse;
        final double[] lm = laneMax;
        final int first = useG0 ? 0 : 1;
        double sumLogNorm = 0;
        for (int start = 0, block = 0; start < n; start += BLOCK, block++) {
            final int len = Math.min(BLOCK, n - start);
            // The block's columns: in place (blockStatistics), or copied to the block buffers.
            if (blocks != null) {
                blocks.offsets(block, blockOffsets);
            } else {
                for (int j = 0; j < d; j++) {
                    System.arraycopy(x, j * n + start, xb[j], 0, len);
                    shift(xb[j], xShift[j], len);
                }
                System.arraycopy(y, start, yb, 0, len);
            }
            // Log-weights t_0 = log(1 − λ) + log g0 and t_i (ExpertLogWeights), and their max.
            if (useG0) {
                System.arraycopy(logG0, start, terms[0], 0, len);
                shiftAndCopy(terms[0], logOneMinusLambda, m, len);
            }
            if (blocks != null) {
                logWeights.block(blocks.values, blockOffsets, blockOffsets[blockOffsets.length - 1], terms, m, len,
                        useG0);
            } else {
                logWeights.block(xb, yb, terms, m, len, useG0);
            }
            for (int i = first; i <= k; i++) {
                if (vectorExp) {
                    VectorBlock.expDiffInPlace(terms[i], m, len);
                } else {
                    FastExp.expDiffInPlace(terms[i], m, rr, kk, len);
                }
            }
            // S = Σ exp(t_i − max) ∈ [1, k + 1].
            if (first == k) {
                System.arraycopy(terms[k], 0, sNorm, 0, len);
            } else {
                sum(terms[first], terms[first + 1], sNorm, len);
                for (int i = first + 2; i <= k; i++) {
                    addTo(sNorm, terms[i], len);
                }
            }
            if (statistics) {
                reciprocal(sNorm, inv, len);
            }
            // ℓ = Σ max + Σ log S: the maxima summed per lane, log S by logOfProducts.
            addTo(lm, m, len);
            sumLogNorm += logOfProducts(len);
            if (statistics) {
                if (useG0) {
                    addProductTo(laneW0, terms[0], inv, len);
                }
                if (blockStatistics) {
                    for (int i = 0; i < k; i++) {
                        ExpertGram.weights(terms[i + 1], inv, blockWeights[i], len);
                    }
                    ExpertGram.add(blockWeights, k, blocks.values, blockOffsets, d, blockLanes, len);
                }
                for (int i = 0; i < k && !blockStatistics; i++) {
                    if (vectorStatistics) {
                        int o = i * pairs * VectorBlock.LANES;
                        if (d == 1) {
                            VectorBlock.statisticsOne(terms[i + 1], inv, xb[0], yb, vectorLanes, o, len);
                        } else {
                            VectorBlock.statisticsFour(terms[i + 1], inv, xb, yb, vectorLanes, o, len);
                        }
                    } else if (gramStatistics) {
                        VectorGram.addWeighing(terms[i + 1], inv, gramColumns, weighted, gramLanes,
                                i * VectorGram.laneCount(q), len);
                    } else if (d == 1) {
                        LaneStatistics.one(this, terms[i + 1], inv, xb[0], yb, lanes[i], len);
                    } else {
                        LaneStatistics.general(this, terms[i + 1], inv, xb, yb, weighted, lanes[i], len);
                    }
                }
            }
        }
        if (statistics) {
            for (int i = 0; i < k && blockStatistics; i++) {
                ExpertGram.reduce(blockLanes, i * ExpertGram.laneCount(d), d, pairIndex, stats[i]);
            }
            for (int i = 0; i < k && gramStatistics; i++) {
                VectorGram.reduce(gramLanes, i * VectorGram.laneCount(q), q, pairIndex, stats[i]);
            }
            for (int i = 0; i < k && !gramStatistics && !blockStatistics; i++) {
                for (int s = 0; s < pairs; s++) {
                    stats[i][s] = vectorStatistics ? sumLanes(vectorLanes, (i * pairs + s) * VectorBlock.LANES,
                            VectorBlock.LANES) : sumLanes(lanes[i][s], 0, BLOCK);
                }
            }
            sumW0 = useG0 ? sumLanes(laneW0, 0, BLOCK) : 0;
        }
        return sumLanes(lm, 0, BLOCK) + sumLogNorm;
    }

    /*
     * The block pass's short element-wise loops, each its own method: C2 compiles and vectorises them
     * alone and calls them, instead of inlining them into fast(), whose size then limits what C2 does
     * with its loops (measured: inlining more into fast() made the pass slower; docs/performance.md).
     */

    /** v[e] −= c for e &lt; len. */
    private static void shift(double[] v, double c, int len) {
        for (int e = 0; e < len; e++) {
            v[e] -= c;
        }
    }

    /** t[e] += c and m[e] = t[e] for e &lt; len. */
    private static void shiftAndCopy(double[] t, double c, double[] m, int len) {
        for (int e = 0; e < len; e++) {
            double te = t[e] + c;
            t[e] = te;
            m[e] = te;
        }
    }

    /** out[e] = a[e] + b[e] for e &lt; len. */
    private static void sum(double[] a, double[] b, double[] out, int len) {
        for (int e = 0; e < len; e++) {
            out[e] = a[e] + b[e];
        }
    }

    /** acc[e] += v[e] for e &lt; len. */
    private static void addTo(double[] acc, double[] v, int len) {
        for (int e = 0; e < len; e++) {
            acc[e] += v[e];
        }
    }

    /** acc[e] += a[e]·b[e] for e &lt; len. */
    private static void addProductTo(double[] acc, double[] a, double[] b, int len) {
        for (int e = 0; e < len; e++) {
            acc[e] += a[e] * b[e];
        }
    }

    /** out[e] = 1/v[e] for e &lt; len. */
    private static void reciprocal(double[] v, double[] out, int len) {
        for (int e = 0; e < len; e++) {
            out[e] = 1.0 / v[e];
        }
    }

    /** Σ_e log S_e over the block ({@link BlockLogs#sumOfLogs}). Destroys {@link #norm}. */
    private double logOfProducts(int len) {
        return BlockLogs.sumOfLogs(norm, len);
    }

    private static double sumLanes(double[] lane, int from, int count) {
        double s = 0;
        for (int l = from; l < from + count; l++) {
            s += lane[l];
        }
        return s;
    }

    /**
     * The exact scalar reference pass: per point, log-sum-exp with {@link Math#exp} and
     * {@link Math#log}, responsibilities exp(t_i − log Σ exp t), plain scalar accumulation. Same
     * contract as {@link #passFast}.
     */
    double passReference(boolean useG0, double lambda, double[] p, double[][] a, double[] b, double[] v) {
        logWeights.hoist(lambda, p, a, b, v);
        double logOneMinusLambda = useG0 ? Math.log1p(-lambda) : 0;
        for (int i = 0; i < k; i++) {
            Arrays.fill(stats[i], 0);
        }
        double w0Sum = 0;
        double ll = 0;
        double[] t = new double[k + 1];
        double[] vv = new double[q];
        for (int nIdx = 0; nIdx < n; nIdx++) {
            for (int j = 0; j < d; j++) {
                vv[j] = x[j * n + nIdx] - xShift[j];
            }
            vv[d] = 1;
            vv[d + 1] = y[nIdx];
            double mx = Double.NEGATIVE_INFINITY;
            t[0] = useG0 ? logOneMinusLambda + logG0[nIdx] : Double.NEGATIVE_INFINITY;
            mx = Math.max(mx, t[0]);
            for (int i = 0; i < k; i++) {
                double mean = logWeights.intercept[i];
                for (int j = 0; j < d; j++) {
                    mean += logWeights.slope[i][j] * vv[j];
                }
                double r = y[nIdx] - mean;
                t[i + 1] = logWeights.logCoefficient[i] - logWeights.halfPrecision[i] * r * r;
                mx = Math.max(mx, t[i + 1]);
            }
            double s = 0;
            for (int i = 0; i <= k; i++) {
                s += Math.exp(t[i] - mx);
            }
            double lse = mx + Math.log(s);
            ll += lse;
            if (useG0) {
                w0Sum += Math.exp(t[0] - lse);
            }
            for (int i = 0; i < k; i++) {
                double w = Math.exp(t[i + 1] - lse);
                double[] st = stats[i];
                for (int j = 0; j < q; j++) {
                    double wj = w * vv[j];
                    for (int l = j; l < q; l++) {
                        st[pairIndex[j * q + l]] += wj * vv[l];
                    }
                }
            }
        }
        sumW0 = w0Sum;
        return ll;
    }
}
