package org.dgmoe.app.gof;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dgmoe.app.files.JsonFiles;
import org.dgmoe.core.gof.Baseline;
import org.dgmoe.core.gof.GoodnessOfFit;
import org.dgmoe.core.gof.LrtRecipe;
import org.dgmoe.core.gof.LrtResult;
import org.dgmoe.core.gof.NullSample;
import org.dgmoe.core.gof.PValue;

/** The layout of {@code test.json} (docs/gof.md, "test.json"). */
final class TestJson {
    private TestJson() {
    }

    /** Everything but the provenance, which the command adds. */
    static ObjectNode of(GoodnessOfFit.Result result, NullSample nulls, LrtRecipe recipe) {
        LrtResult lrt = result.observed().lrt();
        PValue p = result.lrt();
        ObjectNode o = JsonFiles.MAPPER.createObjectNode();
        JsonFiles.putDouble(o, "statistic", lrt.statistic());
        JsonFiles.putDouble(o, "pValue", p.value());
        o.put("bootstrap", p.bootstrap());
        o.put("exceedances", p.exceedances());
        JsonFiles.putDouble(o, "pValueStandardError", p.standardError());
        ObjectNode interval = o.putObject("pValueInterval");
        interval.put("method", "clopper-pearson");
        interval.put("confidence", PValue.CONFIDENCE);
        JsonFiles.putDouble(interval, "lower", p.lower());
        JsonFiles.putDouble(interval, "upper", p.upper());
        JsonFiles.putDouble(o, "nullLogLikelihood", lrt.nullLogLikelihood());
        JsonFiles.putDouble(o, "alternativeLogLikelihood", lrt.alternativeLogLikelihood());
        JsonFiles.putDouble(o, "lambda", lrt.lambda());
        o.put("lambdaZeroWon", lrt.lambdaZeroWon());
        o.set("alternative", JsonFiles.fit(lrt.fit()));
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
        ArrayNode nullT = o.putArray("nullStatistics");
        for (double t : nulls.statistics()) {
            nullT.add(t);
        }
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
