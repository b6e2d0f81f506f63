package org.dgmoe.app.gof;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.dgmoe.app.files.JsonFiles;
import org.dgmoe.app.files.StandardErrorsJson;
import org.dgmoe.app.provenance.Provenance;
import org.dgmoe.core.gof.Baseline;
import org.dgmoe.core.gof.GoodnessOfFit;
import org.dgmoe.core.gof.LambdaLowerBound;
import org.dgmoe.core.gof.LrtRecipe;
import org.dgmoe.core.gof.LrtResult;
import org.dgmoe.core.gof.NullSample;
import org.dgmoe.core.gof.PValue;
import org.dgmoe.core.gof.TestKind;
import org.dgmoe.core.uncertainty.StandardErrors;

/**
 * The layout of {@code test.json} (docs/gof.md, "test.json"): what was tested ({@link Subject}), the
 * result, how the run went ({@link Run}: {@code "run"}) and the {@link Provenance} ({@code "provenance"}).
 * Only {@code run} and {@code provenance} differ between two runs of the same test.
 */
final class TestJson {
    /** How {@link Subject#key} and the null refits' seeds derive from the study seed. */
    static final String KEY_RULE = "Seeds.taskSeed(study seed, setting, n, 0); null refit b: Seeds.nullSeed(key, b)";

    private TestJson() {
    }

    /**
     * What was tested.
     *
     * @param setting   the setting whose g0 is tested
     * @param study     the study's name
     * @param data      the data file as given
     * @param n         its rows
     * @param dimension d, its covariates
     * @param g0        the g0 family
     * @param experts   the experts of H1
     * @param key       the test's seed ({@link #KEY_RULE})
     * @param alpha     the level of the verdict, in (0, 1)
     */
    record Subject(String setting, String study, String data, int n, int dimension, String g0, int experts, long key,
            double alpha) {
        Subject {
            if (!(alpha > 0 && alpha < 1)) {
                throw new IllegalArgumentException("alpha: must be in (0, 1), got " + alpha);
            }
            Objects.requireNonNull(setting, "setting");
            Objects.requireNonNull(study, "study");
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(g0, "g0");
        }
    }

    /**
     * How the run went (not reproducible).
     *
     * @param master     the Spark master
     * @param partitions Spark partitions of the null refits (the result does not depend on it)
     * @param started    before the observed fit
     * @param finished   after the last null refit
     */
    record Run(String master, int partitions, Instant started, Instant finished) {
        Run {
            Objects.requireNonNull(master, "master");
            Objects.requireNonNull(started, "started");
            Objects.requireNonNull(finished, "finished");
        }
    }

