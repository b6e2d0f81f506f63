package org.dgmoe.app.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dgmoe.app.base.InputException;
import org.dgmoe.core.model.Dataset;

/**
 * The CSV form of a data set: a header {@code x1,...,xd,y}, then one line per observation, numbers
 * written by {@link Double#toString} (a decimal that reads back to the same double, so a
 * write/read round trip is exact). No quoting; blank lines are skipped on reading.
 */
public final class DataCsv {
    /** At most this many malformed lines are listed; the rest are counted. */
    static final int MAX_LISTED = 10;

    private DataCsv() {
    }

    public static String header(int d) {
        StringBuilder sb = new StringBuilder();
        for (int j = 1; j <= d; j++) {
            sb.append('x').append(j).append(',');
        }
        return sb.append('y').toString();
    }

    public static void write(Dataset data, Writer w) throws IOException {
        int n = data.size();
        int d = data.dimension();
        w.write(header(d));
        w.write('\n');
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < n; i++) {
            line.setLength(0);
            for (int j = 0; j < d; j++) {
                line.append(data.x(i, j)).append(',');
            }
            line.append(data.y(i)).append('\n');
            w.write(line.toString());
        }
    }

    /** Reads a data set of dimension d; reports every malformed line (up to {@link #MAX_LISTED}). */
    public static Dataset read(Path file, int d) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file + ": " + (Files.exists(file) ? "not a regular file" : "no such data file"));
        }
        List<String> problems = new ArrayList<>();
        int malformed = 0;
        List<double[]> rows = new ArrayList<>();
        String expected = header(d);
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = r.readLine();
            if (line == null) {
                throw new InputException(file + ": empty; expected the header " + expected);
            }
            String header = line.replace(" ", "").replace("\uFEFF", "");
            if (!header.equals(expected)) {
                throw new InputException(file + ":1: the header must be " + expected + " (the setting has d = " + d
                        + " covariates), got " + line);
            }
            int lineNumber = 1;
            while ((line = r.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                String problem = null;
                double[] row = new double[d + 1];
                if (fields.length != d + 1) {
                    problem = "expected " + (d + 1) + " fields (" + expected + "), got " + fields.length;
                } else {
                    for (int j = 0; j <= d && problem == null; j++) {
                        String name = j < d ? "x" + (j + 1) : "y";
                        try {
                            row[j] = Double.parseDouble(fields[j].trim());
                            if (!Double.isFinite(row[j])) {
                                problem = name + " must be finite, got '" + fields[j].trim() + "'";
                            }
                        } catch (NumberFormatException e) {
                            problem = name + " is not a number: '" + fields[j].trim() + "'";
                        }
                    }
                }
                if (problem != null) {
                    if (++malformed <= MAX_LISTED) {
                        problems.add(file + ":" + lineNumber + ": " + problem);
                    }
                } else {
                    rows.add(row);
                }
            }
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage());
        }
        if (malformed > MAX_LISTED) {
            problems.add(file + ": ... and " + (malformed - MAX_LISTED) + " more malformed lines");
        }
        if (problems.isEmpty() && rows.isEmpty()) {
            problems.add(file + ": no data rows after the header");
        }
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        int n = rows.size();
        double[] x = new double[n * d];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double[] row = rows.get(i);
            for (int j = 0; j < d; j++) {
                x[j * n + i] = row[j];
            }
            y[i] = row[d];
        }
        return new Dataset(d, x, y);
    }
}
