package org.dgmoe.app.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dgmoe.core.em.FitStatus;
import org.dgmoe.core.field.Field;
import org.dgmoe.core.field.Part;
import org.dgmoe.core.field.ValueType;
import org.dgmoe.core.field.Values;
import org.junit.jupiter.api.Test;

/**
 * The one Spark codec of declared fields. The part here is a dry run of the next issue's standard
 * errors: declaring the field is all a table needs to store and read it.
 */
class FieldColumnsTest {
    /** What the uncertainty issue adds to a fit: the standard errors of its parameters, and its status. */
    private record Uncertainty(double[] standardErrors, FitStatus status, int passes) {
    }

    private static final Field<Uncertainty> STANDARD_ERRORS = Field.of("standardErrors", ValueType.DOUBLE_ARRAY,
            "standard errors of the fitted parameters", Uncertainty::standardErrors);
    private static final Field<Uncertainty> STATUS = Field.ofEnum("uncertaintyStatus", FitStatus.class,
            "how the fit ended", Uncertainty::status);
    private static final Field<Uncertainty> PASSES = Field.of("uncertaintyPasses", ValueType.INT,
            "data passes", Uncertainty::passes).absentReadsAs(-1);
    private static final Part<Uncertainty> PART = new Part<>(List.of(STANDARD_ERRORS, STATUS, PASSES),
            v -> new Uncertainty(v.doubles(STANDARD_ERRORS), v.constant(STATUS, FitStatus.class), v.integer(PASSES)));

    private static Row row(Uncertainty u, List<Field<Uncertainty>> fields) {
        StructType schema = DataTypes.createStructType(fields.stream().map(FieldColumns::structField).toList());
        return new GenericRowWithSchema(fields.stream().map(f -> FieldColumns.cell(f, f.get(u))).toArray(), schema);
    }

    @Test
    void aDeclaredFieldIsAColumnThatReadsBack() {
        Uncertainty u = new Uncertainty(new double[] {0.5, Double.NaN, -0.0}, FitStatus.MAX_ITERATIONS, 7);
        Row row = row(u, PART.fields());
        assertEquals("struct<standard_errors:array<double>,uncertainty_status:string,uncertainty_passes:int>",
                row.schema().simpleString());
        assertEquals(false, row.schema().apply("standard_errors").nullable());
        assertEquals("max_iterations", row.getString(1));
        Uncertainty read = PART.read(FieldColumns.values(row));
        assertArrayEquals(u.standardErrors(), read.standardErrors());
        assertEquals(FitStatus.MAX_ITERATIONS, read.status());
        assertEquals(7, read.passes());
    }

    @Test
    void anOlderTableWithoutAColumnReadsItsAbsentValueOrFails() {
        Uncertainty u = new Uncertainty(new double[] {1}, FitStatus.CONVERGED, 7);
        assertEquals(-1, PART.read(FieldColumns.values(row(u, List.of(STANDARD_ERRORS, STATUS)))).passes());
        Values lacking = FieldColumns.values(row(u, List.of(STATUS, PASSES)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PART.read(lacking));
        assertEquals("column standard_errors: missing from the table", e.getMessage());
    }
}
