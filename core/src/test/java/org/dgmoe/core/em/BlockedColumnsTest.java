package org.dgmoe.core.em;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The blocked layout of the pass at d = 8, d ≥ 11 ({@link BlockedColumns}, one array; laid out here at other d too): at
 * every block's column offsets exactly the doubles the pass's per-block copies made (x − shift by the same subtraction,
 * y), the shared zero column padding x to a multiple of 4, the shared column of ones, and zeros past the last point;
 * fewer points than a block, whole blocks and a partial last block. No tolerance: the layout copies and subtracts,
 * bit for bit.
 */
class BlockedColumnsTest {

    @ParameterizedTest(name = "n={0}, d={1}")
    @CsvSource({"1, 2", "100, 3", "256, 5", "513, 8", "777, 33", "1001, 32"})
    void blocksHoldTheShiftedColumnsOnesYAndZeros(int n, int d) {
        UniformRandomProvider rng = Fixtures.rng(31L * n + d);
        double[] x = new double[n * d];
        double[] y = new double[n];
        double[] shift = new double[d];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble() * 10 - 3;
        }
        for (int e = 0; e < n; e++) {
            y[e] = rng.nextDouble() - 0.5;
        }
        for (int j = 0; j < d; j++) {
            shift[j] = rng.nextDouble();
        }
        BlockedColumns blocks = BlockedColumns.of(x, shift, y, d);
        int block = EmWorkspace.BLOCK;
        int padded = ExpertGram.paddedX(d);
        int count = (n + block - 1) / block;
        // LEAD unused doubles, whole blocks of d + 1 columns, then the zero and the ones column: nothing else.
        assertEquals(BlockedColumns.LEAD + ((long) count * (d + 1) + 2) * block, blocks.values.length);
        int[] at = new int[padded + 2];
        for (int b = 0; b < count; b++) {
            blocks.offsets(b, at);
            for (int e = 0; e < block; e++) {
                int point = b * block + e;
                boolean in = point < n;
                for (int j = 0; j < d; j++) {
                    assertEquals(in ? x[j * n + point] - shift[j] : 0.0, blocks.values[at[j] + e], 0.0);
                }
                for (int j = d; j < padded; j++) {
                    assertEquals(0.0, blocks.values[at[j] + e], 0.0);
                }
                assertEquals(1.0, blocks.values[at[padded] + e], 0.0);
                assertEquals(in ? y[point] : 0.0, blocks.values[at[padded + 1] + e], 0.0);
            }
            // Every column starts where element LEAD does within a 64-byte line: ≡ LEAD mod 8 doubles.
            for (int offset : at) {
                assertEquals(BlockedColumns.LEAD, Math.floorMod(offset, 8), "column offset " + offset);
            }
        }
        for (int e = 0; e < BlockedColumns.LEAD; e++) {
            assertEquals(0.0, blocks.values[e], 0.0);
        }
    }

    /** The lead puts element LEAD 64 bytes past a 16-byte array header: on a cache line's start when the header is. */
    @Test
    void theLeadAlignsTheColumnsToCacheLines() {
        assertEquals(6, BlockedColumns.LEAD);
        assertEquals(0, (16 + BlockedColumns.LEAD * Double.BYTES) % 64);
    }

    /** A layout beyond one Java array is refused, and the pass then copies its blocks instead of reading them. */
    @Test
    void aLayoutBeyondOneArrayIsNotMade() {
        assertTrue(BlockedColumns.fits(100_000, 32));
        assertFalse(BlockedColumns.fits(70_000_000, 32));
        assertFalse(EmWorkspace.readsBlocks(70_000_000, 32, true));
    }

    /** Blocks laid out for other data are refused by the workspace (its pass would read the wrong points). */
    @Test
    void theWorkspaceRefusesBlocksOfOtherData() {
        int n = 300;
        int d = 8;
        Assumptions.assumeTrue(EmWorkspace.VECTOR, "the blocked path needs the Vector API");
        double[] x = new double[n * d];
        double[] y = new double[n];
        BlockedColumns other = BlockedColumns.of(new double[(n + 1) * d], new double[d], new double[n + 1], d);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EmWorkspace(x, new double[d], y, d, 2, null, true, other));
        assertTrue(e.getMessage().startsWith("blocks"), e.getMessage());
    }
}
