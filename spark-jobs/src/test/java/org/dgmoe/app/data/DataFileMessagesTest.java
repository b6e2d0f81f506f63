package org.dgmoe.app.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dgmoe.app.Main;
import org.dgmoe.app.base.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data file that is not UTF-8 CSV text, or whose quote is not closed, is refused with the file, the
 * line and what is wrong (issue 28: "cannot read: Input length = 1", and an unclosed quote reported as a
 * field count or not at all).
 */
class DataFileMessagesTest {
    @TempDir
    Path dir;

    private static String problem(Path file) {
        InputException e = assertThrows(InputException.class, () -> DataFile.read(file, DataColumns.defaults(1)));
        return String.join("\n", e.problems());
    }

    private Path file(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void aByteThatIsNotUtf8IsNamedWithItsLineAndCharacter() throws Exception {
        Path latin1 = file("latin1.csv", concat("x1,y\n0.5,1.0\n0.25,2".getBytes(StandardCharsets.US_ASCII),
                new byte[] {(byte) 0xFF, '\n'}));
        assertEquals(latin1 + ":3: not UTF-8 text (byte 0xFF in character 7); save the file as UTF-8 CSV", problem(latin1));
    }

    @Test
    void theLineIsRightFarBeyondTheReadersBuffers() throws Exception {
        // 3000 lines with a two-byte character each (in an ignored column), so that sequences straddle
        // every 8 KiB boundary, then a stray byte on line 3002
        StringBuilder text = new StringBuilder("x1,y,note\n");
        for (int i = 0; i < 3000; i++) {
            text.append(i).append(",1.5,café\n");
        }
        text.append("7,2.5,");
        Path file = file("long.csv", concat(text.toString().getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xE9, '\n'}));
        assertEquals(file + ":3002: not UTF-8 text (byte 0xE9 in character 7); save the file as UTF-8 CSV", problem(file));
    }

    @Test
    void aBinaryFileIsNotACsvOrParquetFile() throws Exception {
        Path gzip = file("data.csv.gz", new byte[] {0x1f, (byte) 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03});
        assertEquals(gzip + ": not a CSV or Parquet file: it holds binary data (a NUL byte on line 1); give a UTF-8 CSV "
                + "file, a .parquet file or a folder of Parquet part files", problem(gzip));
        Path parquet = file("data.bin", concat("PAR1".getBytes(StandardCharsets.US_ASCII), new byte[] {0x15, 0x04, 0x15}));
        assertEquals(parquet + ": a Parquet file without the .parquet suffix; dgmoe tells Parquet from CSV by the name: "
                + "rename it to end in .parquet", problem(parquet));
    }

    @Test
    void anUnclosedQuoteIsNamedWhereItOpened() throws Exception {
        Path file = file("quotes.csv", """
                x1,y,note
                0.5,1.0,"closed, with a comma"
                0.25,2.0,"never closed
                "0.75,3.0
                """.getBytes(StandardCharsets.UTF_8));
        String rest = " is not closed on its line (a quoted field may not span lines; a quote inside a quoted "
                + "field is written \"\")";
        assertEquals(file + ":3: the quote opened at character 10" + rest + "\n"
                + file + ":4: the quote opened at character 1" + rest, problem(file));
        Path header = file("header.csv", "x1,\"y\n1,2\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(header + ":1: in the header, the quote opened at character 4" + rest, problem(header));
    }

    @Test
    void dgmoeFitRefusesThemWithExitTwoAndWritesNothing() throws Exception {
        Path config = Files.writeString(dir.resolve("study.conf"), """
                dgmoe.study {
                  name = data-messages, seed = 1, replicates = 1, sample-sizes = [50]
                  settings = [ { name = line, g0 { type = gaussian-linear, slope = [1], intercept = 0, variance = 1 },
                                 fit { experts = 1 } } ]
                }
                """);
        Path data = file("latin1.csv", concat("x1,y\n0.5,1.0\n".getBytes(StandardCharsets.US_ASCII),
                new byte[] {'0', ',', (byte) 0xB5, '\n'}));
        Path out = dir.resolve("fit.json");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Main().run(new String[] {"fit", "--config", config.toString(), "--setting", "line", "--data",
                data.toString(), "--out", out.toString()}, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        assertEquals(List.of("dgmoe: " + data + ":3: not UTF-8 text (byte 0xB5 in character 3); save the file as UTF-8 CSV"),
                err.toString(StandardCharsets.UTF_8).lines().toList());
        assertFalse(Files.exists(out));
    }
}
