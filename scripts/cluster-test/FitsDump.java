import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Writes the rows of a sweep's {@code fits/} as text, read with DuckDB (independently of Spark and
 * of dgmoe): one line per row sorted by (setting, n, replicate), every column but the timings
 * {@code millis} and {@code fit_millis}, doubles as {@link Double#toString} (exact round trip),
 * lists as [a, b]. Prints {@code rows=R keys=K} (K distinct (setting, n, replicate)) on stdout.
 *
 * <pre>java -cp duckdb_jdbc.jar scripts/cluster-test/FitsDump.java DIR/fits OUT.txt</pre>
 */
public final class FitsDump {
    public static void main(String[] args) throws SQLException, IOException {
        if (args.length != 2) {
            System.err.println("usage: FitsDump FITS_DIR OUT.txt");
            System.exit(2);
        }
        String glob = Path.of(args[0]).toAbsolutePath().resolve("*.parquet").toString().replace("'", "''");
        String from = "read_parquet('" + glob + "')";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8))) {
            try (ResultSet rs = s.executeQuery("SELECT * EXCLUDE (millis, fit_millis) FROM " + from
                    + " ORDER BY setting, n, replicate")) {
                ResultSetMetaData md = rs.getMetaData();
                StringBuilder header = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    header.append(i > 1 ? "\t" : "").append(md.getColumnName(i));
                }
                out.println(header);
                while (rs.next()) {
                    StringBuilder line = new StringBuilder();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        line.append(i > 1 ? "\t" : "");
                        format(rs.getObject(i), line);
                    }
                    out.println(line);
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT (setting, n, replicate)) FROM " + from)) {
                rs.next();
                System.out.println("rows=" + rs.getLong(1) + " keys=" + rs.getLong(2));
            }
        }
    }

    private static void format(Object v, StringBuilder b) throws SQLException {
        if (v instanceof Array a) {
            format(a.getArray(), b);
        } else if (v instanceof Object[] items) {
            b.append('[');
            for (int i = 0; i < items.length; i++) {
                b.append(i > 0 ? ", " : "");
                format(items[i], b);
            }
            b.append(']');
        } else if (v instanceof Double d) {
            b.append(Double.toString(d));
        } else if (v instanceof Float f) {
            throw new IllegalStateException("unexpected float column value " + f + ": fits/ holds doubles");
        } else {
            b.append(v);
        }
    }
}
