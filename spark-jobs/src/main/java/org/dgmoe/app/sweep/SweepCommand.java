package org.dgmoe.app.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.dgmoe.app.base.Command;
import org.dgmoe.app.base.ExitStatus;
import org.dgmoe.app.base.InputException;
import org.dgmoe.app.base.OutOfMemory;
import org.dgmoe.app.base.Progress;
import org.dgmoe.app.base.SparkSessions;
import org.dgmoe.app.config.LoadedStudy;
import org.dgmoe.app.config.StudyConfigLoader;
import org.dgmoe.app.storage.Decision;
import org.dgmoe.app.storage.HadoopConfigurations;
import org.dgmoe.app.storage.History;
import org.dgmoe.app.storage.OutputDir;
import org.dgmoe.app.storage.OutputLock;
import org.dgmoe.core.rate.RateEstimator;
import org.dgmoe.core.rate.RateSettings;
import org.dgmoe.core.summary.StudySummary;

/**
 * {@code dgmoe sweep CONFIG [--out DIR] [--master URL] [--set key=value]... [--resume] [--overwrite]
 * [--partitions N] [--fail-on-disagreement] [--history DIR_H]}: runs every task of a study on Spark and writes
 * {@code fits/}, {@code curves/}, {@code rates/} and {@code manifest.json} into DIR (default
 * {@code out/<study name>}), atomically.
 *
 * <p>Exit status: 0 done; 1 the run failed (DIR keeps the finished tasks: {@code --resume}); 2 bad
 * input (config, flags, or a DIR that must be left alone), nothing written; 3 a rate is
 * {@code slower-than-theory} (the only disagreement) and {@code --fail-on-disagreement} was given.
 *
 * <p>The master is {@code --master}, else {@code dgmoe.spark.master}, else the one spark-submit set, else
 * {@code local[*]}; every other flag likewise wins over its key in the study's run sections. A local
 * master is embedded: bound to 127.0.0.1, no UI.
 */
public final class SweepCommand implements Command {

    /**
     * The collaborators of a run, replaceable in tests.
     *
     * @param loader     parses the study file with the overrides
     * @param session    the Spark session for the options and the study
     * @param ownsSession stop the session at the end
     * @param source     how executors obtain the study
     * @param task       the per-task function
     * @param rates      the curve and rate estimator of the loaded rate settings
     * @param tty        stderr is a terminal
     */
    record Environment(Function<SweepOptions, LoadedStudy> loader, Function<SweepOptions, SparkSession> session,
            boolean ownsSession, Function<LoadedStudy, StudySource> source, TaskFunction task,
            Function<RateSettings, StudySummary.Estimator> rates, boolean tty) {

        static Environment production() {
            return new Environment(o -> StudyConfigLoader.load(o.config(), o.overrides()), SweepCommand::session, true,
                    ConfigStudySource::of, TaskFunction.REAL, r -> StudySummary.Estimator.of(new RateEstimator(r)),
                    Progress.stderrIsTerminal());
        }
    }


    @Override
    public String name() {
        return "sweep";
    }

    @Override
    public String summary() {
        return "run a whole study on Spark (embedded or a cluster) and write fits, curves and rates";
    }

