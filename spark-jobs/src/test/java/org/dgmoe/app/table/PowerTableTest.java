package org.dgmoe.app.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertEquals(List.of("setting", "n", "test", "alpha", "lambda_true", "lambda_mean", "replicates", "rejections",
                "rate", "ci_low", "ci_high", "bootstrap", "conditional_size_se", "band_low", "band_high",
                "size_verdict"), names);
        assertFalse(PowerTable.REQUIRED.contains(PowerTable.REPLICATES));
        assertFalse(PowerTable.REQUIRED.contains(PowerTable.LAMBDA_MEAN));
        assertEquals(names.size() - 2, PowerTable.REQUIRED.size());
    }

    @Test
    void roundTrip() {
        PowerRow back = PowerTable.fromRow(PowerTable.toRow(ROW));
        assertEquals(ROW, back);
        assertEquals(20, back.replicates());
    }

    /** A gated truth's row (λ* NaN, E_x λ(x) a number, no size verdict) reads back as it was. */
    @Test
    void roundTripOfAGatedTruth() {
        PowerRow gated = PowerSummary.row("local", 300, TestKind.AD, 0.05, Double.NaN, 0.07, 20, 9, 199);
        assertEquals(gated, PowerTable.fromRow(PowerTable.toRow(gated)));
        assertTrue(gated.gated());
        assertNull(gated.sizeVerdict());
    }

    /** A table written before {@code lambda_mean} existed reads it as {@code lambda_true}. */
    @Test
    void readsATableWithoutTheMeanWeight() {
        PowerRow constant = PowerSummary.row("s", 200, TestKind.LRT, 0.05, 0.1, 20, 3, 199);
        Row now = PowerTable.toRow(constant);
        List<StructField> fields = new java.util.ArrayList<>();
        List<Object> values = new java.util.ArrayList<>();
        for (int i = 0; i < now.size(); i++) {
            if (!PowerTable.SCHEMA.fieldNames()[i].equals(PowerTable.LAMBDA_MEAN)) {
                fields.add(PowerTable.SCHEMA.fields()[i]);
                values.add(now.get(i));
            }
        }
        Row old = new GenericRowWithSchema(values.toArray(), new StructType(fields.toArray(new StructField[0])));
        assertEquals(constant, PowerTable.fromRow(old));
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
