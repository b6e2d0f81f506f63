package org.dgmoe.app.sweep;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dgmoe.app.config.StudyConfigLoader;
import org.dgmoe.core.rate.RateEstimator;
import org.dgmoe.core.summary.StudySummary;

/**
 * A real {@code dgmoe sweep} (simulator, EM, rates, goodness-of-fit stage) on the shared test
 * session, for tests of the commands that read a finished sweep from other packages.
 */
public final class TestSweeps {
    private TestSweeps() {
    }

    /** The exit status and stderr of a sweep. */
    public record Result(int status, String err) {
    }

    /** Runs {@code dgmoe sweep CONFIG ARGS...} on {@link SparkTestSession} without stopping it. */
    public static Result sweep(Path config, String... args) {
        List<String> all = new ArrayList<>(List.of(config.toString()));
        all.addAll(List.of(args));
        SweepCommand.Environment env = new SweepCommand.Environment(o -> StudyConfigLoader.load(o.config(),
                o.overrides()), o -> SparkTestSession.get(), false, ConfigStudySource::of, TaskFunction.REAL,
                r -> StudySummary.Estimator.of(new RateEstimator(r)), false);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SweepCommand.run(all.toArray(String[]::new),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Result(status, err.toString(StandardCharsets.UTF_8));
    }
}
