package org.dgmoe.app.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.field.Field;
import org.dgmoe.core.field.ValueType;
import org.junit.jupiter.api.Test;

/** JSON files write a declared field under its key, in the spellings fit.json has always used. */
class JsonFilesFieldsTest {
    private record Uncertainty(double[] standardErrors, double[][] covariance, FitStatus status, Integer order) {
    }

    @Test
    void declaredFieldsAreWrittenUnderTheirKeys() throws Exception {
        Uncertainty u = new Uncertainty(new double[] {0.5, Double.NaN}, new double[][] {{1, 0}, {0, Double.POSITIVE_INFINITY}},
                FitStatus.NON_FINITE, null);
        ObjectNode o = JsonFiles.MAPPER.createObjectNode();
        JsonFiles.put(o, Field.of("standardErrors", ValueType.DOUBLE_ARRAY, "standard errors",
                Uncertainty::standardErrors), u.standardErrors());
        JsonFiles.put(o, Field.of("covariance", ValueType.DOUBLE_MATRIX, "covariance", Uncertainty::covariance),
                u.covariance());
        JsonFiles.put(o, Field.ofEnum("status", FitStatus.class, "status", Uncertainty::status), u.status());
        JsonFiles.put(o, Field.of("order", ValueType.INT, "order", Uncertainty::order).asNullable(), u.order());
        assertEquals("{\"standardErrors\":[0.5,\"NaN\"],\"covariance\":[[1.0,0.0],[0.0,\"Infinity\"]],"
                + "\"status\":\"NON_FINITE\"}", o.toString());
    }
}
