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
 * Writes the published tables of a finished sweep as text, read with DuckDB (independently
 * of Spark and of dgmoe), so that two runs can be compared with {@code cmp}: {@code fits/} sorted by
 * (setting, n, replicate) without the wall times {@code millis} and {@code fit_millis},
 * {@code curves/} sorted by (setting, metric, n), {@code rates/} sorted by (setting, metric), each then by
 * {@code layout} where the table has it; and when the sweep has a {@code test} block, {@code tests/} sorted by
 * (setting, n, replicate), {@code power/} by (setting, n, test, alpha), {@code nulls/} by (setting, n, index)
 * (all written in parts or in an order a reader must not rely on: compared as sets of rows); every
 * other column as it is, doubles as {@link Double#toString} (an exact round trip), lists as [a, b],
 * the column names and their types first.
 *
 * Prints {@code fits: rows=R keys=K} (K distinct (setting, n, replicate)), {@code curves: rows=R}
 * and {@code rates: rows=R} on stdout (and {@code tests: rows=R}, ... for the goodness-of-fit tables). Used by scripts/same-results.sh (two commits) and
 * scripts/cluster-test.sh (a cluster run against local ones).
 *
 * <p>An optional third argument names columns to leave out where a table has them,
 * {@code TABLE.COLUMN} separated by commas ({@code rates.layout,rates.reason}): a comparison with a
 * commit that predates a column drops exactly that column from both dumps.
 *
 * <pre>java -cp duckdb_jdbc.jar scripts/tools/TablesDump.java DIR OUT.txt [TABLE.COLUMN,...]</pre>
 */
public final class TablesDump {
    public static void main(String[] args) throws SQLException, IOException {
        if (args.length != 2 && args.length != 3) {
            System.err.println("usage: TablesDump SWEEP_DIR OUT.txt [TABLE.COLUMN,...]");
            System.exit(2);
        }
        java.util.List<String> leftOut = args.length == 3 ? java.util.List.of(args[2].split(",")) : java.util.List.of();
        Path dir = Path.of(args[0]).toAbsolutePath();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8))) {
            dump(s, out, dir, "fits", columns(s, dir, "fits", leftOut, "millis", "fit_millis"), "setting, n, replicate");
            dump(s, out, dir, "curves", columns(s, dir, "curves", leftOut), "setting, metric, n" + byLayout(s, dir, "curves"));
            dump(s, out, dir, "rates", columns(s, dir, "rates", leftOut), "setting, metric" + byLayout(s, dir, "rates"));
            for (String[] table : GOF) {
                if (Files.isDirectory(dir.resolve(table[0]))) {
                    dump(s, out, dir, table[0], columns(s, dir, table[0], leftOut), table[1]);
                }
            }
        }
    }

    /** The goodness-of-fit tables (docs/gof.md) and the keys they are sorted by. */
    private static final String[][] GOF = {{"tests", "setting, n, replicate"}, {"power", "setting, n, test, alpha"},
        {"nulls", "setting, n, \"index\""}};

    /** "*", or "* EXCLUDE (…)" of {@code always} and of the columns of {@code leftOut} the table has. */
    private static String columns(Statement s, Path dir, String table, java.util.List<String> leftOut,
            String... always) throws SQLException {
        java.util.List<String> excluded = new java.util.ArrayList<>(java.util.List.of(always));
        String glob = dir.resolve(table).resolve("*.parquet").toString().replace("'", "''");
        try (ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + glob + "')")) {
            while (rs.next()) {
                String column = rs.getString(1);
                if (leftOut.contains(table + "." + column)) {
                    excluded.add(column);
                }
            }
        }
        return excluded.isEmpty() ? "*" : "* EXCLUDE (" + String.join(", ", excluded) + ")";
    }

    /**
     * ", layout" when the table has that column (issue 24's rows by cell layout: one (setting, metric, n)
     * per layout), so the order is total; a table before layouts has one row per key and needs none. The
     * column orders the rows even where it is left out of the dump.
     */
    private static String byLayout(Statement s, Path dir, String table) throws SQLException {
        String glob = dir.resolve(table).resolve("*.parquet").toString().replace("'", "''");
        try (ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + glob + "')")) {
            while (rs.next()) {
                if (rs.getString(1).equals("layout")) {
                    return ", layout";
                }
            }
        }
        return "";
    }

    private static void dump(Statement s, PrintWriter out, Path dir, String table, String columns, String order)
            throws SQLException {
        String glob = dir.resolve(table).resolve("*.parquet").toString().replace("'", "''");
        out.println("== " + table);
        int rows = 0;
        try (ResultSet rs = s.executeQuery("SELECT " + columns + " FROM read_parquet('" + glob + "') ORDER BY " + order)) {
            ResultSetMetaData md = rs.getMetaData();
            StringBuilder header = new StringBuilder();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                header.append(i > 1 ? "\t" : "").append(md.getColumnName(i)).append(':').append(md.getColumnTypeName(i));
            }
            out.println(header);
            while (rs.next()) {
                StringBuilder line = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    line.append(i > 1 ? "\t" : "");
                    format(rs.getObject(i), line);
                }
                out.println(line);
                rows++;
            }
        }
        String counts = table + ": rows=" + rows;
        if (table.equals("fits")) {
            try (ResultSet rs = s.executeQuery("SELECT count(DISTINCT (setting, n, replicate)) FROM read_parquet('"
                    + glob + "')")) {
                rs.next();
                counts += " keys=" + rs.getLong(1);
            }
        }
        System.out.println(counts);
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
        } else {
            b.append(v);
        }
    }
}
