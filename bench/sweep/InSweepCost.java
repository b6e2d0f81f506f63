import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The EM-map cost inside a finished sweep's fits, from the fits' own counters in {@code fits/}:
 * fit_millis · 10⁶ / (n · k · em_evaluations) nanoseconds per point per component per EM-map
 * evaluation, where {@code fit_millis} is the fitter's wall time of the kept fit (FitResult.millis:
 * log g0, the start pass, every pass and M-step, the score) and {@code em_evaluations} its EM-map
 * evaluations (M-steps computed, accepted or not; SQUAREM makes 1 to 4/3 passes per evaluation).
 * k is the length of the {@code weights} array. Prints one line per (setting, n) and the pooled
 * figure Σ fit_millis / Σ n·k·evaluations per setting, over fits with at least {@code MIN_MILLIS}
 * ms (fit_millis is a whole number of milliseconds).
 *
 * <p>Then the same per data pass: a gated fit counts its passes ({@code likelihood_passes}, E-step passes;
 * {@code solver_passes}, its Newton M-steps' passes; {@code certificate_passes}), so its figure divides by their
 * sum; a constant-weight fit (likelihood_passes −1) has 1 + em_evaluations + certificate_passes passes, up to
 * em_evaluations/3 more under SQUAREM (docs/convergence.md, "What a fit costs"), so its figure is an upper bound.
 * Also printed: each kind of pass per EM-map evaluation. Tables written before the pass columns get only the
 * first part.
 *
 * <pre>java -cp duckdb_jdbc.jar bench/sweep/InSweepCost.java OUT_DIR</pre>
 */
public final class InSweepCost {
    private static final int MIN_MILLIS = 20;

    public static void main(String[] args) throws SQLException {
        if (args.length != 1) {
            System.err.println("usage: InSweepCost SWEEP_OUT_DIR");
            System.exit(2);
        }
        String fits = args[0] + "/fits/*.parquet";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            String base = "SELECT setting, n, len(weights) AS k, fit_millis, em_evaluations, status FROM read_parquet('"
                    + fits.replace("'", "''") + "') WHERE fit_millis >= " + MIN_MILLIS;
            System.out.println("setting n k fits mean_evaluations mean_fit_millis ns_per_point_component_evaluation(min/median/max) statuses");
            try (ResultSet r = s.executeQuery("SELECT setting, n, k, count(*), avg(em_evaluations), avg(fit_millis),"
                    + " min(1e6 * fit_millis / (n * k * em_evaluations)), median(1e6 * fit_millis / (n * k * em_evaluations)),"
                    + " max(1e6 * fit_millis / (n * k * em_evaluations)), string_agg(DISTINCT status, ',')"
                    + " FROM (" + base + ") GROUP BY setting, n, k ORDER BY setting, n")) {
                while (r.next()) {
                    System.out.printf("%s %d %d %d %.0f %.0f %.2f/%.2f/%.2f %s%n", r.getString(1), r.getInt(2), r.getInt(3),
                            r.getInt(4), r.getDouble(5), r.getDouble(6), r.getDouble(7), r.getDouble(8), r.getDouble(9),
                            r.getString(10));
                }
            }
            System.out.println("pooled: setting k fits ns_per_point_component_evaluation");
            try (ResultSet r = s.executeQuery("SELECT setting, k, count(*), 1e6 * sum(fit_millis) / sum(n * k * em_evaluations)"
                    + " FROM (" + base + ") GROUP BY setting, k ORDER BY setting")) {
                while (r.next()) {
                    System.out.printf("pooled %s %d %d %.2f%n", r.getString(1), r.getInt(2), r.getInt(3), r.getDouble(4));
                }
            }
            boolean counted;
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM (DESCRIBE SELECT * FROM read_parquet('"
                    + fits.replace("'", "''") + "')) WHERE column_name = 'likelihood_passes'")) {
                counted = r.next() && r.getInt(1) == 1;
            }
            if (!counted) {
                return;
            }
            String passes = "CASE WHEN likelihood_passes >= 0 THEN likelihood_passes + solver_passes + certificate_passes"
                    + " ELSE 1 + em_evaluations + certificate_passes END";
            System.out.println("per pass: setting k fits likelihood_passes/evaluation solver_passes/evaluation"
                    + " certificate_passes/fit ns_per_point_component_pass(pooled; median)");
            try (ResultSet r = s.executeQuery("SELECT setting, len(weights) AS k, count(*),"
                    + " sum(greatest(likelihood_passes, 0)) / sum(em_evaluations), sum(greatest(solver_passes, 0)) / sum(em_evaluations),"
                    + " avg(certificate_passes), 1e6 * sum(fit_millis) / sum(n * len(weights) * (" + passes + ")),"
                    + " median(1e6 * fit_millis / (n * len(weights) * (" + passes + ")))"
                    + " FROM read_parquet('" + fits.replace("'", "''") + "') WHERE fit_millis >= " + MIN_MILLIS
                    + " GROUP BY setting, k ORDER BY setting")) {
                while (r.next()) {
                    System.out.printf("per pass %s %d %d %.3f %.3f %.1f %.2f; %.2f%n", r.getString(1), r.getInt(2),
                            r.getInt(3), r.getDouble(4), r.getDouble(5), r.getDouble(6), r.getDouble(7), r.getDouble(8));
                }
            }
        }
    }
}
