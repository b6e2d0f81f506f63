package org.dgmoe.app.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.dgmoe.app.sweep.SparkTestSession;
import org.dgmoe.app.table.HistoryTable;
import org.dgmoe.app.table.RatesTable;
import org.dgmoe.core.rate.Guardrails;
import org.dgmoe.core.rate.Verdict;
import org.dgmoe.core.summary.RateRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rate history keeps every rate column, the guardrails' flag included, and still reads files without it. */
class HistoryTest {
    @TempDir
    Path tmp;

    private static final RateRow FLAGGED = new RateRow("b", "cell1_slope", -0.9, 0.1, -1.0, -0.8, -0.25,
            Verdict.FASTER_THAN_THEORY, Guardrails.FASTER_THAN_PARAMETRIC + "; " + Guardrails.CELLS_DIFFER);
    private static final RateRow PLAIN = new RateRow("b", "voronoi", -0.5, 0.2, -0.6, -0.4, -0.5, Verdict.AGREES, "");

    @Test
    void theFlagSurvivesAppendAndRead() throws Exception {
        String dirH = tmp.resolve("history").toString();
        HistoryTable.Run run = new HistoryTable.Run(Instant.parse("2024-02-07T02:00:00Z"), "run1", "tiny",
                "a".repeat(64), "abc");
        History.append(SparkTestSession.get(), dirH, run, List.of(FLAGGED, PLAIN));
        assertEquals(List.of(new HistoryTable.Entry(run, FLAGGED), new HistoryTable.Entry(run, PLAIN)),
                History.read(SparkTestSession.get(), dirH, "tiny"));
    }

    @Test
    void aFileWrittenBeforeTheHistoryKeptFlagsReadsWithNone() throws Exception {
        Path history = Files.createDirectories(tmp.resolve("history"));
        HistoryTable.Run old = new HistoryTable.Run(Instant.parse("2024-02-06T02:00:00Z"), "run0", "tiny",
                "a".repeat(64), "abc");
        StructType withoutFlag = new StructType(Arrays.stream(HistoryTable.SCHEMA.fields())
                .filter(f -> !f.name().equals(RatesTable.FLAG)).toArray(StructField[]::new));
        Row full = HistoryTable.toRow(new HistoryTable.Entry(old, PLAIN));
        Object[] values = new Object[withoutFlag.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = full.get(full.fieldIndex(withoutFlag.fields()[i].name()));
        }
        Path written = tmp.resolve("old");
        SparkTestSession.get().createDataFrame(List.of(new GenericRowWithSchema(values, withoutFlag)), withoutFlag)
                .coalesce(1).write().parquet(written.toString());
        try (Stream<Path> s = Files.list(written)) {
            Path part = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
            Files.move(part, history.resolve("rates-20240206T020000Z-run0-00000000.parquet"));
        }
        HistoryTable.Run run = new HistoryTable.Run(Instant.parse("2024-02-07T02:00:00Z"), "run1", "tiny",
                "a".repeat(64), "abc");
        History.append(SparkTestSession.get(), history.toString(), run, List.of(FLAGGED));
        assertEquals(List.of(new HistoryTable.Entry(old, PLAIN), new HistoryTable.Entry(run, FLAGGED)),
                History.read(SparkTestSession.get(), history.toString(), null));
    }

    /**
     * A history file of a run before verdicts had a direction holds "disagrees" and no flag. It reads by
     * direction: a rate faster than its theory then and now is no change, one that moves from that
     * legacy "disagrees" (slower) to agrees is one, and only a move to slower-than-theory is a regression.
     */
    @Test
    void legacyDisagreementsReadByDirectionAndOnlyNewlySlowerRatesAreRegressions() throws Exception {
        Path history = Files.createDirectories(tmp.resolve("history"));
        StructType withoutFlag = new StructType(Arrays.stream(HistoryTable.SCHEMA.fields())
                .filter(f -> !f.name().equals(RatesTable.FLAG)).toArray(StructField[]::new));
        HistoryTable.Run old = new HistoryTable.Run(Instant.parse("2024-02-06T02:00:00Z"), "run0", "tiny",
                "a".repeat(64), "abc");
        java.sql.Timestamp at = java.sql.Timestamp.from(old.recorded());
        List<Row> legacy = List.of(
                // faster then (interval wholly below −1/8), faster now: no change
                new GenericRowWithSchema(new Object[] {at, "run0", "tiny", "a".repeat(64), "abc", "b", "cell1_slope",
                    -0.5, 0.1, -0.6, -0.4, -0.125, "disagrees"}, withoutFlag),
                // slower then (wholly above −1/2), agrees now: a change, not a regression
                new GenericRowWithSchema(new Object[] {at, "run0", "tiny", "a".repeat(64), "abc", "b", "voronoi",
                    -0.2, 0.1, -0.3, -0.1, -0.5, "disagrees"}, withoutFlag),
                // agrees then, slower now: the regression
                new GenericRowWithSchema(new Object[] {at, "run0", "tiny", "a".repeat(64), "abc", "b", "hellinger",
                    -0.5, 0.1, -0.55, -0.45, -0.5, "agrees"}, withoutFlag));
        Path written = tmp.resolve("old");
        SparkTestSession.get().createDataFrame(legacy, withoutFlag).coalesce(1).write().parquet(written.toString());
        try (Stream<Path> s = Files.list(written)) {
            Path part = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
            Files.move(part, history.resolve("rates-20240206T020000Z-run0-00000000.parquet"));
        }
        HistoryTable.Run run = new HistoryTable.Run(Instant.parse("2024-02-07T02:00:00Z"), "run1", "tiny",
                "a".repeat(64), "abc");
        History.append(SparkTestSession.get(), history.toString(), run, List.of(
                new RateRow("b", "cell1_slope", -0.52, 0.1, -0.62, -0.42, -0.125, Verdict.FASTER_THAN_THEORY, ""),
                new RateRow("b", "voronoi", -0.48, 0.1, -0.58, -0.38, -0.5, Verdict.AGREES, ""),
                new RateRow("b", "hellinger", -0.2, 0.1, -0.3, -0.1, -0.5, Verdict.SLOWER_THAN_THEORY, "")));
        List<HistoryTable.Entry> entries = History.read(SparkTestSession.get(), history.toString(), "tiny");
        assertEquals(List.of(Verdict.FASTER_THAN_THEORY, Verdict.SLOWER_THAN_THEORY, Verdict.AGREES),
                entries.subList(0, 3).stream().map(e -> e.rate().verdict()).toList());
        List<History.Change> changes = History.changes(entries);
        assertEquals(List.of("voronoi", "hellinger"), changes.stream().map(c -> c.latest().rate().metric()).toList());
        assertEquals(List.of(false, true), changes.stream().map(History.Change::newlySlower).toList());
        assertEquals(1, History.newlySlower(changes));
    }
}
