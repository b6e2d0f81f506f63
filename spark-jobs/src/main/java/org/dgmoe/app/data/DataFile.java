package org.dgmoe.app.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.dgmoe.app.base.InputException;
import org.dgmoe.core.model.ColumnsG0;
import org.dgmoe.core.model.Dataset;
import org.dgmoe.core.model.G0;
import org.dgmoe.core.model.LocationScaleG0;

/**
 * A user's data set for {@code dgmoe fit} and {@code dgmoe test}: a CSV file ({@link CsvData}) or Parquet
 * (a {@code .parquet} file, or a folder of Parquet part files as Spark writes them; {@link ParquetData}),
 * columns chosen by name ({@link DataColumns}), every other column ignored. Every value must be a finite
 * number; a problem names the file, the column and the row.
 */
public final class DataFile {
    private DataFile() {
    }

    /** The data set of {@code file} with the covariates {@code columns.x()} and response {@code columns.y()}. */
    public static Dataset read(Path file, DataColumns columns) {
        if (!Files.exists(file)) {
            throw new InputException(file + ": no such data file");
        }
        if (isParquet(file)) {
            return ParquetData.read(file, columns);
        }
        if (!Files.isRegularFile(file)) {
            throw new InputException(file + ": not a regular file (a CSV file, a .parquet file or a folder of "
                    + "Parquet part files)");
        }
        return CsvData.read(file, columns);
    }

    /**
     * Refuses the data when g0 is a location-scale g0 whose scale s(x) is not &gt; 0 and finite at a row, naming
     * the first such row (1-based, in data rows: the header and blank lines not counted), its covariates and the
     * setting's key; nothing for another g0. A NaN scale would otherwise end as a NaN in a table.
     *
     * @param g0Path the key path of the setting's g0 ({@code dgmoe.study.settings[0].g0})
     */
    public static void checkG0Scale(Path file, Dataset data, DataColumns columns, G0 g0, String g0Path) {
        if (!(g0 instanceof LocationScaleG0 g)) {
            return;
        }
        int i = g.firstInvalidScale(data);
        if (i < 0) {
            return;
        }
        double[] x = new double[data.dimension()];
        data.copyX(i, x);
        StringBuilder where = new StringBuilder();
        for (int j = 0; j < x.length; j++) {
            where.append(j == 0 ? "" : ", ").append(columns.x().get(j)).append(" = ").append(x[j]);
        }
        throw new InputException("--data " + file + ": data row " + (i + 1) + " (" + where + "): " + g0Path
                + ".scale = \"" + g.scale().text() + "\" is " + g.scale(x) + " there; g0's scale must be > 0 and "
                + "finite at every row");
    }

    /**
     * g0 ready for {@code data}: a {@code columns} g0 ({@link ColumnsG0}) bound to the values of its location and
     * scale columns, read from {@code file} row for row with the data (the same rows: every value of every
     * column read must be a finite number, so no row is dropped from one read and kept in the other); any other g0
     * as it is. A missing column, a non-finite value, or a scale that is not &gt; 0 is refused naming the column
     * and the row (1-based, in data rows).
     *
     * @param g0Path the key path of the setting's g0 ({@code dgmoe.study.settings[0].g0})
     */
    public static G0 bindG0(Path file, Dataset data, DataColumns columns, G0 g0, String g0Path) {
        if (!(g0 instanceof ColumnsG0 g)) {
            return g0;
        }
        String location = g.locationColumn();
        String scale = g.scaleColumn();
        for (String name : List.of(location, scale)) {
            if (name.equals(columns.y())) {
                throw new InputException(g0Path + "." + (name.equals(location) ? "location" : "scale") + " = " + name
                        + ": is the response column (--y); g0's location and scale are the columns of a model's "
                        + "predictions of it");
            }
        }
        boolean same = location.equals(scale);
        DataColumns read = same
                ? new DataColumns(List.of(location), columns.y(), List.of(g0Path + ".location and .scale"))
                : new DataColumns(List.of(location, scale), columns.y(), List.of(g0Path + ".location",
                        g0Path + ".scale"));
        Dataset values = read(file, read);
        if (values.size() != data.size()) {
            throw new IllegalStateException(file + ": read " + values.size() + " rows of g0's columns, " + data.size()
                    + " of the data");
        }
        double[] mu = values.column(0);
        double[] s = values.column(same ? 0 : 1);
        int i = ColumnsG0.firstInvalidScale(s);
        if (i >= 0) {
            throw new InputException("--data " + file + ": data row " + (i + 1) + ": column '" + scale + "' ("
                    + g0Path + ".scale) is " + s[i] + "; g0's scale must be > 0 and finite at every row");
        }
        return g.bind(mu, s);
    }

    /** A {@code .parquet} file, or a folder (read as Parquet part files). */
    static boolean isParquet(Path file) {
        return Files.isDirectory(file) || file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet");
    }

    /** Builds the data set from row-major values (x then y per row), as the readers collect them. */
    static Dataset dataset(double[][] columns, int n) {
        int d = columns.length - 1;
        double[] x = new double[n * d];
        for (int j = 0; j < d; j++) {
            System.arraycopy(columns[j], 0, x, j * n, n);
        }
        double[] y = java.util.Arrays.copyOf(columns[d], n);
        return new Dataset(d, x, y);
    }
}
