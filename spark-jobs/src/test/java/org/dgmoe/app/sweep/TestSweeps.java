package org.dgmoe.app.sweep;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dgmoe.app.config.StudyConfigLoader;
import org.dgmoe.app.storage.LocalFolder;
import org.dgmoe.core.rate.RateEstimator;
import org.dgmoe.core.summary.StudySummary;

/**
 * A real {@code dgmoe sweep} (simulator, EM, rates, goodness-of-fit stage) on the shared test
 * session, for tests of the commands that read a finished sweep from other packages.
 */
public final class TestSweeps {
    /** A small study with a test block: every table a sweep writes, fits/, tests/, power/ and nulls/ among them. */
    static final String SMALL_GOF_STUDY = """
            dgmoe.study {
              name = "small-gof", seed = 11, replicates = 2, sample-sizes = [60]
              settings = [
                { name = "h0"
                  covariates { distribution = uniform, dimension = 1, min = -1.0, max = 1.0 }
                  fit { experts = 1, lambda = free, init = random, max-iterations = 500 }
                  truth { lambda = 0.0, experts = [ { weight = 1.0, slope = [2.0], intercept = 1.0, variance = 0.25 } ] }
                  g0 { type = gaussian-linear, slope = [1.0], intercept = 0.0, variance = 1.0 }
                  test { bootstrap = 19, alpha = [0.05] } }
              ]
            }
            dgmoe.rates { bootstrap = 100 }
            """;

    private static Path smallGofSweep;
    private static Result smallGofRun;

    private TestSweeps() {
    }

    /**
     * The finished sweep of {@link #SMALL_GOF_STUDY}, run once per test JVM and deleted when it
     * exits. Read it only: a test that breaks a sweep breaks a copy.
     */
    public static synchronized Path smallGofSweep() {
        if (smallGofSweep == null) {
            try {
                Path dir = Files.createTempDirectory("dgmoe-small-gof");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> LocalFolder.deleteTree(dir)));
                Path config = Files.writeString(dir.resolve("small-gof.conf"), SMALL_GOF_STUDY);
                Result r = sweep(config, "--out", dir.resolve("sweep").toString());
                if (r.status() != 0) {
                    throw new IllegalStateException("the small goodness-of-fit sweep failed: " + r.err());
                }
                smallGofSweep = dir.resolve("sweep");
                smallGofRun = r;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return smallGofSweep;
    }

    /** The exit status, stdout and stderr of a sweep. */
    public record Result(int status, String out, String err) {
    }

    /** The run that wrote {@link #smallGofSweep()}: its status, stdout and stderr. */
    public static synchronized Result smallGofRun() {
        smallGofSweep();
        return smallGofRun;
    }

    /** A copy of the folder {@code from} at {@code to} (its files and subfolders). */
    public static Path copy(Path from, Path to) throws IOException {
        try (java.util.stream.Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q);
                }
            }
        }
        return to;
    }

    /** Runs {@code dgmoe sweep CONFIG ARGS...} on {@link SparkTestSession} without stopping it. */
    public static Result sweep(Path config, String... args) {
        List<String> all = new ArrayList<>(List.of(config.toString()));
        all.addAll(List.of(args));
        SweepCommand.Environment env = new SweepCommand.Environment(o -> StudyConfigLoader.load(o.config(),
                o.overrides()), o -> SparkTestSession.get(), false, ConfigStudySource::of, TaskFunction.REAL,
                r -> StudySummary.Estimator.of(new RateEstimator(r)), false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SweepCommand.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