    /**
     * test.json.
     *
     * @param se the alternative's standard errors ({@code alternative.standardErrors}, {@code .intervals},
     *           {@code .reliability}, as in fit.json)
     */
    static ObjectNode of(Subject subject, GoodnessOfFit.Result result, StandardErrors se, NullSample nulls,
            LrtRecipe recipe, Run run, Provenance provenance) {
        LrtResult lrt = result.observed().lrt();
        PValue p = result.lrt();
        ObjectNode o = JsonFiles.MAPPER.createObjectNode();
        o.put("setting", subject.setting());
        o.put("study", subject.study());
        o.put("data", subject.data());
        o.put("n", subject.n());
        o.put("dimension", subject.dimension());
        o.put("g0", subject.g0());
        o.put("experts", subject.experts());
        o.put("key", subject.key());
        o.put("keyRule", KEY_RULE);
        // the headline: the combined test, the Cauchy combination calibrated exactly on the same null sample, with
        // its analytic p-value beside it; the min-p test below it (docs/gof.md)
        PValue combined = result.combined();
        o.put("test", TestKind.COMBINED.label());
        JsonFiles.putDouble(o, "statistic", result.combination().cauchy());
        putPValue(o, combined);
        JsonFiles.putDouble(o, "analyticPValue", result.combination().cauchyAnalytic());
        o.put("alpha", subject.alpha());
        o.put("rejected", combined.rejects(subject.alpha()));
        ObjectNode minp = o.putObject(TestKind.MINP.label());
        JsonFiles.putDouble(minp, "statistic", result.combination().minP());
        putPValue(minp, result.combination().minPValue());
        ObjectNode lrtNode = o.putObject(TestKind.LRT.label());
        JsonFiles.putDouble(lrtNode, "statistic", lrt.statistic());
        putPValue(lrtNode, p);
        JsonFiles.putDouble(o, "nullLogLikelihood", lrt.nullLogLikelihood());
        JsonFiles.putDouble(o, "alternativeLogLikelihood", lrt.alternativeLogLikelihood());
        JsonFiles.putDouble(o, "lambda", lrt.lambda());
        o.put("lambdaZeroWon", lrt.lambdaZeroWon());
        o.set("lambdaLowerBound", lowerBound(result.observed().lambdaLowerBound()));
        o.set("alternative", StandardErrorsJson.putAll(JsonFiles.fit(lrt.fit()), se, null));
        ObjectNode restarts = o.putObject("restarts");
        restarts.put("starts", recipe.starts());
        restarts.put("shortIterations", recipe.shortIterations());
        restarts.put("finalists", recipe.finalists());
        JsonFiles.putDouble(restarts, "varianceFloor", lrt.varianceFloor());
        ArrayNode finalists = restarts.putArray("finalistLogLikelihoods");
        for (double l : lrt.finalistLogLikelihoods()) {
            finalists.add(Double.isFinite(l) ? JsonFiles.MAPPER.getNodeFactory().numberNode(l)
                    : JsonFiles.MAPPER.getNodeFactory().textNode(Double.toString(l)));
        }
        JsonFiles.putDouble(restarts, "spread", lrt.spread());
        restarts.put("agreeing", lrt.agreeing());
        o.put("failedNullFits", result.failedNullFits());
        ObjectNode baselines = o.putObject("baselines");
        baselines.set("ks", baseline(result.ks(), "exact"));
        baselines.set("cvm", baseline(result.cvm(), "monte-carlo"));
        baselines.set("ad", baseline(result.ad(), "monte-carlo"));
        for (TestKind kind : new TestKind[] {TestKind.HC, TestKind.BJ, TestKind.SMOOTH, TestKind.SUPSCORE,
            TestKind.GRIDLR}) {
            baselines.set(kind.label(), baseline(result.adaptive(kind), "monte-carlo"));
        }
        ((ObjectNode) baselines.get(TestKind.SMOOTH.label())).put("dimension",
                result.observed().adaptive().smoothDimension());
        ArrayNode nullT = o.putArray("nullStatistics");
        for (double t : nulls.statistics()) {
            nullT.add(t);
        }
        ObjectNode r = o.putObject("run");
        r.put("master", run.master());
        r.put("partitions", run.partitions());
        r.put("started", run.started().toString());
        r.put("finished", run.finished().toString());
        r.put("seconds", Duration.between(run.started(), run.finished()).toMillis() / 1000.0);
        o.set(Provenance.KEY, provenance.toJson());
        return o;
    }

    /** pValue, bootstrap, exceedances, pValueStandardError and pValueInterval of a Monte Carlo p-value. */
    private static void putPValue(ObjectNode o, PValue p) {
        JsonFiles.putDouble(o, "pValue", p.value());
        o.put("bootstrap", p.bootstrap());
        o.put("exceedances", p.exceedances());
        JsonFiles.putDouble(o, "pValueStandardError", p.standardError());
        ObjectNode interval = o.putObject("pValueInterval");
        interval.put("method", "clopper-pearson");
        interval.put("confidence", PValue.CONFIDENCE);
        JsonFiles.putDouble(interval, "lower", p.lower());
        JsonFiles.putDouble(interval, "upper", p.upper());
    }

    /** {@code {value, level, method, grid}}: the model-free lower confidence bound of λ (docs/gof.md). */
    private static ObjectNode lowerBound(LambdaLowerBound b) {
        ObjectNode o = JsonFiles.MAPPER.createObjectNode();
        JsonFiles.putDouble(o, "value", b.value());
        JsonFiles.putDouble(o, "level", b.level());
        o.put("method", b.method());
        o.put("grid", b.grid());
        return o;
    }

    private static ObjectNode baseline(Baseline b, String method) {
        ObjectNode o = JsonFiles.MAPPER.createObjectNode();
        JsonFiles.putDouble(o, "statistic", b.statistic());
        JsonFiles.putDouble(o, "pValue", b.pValue());
        o.put("pValueMethod", method);
        return o;
    }
}
