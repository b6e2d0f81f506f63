package org.dgmoe.app.table;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.dgmoe.core.summary.CurveRow;

/**
 * The codec of {@code curves/}: one row per (setting, metric, n, layout), a {@link CurveRow};
 * {@code layout} is {@code all} for the points over every fit, or the cell layout "m1,m2,…" of the
 * fits a point by layout is over (as {@code rates/}' {@code layout}). Tables of sweeps that predate
 * the fit counts ({@code non_converged} ... {@code cells_unplanned}, {@code spurious}) are read with
 * those counts unknown (−1), tables that predate layouts as points over all fits. A study with varied settings appends its
 * varied-value columns ({@link #schema(List)}: nullable doubles, null where a setting does not vary
 * the key); a reader takes every such column of the table it reads ({@code Columns#varied}).
 */
public final class CurvesTable {
    /** The table's folder in a sweep's output directory. */
    public static final String FOLDER = "curves";

    public static final String SETTING = "setting";
    public static final String METRIC = "metric";
    public static final String N = "n";
    public static final String COUNT = "count";
    public static final String FAILED = "failed";
    public static final String MEAN = "mean";
    public static final String MEDIAN = "median";
    public static final String SD = "sd";
    public static final String Q10 = "q10";
    public static final String Q90 = "q90";
    public static final String NON_CONVERGED = "non_converged";
    public static final String CAPPED = "capped";
    public static final String START_CHECKED = "start_checked";
    public static final String START_DIFFERED = "start_differed";
    public static final String CELLS_UNPLANNED = "cells_unplanned";
    /** Fits at n that are spurious (a near-degenerate component; {@code fits/}' {@code spurious}). */
    public static final String SPURIOUS = "spurious";
    /** The fits a point is over: {@link CurveRow#layout()}, the column {@code rates/} has for its rates. */
    public static final String LAYOUT = RatesTable.LAYOUT;

    public static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField(SETTING, DataTypes.StringType, false),
            DataTypes.createStructField(METRIC, DataTypes.StringType, false),
            DataTypes.createStructField(N, DataTypes.IntegerType, false),
            DataTypes.createStructField(COUNT, DataTypes.IntegerType, false),
            DataTypes.createStructField(FAILED, DataTypes.IntegerType, false),
            DataTypes.createStructField(MEAN, DataTypes.DoubleType, false),
            DataTypes.createStructField(MEDIAN, DataTypes.DoubleType, false),
            DataTypes.createStructField(SD, DataTypes.DoubleType, false),
            DataTypes.createStructField(Q10, DataTypes.DoubleType, false),
            DataTypes.createStructField(Q90, DataTypes.DoubleType, false),
            DataTypes.createStructField(NON_CONVERGED, DataTypes.IntegerType, false),
            DataTypes.createStructField(CAPPED, DataTypes.IntegerType, false),
            DataTypes.createStructField(START_CHECKED, DataTypes.IntegerType, false),
            DataTypes.createStructField(START_DIFFERED, DataTypes.IntegerType, false),
            DataTypes.createStructField(CELLS_UNPLANNED, DataTypes.IntegerType, false),
            DataTypes.createStructField(SPURIOUS, DataTypes.IntegerType, false),
            DataTypes.createStructField(LAYOUT, DataTypes.StringType, false)));

    /** The columns every curves table has (the others came later). */
    public static final List<String> REQUIRED = List.of(SETTING, METRIC, N, COUNT, FAILED, MEAN, MEDIAN, SD, Q10, Q90);

    private CurvesTable() {
    }

    /** The schema of a study whose varied-value columns are {@code varied} ({@link #SCHEMA} when none). */
    public static StructType schema(List<String> varied) {
        if (varied.isEmpty()) {
            return SCHEMA;
        }
        List<StructField> fields = new ArrayList<>(List.of(SCHEMA.fields()));
        fields.addAll(Columns.variedFields(varied));
        return DataTypes.createStructType(fields);
    }

    /** The row of a hand-written setting's point (or of a point with the columns of its own varied values). */
    public static Row toRow(CurveRow c) {
        return toRow(c, List.copyOf(c.varied().keySet()));
    }

    /** The row of {@code c} with the schema {@link #schema(List) schema(varied)}. */
    public static Row toRow(CurveRow c, List<String> varied) {
        Object[] cells = new Object[SCHEMA.size() + varied.size()];
        Object[] own = {c.setting(), c.metric(), c.n(), c.count(), c.failed(), c.mean(), c.median(), c.sd(), c.q10(),
            c.q90(), c.nonConverged(), c.capped(), c.startChecked(), c.startDiffered(), c.cellsUnplanned(),
            c.spurious(), c.layout()};
        System.arraycopy(own, 0, cells, 0, own.length);
        for (int i = 0; i < varied.size(); i++) {
            cells[own.length + i] = c.varied().get(varied.get(i));
        }
        return new GenericRowWithSchema(cells, schema(varied));
    }

    /** The curve point of a row with a schema holding at least {@link #REQUIRED}; extra columns are ignored. */
    public static CurveRow fromRow(Row r) {
        return new CurveRow(Columns.string(r, SETTING), Columns.string(r, METRIC), Columns.integer(r, N),
                Columns.integer(r, COUNT), Columns.integer(r, FAILED), Columns.number(r, MEAN),
                Columns.number(r, MEDIAN), Columns.number(r, SD), Columns.number(r, Q10), Columns.number(r, Q90),
                Columns.optionalInteger(r, NON_CONVERGED, -1), Columns.optionalInteger(r, CAPPED, -1),
                Columns.optionalInteger(r, START_CHECKED, -1), Columns.optionalInteger(r, START_DIFFERED, -1),
                Columns.optionalInteger(r, CELLS_UNPLANNED, -1), Columns.optionalInteger(r, SPURIOUS, -1),
                Columns.variedValues(r, Columns.varied(r.schema(), List.of(SCHEMA.fieldNames()))),
                Columns.layout(r, LAYOUT));
    }
}
