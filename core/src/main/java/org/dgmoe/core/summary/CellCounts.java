package org.dgmoe.core.summary;

import org.dgmoe.core.rate.TheoryTable;
import org.dgmoe.core.study.Setting;

/**
 * Per n, how many fits of a setting had Voronoi cell sizes other than
 * {@link TheoryTable#plannedCellSizes}: {@code unplanned[j][i]} of {@code known[j][i]} fits (those
 * with a cell size) for true atom j at the i-th sample size, and {@code anyCell[i]} fits with any
 * cell j differing. All zero for under-fitted settings, which have no planned sizes.
 */
record CellCounts(int[][] unplanned, int[][] known, int[] anyCell) {

    /**
     * @param sizes the study's sample sizes
     * @param fits  the setting's fits
     */
    static CellCounts of(Setting setting, int[] sizes, SettingFits fits) {
        int kStar = setting.truth().size();
        int[][] unplanned = new int[kStar + 1][sizes.length];
        int[][] known = new int[kStar + 1][sizes.length];
        int[] any = new int[sizes.length];
        if (setting.fit().experts() < kStar) {
            return new CellCounts(unplanned, known, any);
        }
        int[] planned = TheoryTable.plannedCellSizes(setting);
        for (int i = 0; i < sizes.length; i++) {
            for (int f = 0; f < fits.count(i); f++) {
                boolean differs = false;
                for (int j = 1; j <= kStar; j++) {
                    int size = fits.cellSize(i, j, f);
                    if (size == SettingFits.MISSING) {
                        continue;
                    }
                    known[j][i]++;
                    if (size != planned[j]) {
                        unplanned[j][i]++;
                        differs = true;
                    }
                }
                any[i] += differs ? 1 : 0;
            }
        }
        return new CellCounts(unplanned, known, any);
    }
}
