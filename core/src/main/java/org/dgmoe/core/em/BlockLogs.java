package org.dgmoe.core.em;

import java.util.Arrays;

/**
 * Σ_e log s_e over a block of normalisers by one {@link Math#log} per 32 points: the log-sum both E-step kernels
 * (the constant fit's {@code EmWorkspace}, the gated fit's block pass) take of their per-point normalisers. The block
 * is padded with s = 1 to {@link #BLOCK} points and halved three times (s_e ← s_e·s_{e+h}, h = 128, 64, 32,
 * vectorised), leaving 32 products of 8 normalisers; four consecutive ones make a product of 32 normalisers. Each
 * normaliser is a sum of at most K terms in [0, 1] with one equal to 1, so it lies in [1, K] and a product of 32
 * cannot overflow for any K &lt; 2³¹.
 */
public final class BlockLogs {
    /** Points per block of the kernels. */
    public static final int BLOCK = 256;

    private BlockLogs() {
    }

    /** Σ_{e &lt; len} log s[e], len ≤ {@link #BLOCK}, s of length ≥ {@link #BLOCK}. Destroys {@code s}. */
    public static double sumOfLogs(double[] s, int len) {
        if (len < BLOCK) {
            Arrays.fill(s, len, BLOCK, 1.0);
        }
        for (int e = 0; e < 128; e++) {
            s[e] *= s[e + 128];
        }
        for (int e = 0; e < 64; e++) {
            s[e] *= s[e + 64];
        }
        for (int e = 0; e < 32; e++) {
            s[e] *= s[e + 32];
        }
        double sum = 0;
        for (int e = 0; e < 32; e += 4) {
            sum += Math.log((s[e] * s[e + 1]) * (s[e + 2] * s[e + 3]));
        }
        return sum;
    }
}