    @Override
    public String usage() {
        return SweepOptions.USAGE + "\n\n"
                + "  CONFIG                  the study file (HOCON)\n"
                + "  --out DIR               output folder (default out/<study name>); HDFS/S3 URIs work\n"
                + "  --master URL            Spark master (default: spark-submit's, else local[*])\n"
                + "  --set KEY=VALUE         override a config key (repeatable), e.g. dgmoe.study.replicates=5\n"
                + "  --resume                finish an interrupted run of the same study (same config hash)\n"
                + "  --overwrite             replace a finished study in DIR once the new run has succeeded\n"
                + "                          (both take over the lock of a killed run on this host: its pid is gone)\n"
                + "  --break-lock            take over DIR's lock whoever holds it: only when you know its run is gone\n"
                + "                          (a killed run on another host, which this host cannot check)\n"
                + "  --partitions N          at most N Spark partitions of equal expected cost (default: batches\n"
                + "                          of about 0.1 s of expected work, dgmoe.sweep.partitions)\n"
                + "  --fail-on-disagreement  exit 3 when any rate verdict is 'slower-than-theory' (the theory's exponents\n"
                + "                          are bounds: 'faster-than-theory' does not contradict them)\n"
                + "  --history DIR_H         append this run's rates (with time, run id, config hash, commit) to the\n"
                + "                          rate history in DIR_H, one new Parquet file per run (dgmoe report --history)\n"
                + "Each flag wins over its key in the study's dgmoe.spark, dgmoe.output and dgmoe.sweep (docs/config.md).\n\n"
                + "Exit status: 0 done; 1 the run failed (rerun with --resume); 2 bad input, nothing written, or the\n"
                + "driver's heap ran out (raise DGMOE_JAVA_OPTS=-Xmx... or spark.driver.memory, then --resume);\n"
                + "3 a rate is slower than its theory and --fail-on-disagreement was given.";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        return run(args.toArray(new String[0]), out, err);
    }

