package org.dgmoe.app.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dgmoe.app.base.InputException;
import org.dgmoe.core.model.Dataset;

/**
 * A CSV data file: a header of column names, then one line per observation (RFC 4180 fields: a field may
 * be double-quoted, with {@code ""} for a quote, but not span lines). Columns are found by name in any
 * order; the others are ignored (they may hold anything). Blank lines are skipped; a UTF-8 byte-order mark
 * and spaces around names and numbers are ignored. Every problem names the file and the line (up to
 * {@link #MAX_LISTED} lines, then a count).
 */
final class CsvData {
    static final int MAX_LISTED = 10;
    /** What a number cell may be, as messages say it. */
    static final String NUMBER = "a number is decimal or scientific, e.g. 8, -0.25, .5, 1.5e-3";
    /**
     * The non-finite words {@link Double#parseDouble} reads: refused as not finite (rather than as not
     * a number), which says what the cell held.
     */
    private static final Set<String> NON_FINITE = Set.of("NaN", "+NaN", "-NaN", "Infinity", "+Infinity", "-Infinity");

    private CsvData() {
    }

    static Dataset read(Path file, DataColumns columns) {
        List<String> wanted = columns.all();
        int m = wanted.size();
        List<String> problems = new ArrayList<>();
        int malformed = 0;
        double[][] values = new double[m][1024];
        int n = 0;
        try {
            String binary = CsvBytes.binaryProblem(file);
            if (binary != null) {
                throw new InputException(binary);
            }
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage());
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = r.readLine();
            while (line != null && line.isBlank()) {
                line = r.readLine();
            }
            if (line == null) {
                throw new InputException(file + ": empty; expected a header naming the columns " + String.join(",",
                        wanted));
            }
            List<String> header;
            try {
                header = split(line.replace("\uFEFF", ""));
            } catch (UnclosedQuoteException e) {
                throw new InputException(file + ":1: in the header, " + e.getMessage());
            }
            Map<String, Integer> index = new HashMap<>();
            List<String> duplicated = new ArrayList<>();
            for (int c = 0; c < header.size(); c++) {
                String name = header.get(c).trim();
                if (index.putIfAbsent(name, c) != null && wanted.contains(name)) {
                    duplicated.add(name);
                }
            }
            int[] at = new int[m];
            for (int j = 0; j < m; j++) {
                Integer c = index.get(wanted.get(j));
                if (c == null) {
                    problems.add(file + ":1: no column '" + wanted.get(j) + "' (" + option(columns, j) + "); the header "
                            + "has " + String.join(", ", header.stream().map(String::trim).toList()));
                } else {
                    at[j] = c;
                }
            }
            for (String name : duplicated) {
                problems.add(file + ":1: column '" + name + "' appears more than once in the header");
            }
            if (!problems.isEmpty()) {
                throw new InputException(problems);
            }
            int lineNumber = 1;
            while ((line = r.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> fields = List.of();
                String problem = null;
                try {
                    fields = split(line);
                } catch (UnclosedQuoteException e) {
                    problem = e.getMessage();
                }
                if (problem == null && fields.size() != header.size()) {
                    problem = "expected " + header.size() + " fields (as in the header), got " + fields.size();
                }
                if (n == values[0].length) {
                    for (int j = 0; j < m; j++) {
                        values[j] = Arrays.copyOf(values[j], 2 * n);
                    }
                }
                for (int j = 0; j < m && problem == null; j++) {
                    String cell = fields.get(at[j]).trim();
                    if (!isDecimal(cell) && !NON_FINITE.contains(cell)) {
                        problem = "column '" + wanted.get(j) + "' is not a number: '" + cell + "' (" + NUMBER + ")";
                        break;
                    }
                    double v = Double.parseDouble(cell); // both forms are in Java's syntax; 1e400 is +Infinity
                    if (!Double.isFinite(v)) {
                        problem = "column '" + wanted.get(j) + "' must be a finite number, got '" + cell + "'";
                        break;
                    }
                    values[j][n] = v;
                }
                if (problem != null) {
                    if (++malformed <= MAX_LISTED) {
                        problems.add(file + ":" + lineNumber + ": " + problem);
                    }
                } else {
                    n++;
                }
            }
        } catch (CharacterCodingException e) {
            throw new InputException(notUtf8(file, e));
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage());
        }
        if (malformed > MAX_LISTED) {
            problems.add(file + ": ... and " + (malformed - MAX_LISTED) + " more malformed lines");
        }
        if (problems.isEmpty() && n == 0) {
            problems.add(file + ": no data rows after the header");
        }
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        return DataFile.dataset(values, n);
    }

    static String option(DataColumns columns, int j) {
        return columns.role(j);
    }

    /**
     * Whether {@code cell} is a decimal or scientific number,
     * {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?} in ASCII digits. Java's own
     * syntax ({@link Double#parseDouble}) also reads hexadecimal ({@code 0x1p3}) and type suffixes
     * ({@code 8f}, {@code 8d}), so a typo would become data; R, Python and spreadsheets read neither.
     */
    static boolean isDecimal(String cell) {
        int n = cell.length();
        int i = 0;
        if (i < n && (cell.charAt(i) == '+' || cell.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(cell.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && cell.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(cell.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (cell.charAt(i) == 'e' || cell.charAt(i) == 'E')) {
            i++;
            if (i < n && (cell.charAt(i) == '+' || cell.charAt(i) == '-')) {
                i++;
            }
            int exponent = 0;
            while (i < n && isDigit(cell.charAt(i))) {
                i++;
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char ch) {
        return ch >= '0' && ch <= '9';
    }

    /** The problem of a file the UTF-8 decoder refused: where, found by reading it again. */
    private static String notUtf8(Path file, CharacterCodingException e) {
        try {
            String where = CsvBytes.invalidUtf8Problem(file);
            if (where != null) {
                return where;
            }
        } catch (IOException again) {
            // the decoder's own words below
        }
        return file + ": not UTF-8 text (" + e.getMessage() + "); save the file as UTF-8 CSV";
    }

    /** A line whose quoted field is not closed on it (a field may not span lines). */
    static final class UnclosedQuoteException extends IllegalArgumentException {
        UnclosedQuoteException(int column) {
            super("the quote opened at character " + column + " is not closed on its line (a quoted field may not span "
                    + "lines; a quote inside a quoted field is written \"\")");
        }
    }

    /**
     * The fields of one RFC 4180 line.
     *
     * @throws UnclosedQuoteException when a quoted field is still open at the end of the line
     */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int openedAt = 0;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
                openedAt = i + 1;
            } else if (ch == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        if (quoted) {
            throw new UnclosedQuoteException(openedAt);
        }
        out.add(field.toString());
        return out;
    }
}
