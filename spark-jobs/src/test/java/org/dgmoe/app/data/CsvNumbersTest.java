package org.dgmoe.app.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dgmoe.app.base.InputException;
import org.dgmoe.core.model.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cells a CSV data file may hold: decimal and scientific numbers, nothing of Java's wider syntax. */
class CsvNumbersTest {
    @TempDir
    Path dir;

    @Test
    void decimalAndScientificFormsAreReadAsWritten() throws Exception {
        Path csv = dir.resolve("forms.csv");
        Files.writeString(csv, "x1,y\n8,+8\n-0.25,8.\n.5,-.5\n1.5e-3,1.5E+3\n 2 ,1e3\n0,-0\n");
        Dataset data = DataFile.read(csv, DataColumns.defaults(1));
        assertArrayEquals(new double[] {8, -0.25, 0.5, 1.5e-3, 2, 0}, data.column(0));
        assertArrayEquals(new double[] {8, 8, -0.5, 1500, 1000, -0.0}, data.ys());
    }

    @Test
    void javasOtherNumberFormsAreRefusedNamingFileLineAndColumn() throws Exception {
        // each of these Double.parseDouble reads (0x1p3, 8f, 8d and 8D as 8.0, 1_0 not at all)
        List<String> typos = List.of("0x1p3", "0X8P0", "8f", "8d", "8D", "1.5F", "1d0", "1_0", "e3", ".", "1e", "1e+",
                "+", "--1", "\u0668", "8 8", "Inf", "nan");
        StringBuilder text = new StringBuilder("x1,y\n");
        typos.forEach(t -> text.append("1,").append(t).append('\n'));
        Path csv = dir.resolve("typos.csv");
        Files.writeString(csv, text);
        List<String> problems = assertThrows(InputException.class,
                () -> DataFile.read(csv, DataColumns.defaults(1))).problems();
        assertEquals(CsvData.MAX_LISTED + 1, problems.size(), problems::toString);
        for (int i = 0; i < CsvData.MAX_LISTED; i++) {
            assertEquals(csv + ":" + (i + 2) + ": column 'y' is not a number: '" + typos.get(i) + "' ("
                    + CsvData.NUMBER + ")", problems.get(i));
        }
        assertEquals(csv + ": ... and " + (typos.size() - CsvData.MAX_LISTED) + " more malformed lines",
                problems.get(CsvData.MAX_LISTED));
        for (String t : typos) {
            assertFalse(CsvData.isDecimal(t.trim()), t);
        }
    }

    @Test
    void theNonFiniteWordsAreRefusedAsNotFiniteAsBefore() throws Exception {
        Path csv = dir.resolve("nonfinite.csv");
        Files.writeString(csv, "x1,y\n1,NaN\n1,-Infinity\n1,+Infinity\n1,1e999\n");
        List<String> problems = assertThrows(InputException.class,
                () -> DataFile.read(csv, DataColumns.defaults(1))).problems();
        assertEquals(List.of(csv + ":2: column 'y' must be a finite number, got 'NaN'",
                csv + ":3: column 'y' must be a finite number, got '-Infinity'",
                csv + ":4: column 'y' must be a finite number, got '+Infinity'",
                csv + ":5: column 'y' must be a finite number, got '1e999'"), problems);
        assertTrue(CsvData.isDecimal("1e999"), "an overflowing decimal is a number, refused as not finite");
    }
}