    /** Runs {@code dgmoe sweep} with {@code args} (the arguments after "sweep"); returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, Environment.production());
    }

    static int run(String[] args, PrintStream out, PrintStream err, Environment env) {
        SweepOptions options;
        LoadedStudy loaded;
        OutputDir dir;
        try {
            options = SweepOptions.parse(args);
            if (options == null) {
                out.print(new SweepCommand().usage());
                return ExitStatus.OK;
            }
            loaded = env.loader().apply(options);
            options = options.withRunSettings(loaded.run(), loaded.study().name());
            if (options.history() != null) {
                History.checkWritable(options.history());
            }
            dir = new OutputDir(options.out(), HadoopConfigurations.fromSparkConf());
        } catch (InputException e) {
            return badInput(err, e);
        }
        // The lock is held from before the decision until after the commit or the failure, so no
        // other run reads a half-decided folder or writes into this run's.
        OutputLock lock;
        try {
            lock = dir.lock(OutputLock.Holder.current("dgmoe sweep " + String.join(" ", args)), options.takeover());
        } catch (InputException e) {
            return badInput(err, e);
        } catch (IOException e) {
            err.println("dgmoe sweep: cannot lock the output directory " + dir.display() + ": " + e.getMessage());
            return ExitStatus.BAD_INPUT;
        }
        lock.tookOverFrom().ifPresent(h -> err.println("dgmoe sweep: took over the lock of " + dir.display() + " from "
                + (OutputLock.isStale(h) ? "a run that no longer runs" : "a run that may still run (--break-lock)")
                + " (" + h + ")"));
        try (lock) {
            return runLocked(options, loaded, dir, out, err, env);
        } catch (IOException e) {
            err.println("dgmoe sweep: could not release the lock " + OutputDir.display(lock.path()) + ": " + e.getMessage()
                    + "; delete it before the next run into " + dir.display());
            return ExitStatus.FAILED;
        }
    }

    private static int badInput(PrintStream err, InputException e) {
        for (String p : e.problems()) {
            // the parser's problems already name the command ("sweep: ...")
            err.println(p.startsWith("sweep: ") ? "dgmoe " + p : "dgmoe sweep: " + p);
        }
        return ExitStatus.BAD_INPUT;
    }

    /** The run once it holds the lock of {@code dir}: decide, start Spark, execute. */
    private static int runLocked(SweepOptions options, LoadedStudy loaded, OutputDir dir, PrintStream out,
            PrintStream err, Environment env) {
        Decision decision;
        try {
            decision = Decision.of(dir, loaded.configHash(), options.resume(), options.overwrite());
        } catch (InputException e) {
            return badInput(err, e);
        } catch (IOException e) {
            err.println("dgmoe sweep: cannot read the output directory: " + e.getMessage());
            return ExitStatus.BAD_INPUT;
        }
        SparkSession spark;
        try {
            spark = env.session().apply(options);
        } catch (InputException e) { // a driver heap below Spark's minimum
            return badInput(err, e);
        } catch (Exception e) {
            // Spark's SparkException is checked in Java's eyes but thrown undeclared from Scala, so
            // this catches Exception. Nothing has been written yet: the decision only read DIR.
            if (String.valueOf(e.getMessage()).contains("Master URL")) {
                err.println("dgmoe sweep: --master " + (options.master() != null ? options.master() : "(spark.master)")
                        + ": Spark cannot use this master URL (" + e.getMessage() + "); allowed: local, local[N], "
                        + "local[*], spark://HOST:PORT, yarn, k8s://https://HOST:PORT");
                return ExitStatus.BAD_INPUT;
            }
            if (OutOfMemory.causedBy(e)) { // a heap below Spark's minimum
                err.println("dgmoe: " + OutOfMemory.message("sweep"));
                return ExitStatus.BAD_INPUT;
            }
            err.println("dgmoe sweep: the Spark session could not start: " + e);
            return ExitStatus.FAILED;
        }
        try {
            return Sweep.execute(spark, loaded, options, decision, env.source().apply(loaded), env.task(),
                    env.rates().apply(loaded.rates()), out, err, env.tty());
        } catch (OutOfMemoryError e) {
            return outOfMemory(err, decision);
        } catch (Exception e) {
            // Exception, not IOException | RuntimeException: Spark throws checked exceptions
            // (SparkException, AnalysisException) that Java does not see declared.
            if (OutOfMemory.causedBy(e)) { // Spark wraps an error of its driver threads
                return outOfMemory(err, decision);
            }
            err.println("dgmoe sweep: the run failed: " + e);
            for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
                err.println("  caused by: " + c);
            }
            err.println("dgmoe sweep: finished tasks are kept in " + OutputDir.display(decision.dir().staging())
                    + "; rerun with --resume to compute only the missing ones");
            return ExitStatus.FAILED;
        } finally {
            if (env.ownsSession()) {
                spark.stop();
            }
        }
    }

    /**
     * The driver's heap ran out ({@link OutOfMemory}): the message, and what DIR keeps. Nothing is half-written:
     * the tables are committed only whole (under {@code _SUCCESS}), and the staged chunks are each complete.
     */
    private static int outOfMemory(PrintStream err, Decision decision) {
        OutOfMemory.silenceOtherThreads();
        err.println("dgmoe: " + OutOfMemory.message("sweep"));
        err.println("dgmoe sweep: finished tasks are kept in " + OutputDir.display(decision.dir().staging())
                + "; rerun with a larger heap and --resume to compute only the missing ones");
        return ExitStatus.BAD_INPUT;
    }

    /**
     * The session of a run. spark-submit's master (a {@code spark.master} system property) is kept
     * unless {@code --master} or {@code dgmoe.spark.master} is given; without any the run is embedded in
     * {@code local[*]}. The study's {@code dgmoe.spark.conf} fills in what spark-submit's {@code --conf}
     * left unset.
     */
    static SparkSession session(SweepOptions options) {
        return SparkSession.builder().config(sparkConf(options, new SparkConf())).getOrCreate();
    }

    /** {@code submitted} (spark-submit's settings: the {@code spark.*} system properties) completed for a run. */
    static SparkConf sparkConf(SweepOptions options, SparkConf conf) {
        if (options.master() != null) {
            conf.setMaster(options.master());
        }
        // below spark-submit's own --conf, above the built-in defaults
        options.sparkConf().forEach(conf::setIfMissing);
        return SparkSessions.complete(conf, "sweep");
    }
}
