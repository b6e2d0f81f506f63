package org.dgmoe.app.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.dgmoe.core.gof.PowerRow;
import org.dgmoe.core.gof.PowerSummary;
import org.dgmoe.core.gof.TestKind;
import org.junit.jupiter.api.Test;

/** The codec of {@code power/}: its column names, its round trip, and tables written before a rename. */
class PowerTableTest {

    /** 3 of 20 replicates rejected at α = 0.05 under H0 with a null sample of 199: every column set. */
    private static final PowerRow ROW = PowerSummary.row("s", 200, TestKind.LRT, 0.05, 0.0, 20, 3, 199);

    @Test
    void columnsReadAsWhatTheyHold() {
        List<String> names = List.of(PowerTable.SCHEMA.fieldNames());
        assertEquals(List.of("setting", "n", "test", "alpha", "lambda_true", "replicates", "rejections", "rate",
                "ci_low", "ci_high", "bootstrap", "conditional_size_se", "band_low", "band_high", "size_verdict"),
                names);
        assertFalse(PowerTable.REQUIRED.contains(PowerTable.REPLICATES));
        assertEquals(names.size() - 1, PowerTable.REQUIRED.size());
    }

    @Test
    void roundTrip() {
        PowerRow back = PowerTable.fromRow(PowerTable.toRow(ROW));
        assertEquals(ROW, back);
        assertEquals(20, back.replicates());
    }

    /** A table written when R's column was {@code tests} reads the same. */
    @Test
    void readsTheColumnsOldName() {
        Row now = PowerTable.toRow(ROW);
        StructField[] fields = PowerTable.SCHEMA.fields().clone();
        int at = Arrays.asList(PowerTable.SCHEMA.fieldNames()).indexOf(PowerTable.REPLICATES);
        fields[at] = DataTypes.createStructField("tests", DataTypes.IntegerType, false);
        Object[] values = new Object[fields.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = now.get(i);
        }
        Row old = new GenericRowWithSchema(values, new StructType(fields));
        assertEquals(ROW, PowerTable.fromRow(old));
    }

    /**
     * A table written while {@code combined} was the min-p test and {@code cauchy} the exactly calibrated Cauchy
     * combination reads under today's names: cauchy as combined, combined as minp; the components as they are.
     * Today's table (no {@code cauchy}) reads its {@code combined} as the combined test.
     */
    @Test
    void readsATableOfTheCauchyLayoutUnderTodaysTestNames() {
        PowerRow minP = PowerSummary.row("s", 200, TestKind.MINP, 0.05, 0.0, 20, 3, 199);
        PowerRow cauchy = PowerSummary.row("s", 200, TestKind.COMBINED, 0.05, 0.0, 20, 1, 199);
        List<Row> old = List.of(PowerTable.toRow(ROW), relabel(PowerTable.toRow(minP), "combined"),
                relabel(PowerTable.toRow(cauchy), "cauchy"));
        assertEquals(List.of(ROW, minP, cauchy), PowerTable.fromRows(old));
        List<Row> today = List.of(PowerTable.toRow(ROW), PowerTable.toRow(minP), PowerTable.toRow(cauchy));
        assertEquals(List.of(ROW, minP, cauchy), PowerTable.fromRows(today));
        assertEquals(cauchy, PowerTable.fromRow(today.get(2)));
    }

    /** {@code row} with its test column set to {@code test}. */
    private static Row relabel(Row row, String test) {
        Object[] values = new Object[row.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.get(i);
        }
        values[row.fieldIndex(PowerTable.TEST)] = test;
        return new GenericRowWithSchema(values, PowerTable.SCHEMA);
    }
}
