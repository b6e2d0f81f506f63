package org.dgmoe.app.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The bytes of a file read as CSV, when they are not UTF-8 text: what a user is told instead of the
 * decoder's "Input length = 1". A binary file (a NUL byte near its start, which no text file holds, or
 * Parquet's magic number) is "not a CSV or Parquet file"; a text file in another encoding is "not UTF-8
 * text" at the line and column of its first byte that is not.
 */
final class CsvBytes {
    /** How much of a file's start is looked at for a NUL byte. */
    static final int SNIFFED = 8192;
    private static final byte[] PARQUET_MAGIC = {'P', 'A', 'R', '1'};

    private CsvBytes() {
    }

    /**
     * Why {@code file} is not a CSV file, judged from its first {@link #SNIFFED} bytes, or null when they may
     * be text.
     */
    static String binaryProblem(Path file) throws IOException {
        byte[] start;
        try (InputStream in = Files.newInputStream(file)) {
            start = in.readNBytes(SNIFFED);
        }
        if (start.length >= PARQUET_MAGIC.length && Arrays.equals(start, 0, PARQUET_MAGIC.length, PARQUET_MAGIC, 0,
                PARQUET_MAGIC.length)) {
            return file + ": a Parquet file without the .parquet suffix; dgmoe tells Parquet from CSV by the name: "
                    + "rename it to end in .parquet";
        }
        int line = 1;
        for (byte b : start) {
            if (b == 0) {
                return file + ": not a CSV or Parquet file: it holds binary data (a NUL byte on line " + line
                        + "); give a UTF-8 CSV file, a .parquet file or a folder of Parquet part files";
            }
            if (b == '\n') {
                line++;
            }
        }
        return null;
    }

    /**
     * Where {@code file} first stops being UTF-8 text, as {@code FILE:LINE: not UTF-8 text (...)}, or null when
     * all of it decodes. A line feed never occurs inside a UTF-8 sequence, so counting its bytes numbers the lines
     * whatever the bytes around it.
     */
    static String invalidUtf8Problem(Path file) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        byte[] bytes = new byte[SNIFFED];
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(SNIFFED);
        long line = 1;
        long column = 1;
        try (InputStream stream = Files.newInputStream(file)) {
            boolean end = false;
            while (true) {
                int read = stream.read(bytes, in.position(), in.remaining());
                end = read < 0;
                if (!end) {
                    in.position(in.position() + read);
                }
                in.flip();
                int from = in.position();
                CoderResult result;
                do {
                    out.clear();
                    result = decoder.decode(in, out, end);
                } while (result.isOverflow());
                for (int i = from; i < in.position(); i++) {
                    if (bytes[i] == '\n') {
                        line++;
                        column = 1;
                    } else if ((bytes[i] & 0xC0) != 0x80) { // a character starts at every byte but a continuation
                        column++;
                    }
                }
                if (result.isError()) {
                    return file + ":" + line + ": not UTF-8 text (byte 0x" + String.format("%02X", bytes[in.position()])
                            + " in character " + column + "); save the file as UTF-8 CSV";
                }
                if (end) {
                    return null;
                }
                in.compact();
            }
        }
    }
}
