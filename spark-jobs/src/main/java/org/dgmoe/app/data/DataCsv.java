package org.dgmoe.app.data;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import org.dgmoe.app.data.DataColumns;
import org.dgmoe.app.data.DataFile;
import org.dgmoe.core.model.Dataset;

/**
 * The CSV form of a simulated data set: a header {@code x1,...,xd,y}, then one line per observation,
 * numbers written by {@link Double#toString} (a decimal that reads back to the same double, so a
 * write/read round trip is exact). Reading goes through {@link DataFile}, the one reader of data files.
 */
public final class DataCsv {
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

    /**
     * Reads the columns x1..xd and y of a data file (CSV or Parquet, any column order, extra columns
     * ignored): {@link DataFile#read} with the default columns.
     */
    public static Dataset read(Path file, int d) {
        return DataFile.read(file, DataColumns.defaults(d));
    }
}
