package org.dgmoe.core.summary;

import java.util.List;
import org.dgmoe.core.field.Field;
import org.dgmoe.core.field.Part;
import org.dgmoe.core.field.ValueType;

/**
 * Which task a fit's row belongs to: with the study seed, (setting, n, replicate) fix every random
 * number of the task ({@link org.dgmoe.core.random.Seeds}); the seed is recorded too.
 *
 * @param study     study name
 * @param setting   setting name, non-empty
 * @param n         sample size, &gt;= 1
 * @param replicate replicate, 0-based
 * @param seed      the task seed
 */
public record TaskId(String study, String setting, int n, int replicate, long seed) {
    public static final Field<TaskId> STUDY = Field.of("study", ValueType.STRING, "the study's name", TaskId::study);
    public static final Field<TaskId> SETTING = Field.of("setting", ValueType.STRING, "the setting's name",
            TaskId::setting);
    public static final Field<TaskId> N = Field.of("n", ValueType.INT, "the sample size", TaskId::n);
    public static final Field<TaskId> REPLICATE = Field.of("replicate", ValueType.INT, "the replicate, 0-based",
            TaskId::replicate);
    public static final Field<TaskId> SEED = Field.of("seed", ValueType.LONG, "the task seed", TaskId::seed);

    /** The fields of a task's identity, in table order. */
    public static final Part<TaskId> PART = new Part<>(List.of(STUDY, SETTING, N, REPLICATE, SEED),
            v -> new TaskId(v.string(STUDY), v.string(SETTING), v.integer(N), v.integer(REPLICATE), v.longValue(SEED)));

    public TaskId {
        if (study == null || setting == null || setting.isEmpty()) {
            throw new IllegalArgumentException("study, setting: must not be null (setting non-empty)");
        }
        if (n < 1 || replicate < 0) {
            throw new IllegalArgumentException("n, replicate: must be >= 1 and >= 0, got " + n + ", " + replicate);
        }
    }
}
