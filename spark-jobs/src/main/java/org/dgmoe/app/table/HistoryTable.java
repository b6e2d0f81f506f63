package org.dgmoe.app.table;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.dgmoe.core.summary.RateRow;

/**
 * The codec of the rate history's files ({@code org.dgmoe.app.storage.History}): per rate of a run,
 * the run's identity ({@code recorded} (timestamp, UTC: when the run committed), {@code run_id},
 * {@code study}, {@code config_hash}, {@code git_commit}) followed by every column of
 * {@link RatesTable}. Files written before the history kept {@code flag} are read with flag "", and
 * their verdict {@code disagrees} by direction, as {@link RatesTable#fromRow} reads it.
 */
public final class HistoryTable {
    public static final String RECORDED = "recorded";
    public static final String RUN_ID = "run_id";
    public static final String STUDY = "study";
    public static final String CONFIG_HASH = "config_hash";
    public static final String GIT_COMMIT = "git_commit";

    public static final StructType SCHEMA = schema();

    /** The identity of a run, recorded on each of its rows. */
    public record Run(Instant recorded, String runId, String study, String configHash, String gitCommit) {
        public Run {
            Objects.requireNonNull(recorded, "recorded");
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(study, "study");
            Objects.requireNonNull(configHash, "configHash");
            Objects.requireNonNull(gitCommit, "gitCommit");
        }
    }

    /** One rate of one run. */
    public record Entry(Run run, RateRow rate) {
        public Entry {
            Objects.requireNonNull(run, "run");
            Objects.requireNonNull(rate, "rate");
        }
    }

    private HistoryTable() {
    }

    private static StructType schema() {
        List<StructField> fields = new ArrayList<>(List.of(
                DataTypes.createStructField(RECORDED, DataTypes.TimestampType, false),
                DataTypes.createStructField(RUN_ID, DataTypes.StringType, false),
                DataTypes.createStructField(STUDY, DataTypes.StringType, false),
                DataTypes.createStructField(CONFIG_HASH, DataTypes.StringType, false),
                DataTypes.createStructField(GIT_COMMIT, DataTypes.StringType, false)));
        fields.addAll(RatesTable.FIELDS);
        return DataTypes.createStructType(fields);
    }

    /** The row of an entry; {@code recorded} a {@link Timestamp}, the external type of Spark's default session. */
    public static Row toRow(Entry e) {
        Run run = e.run();
        Object[] rate = RatesTable.values(e.rate());
        Object[] cells = new Object[SCHEMA.size()];
        int c = 0;
        cells[c++] = Timestamp.from(run.recorded());
        cells[c++] = run.runId();
        cells[c++] = run.study();
        cells[c++] = run.configHash();
        cells[c++] = run.gitCommit();
        System.arraycopy(rate, 0, cells, c, rate.length);
        return new GenericRowWithSchema(cells, SCHEMA);
    }

    /** The entry of a history row (read by name: older files lack {@code flag}). */
    public static Entry fromRow(Row r) {
        Run run = new Run(Columns.instant(r, RECORDED), Columns.string(r, RUN_ID), Columns.string(r, STUDY),
                Columns.string(r, CONFIG_HASH), Columns.string(r, GIT_COMMIT));
        return new Entry(run, RatesTable.fromRow(r));
    }
}
