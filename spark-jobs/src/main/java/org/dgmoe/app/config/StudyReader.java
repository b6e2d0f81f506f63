package org.dgmoe.app.config;

import static org.dgmoe.app.config.StudySchema.GRID_COUNT;
import static org.dgmoe.app.config.StudySchema.GRID_MAX;
import static org.dgmoe.app.config.StudySchema.GRID_MIN;
import static org.dgmoe.app.config.StudySchema.GRID_SPACING;
import static org.dgmoe.app.config.StudySchema.SIZE;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dgmoe.core.loss.LossSettings;
import org.dgmoe.core.model.Population;
import org.dgmoe.core.study.IntervalPlan;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;

/** Reads {@code dgmoe.study}: name, seed, replicates, the sample sizes, then the losses and settings. */
final class StudyReader {
    private StudyReader() {
    }

    /** The study at {@code s}, or null when anything is wrong (every problem is reported). */
    static Study read(Node s) {
        if (s == null) {
            return null;
        }
        Problems problems = s.problems();
        int before = problems.count();
        String name = s.string(StudySchema.NAME);
        if (name != null && name.isBlank()) {
            problems.add(s.path(StudySchema.NAME.name()), "must be a non-empty string");
        }
        Long seed = s.integer(StudySchema.SEED);
        Long replicates = s.integer(StudySchema.REPLICATES);
        int[] sizes = sampleSizes(s);
        LossSettings losses = LossesReader.read(s.child(StudySchema.LOSSES_SECTION));
        IntervalPlan intervals = IntervalPlanReader.read(s.child(StudySchema.INTERVALS_SECTION));
        List<Setting> settings = new ArrayList<>();
        List<Node> items = s.objects(StudySchema.SETTINGS);
        if (items != null && items.isEmpty()) {
            problems.add(s.path(StudySchema.SETTINGS.name()), "must hold at least one setting");
        }
        Map<String, Integer> seen = new HashMap<>();
        if (items != null) {
            for (int i = 0; i < items.size(); i++) {
                Node item = items.get(i);
                if (item == null) {
                    continue;
                }
                if (!item.has(StudySchema.SETTING_VARY.name())) {
                    Setting setting = SettingReader.read(item, losses);
                    String settingName = setting != null ? setting.name()
                            : item.raw(StudySchema.SETTING_NAME.name()) instanceof String str ? str : null;
                    add(problems, item, i, setting, settingName, seen, settings);
                    continue;
                }
                List<Vary.Point> points = Vary.expand(item);
                if (points == null) {
                    continue;
                }
                for (PointReading p : readPoints(problems, item, points, losses)) {
                    add(problems, item, i, p.setting(), p.name(), seen, settings);
                }
            }
        }
        checkPopulationSizes(s, sizes, settings);
        s.finish();
        if (problems.count() > before) {
            return null;
        }
        try {
            return new Study(name, seed, replicates.intValue(), sizes, settings, losses, intervals);
        } catch (IllegalArgumentException e) {
            problems.addRefusal(s.path(), e);
            return null;
        }
    }

    /**
     * Refuses a sample size n ≥ N for a population sampled without replacement (n distinct rows of N), naming
     * {@code sample-sizes}, the setting and its population.
     */
    private static void checkPopulationSizes(Node s, int[] sizes, List<Setting> settings) {
        if (sizes == null) {
            return;
        }
        int largest = sizes[sizes.length - 1];
        for (Setting setting : settings) {
            Population p = setting.populationRows();
            if (p != null && p.sampling() == Population.Sampling.WITHOUT_REPLACEMENT && largest >= p.size()) {
                s.problems().add(s.path(StudySchema.SAMPLE_SIZES.name()), "n = " + largest + " is not below the "
                        + "population of setting '" + setting.name() + "' (population.data = " + p.source() + ", N = "
                        + p.size() + " rows): without replacement every n must be < N; lower the largest n (the sweep "
                        + "warns above N/10 = " + (p.size() / 10) + ") or set population.sample = "
                        + Population.Sampling.WITH_REPLACEMENT.configName());
            }
        }
    }

    private static void add(Problems problems, Node item, int i, Setting setting, String settingName,
            Map<String, Integer> seen, List<Setting> settings) {
        if (settingName != null) {
            Integer earlier = seen.putIfAbsent(settingName, i);
            if (earlier != null) {
                problems.add(item.path("name"), "must be unique; settings[" + earlier + "] is also called '"
                        + settingName + "'" + (earlier == i ? " (two points of its vary block)" : ""));
            }
        }
        if (setting != null) {
            settings.add(setting);
        }
    }

    /** A point read as a setting: the setting (null when wrong) and its name (null when it has none). */
    private record PointReading(Setting setting, String name) {
    }

    /**
     * Reads every point of a map like a written setting. A problem that every point has (a mistake
     * outside the varied numbers) is reported once at the setting's own path; one that only some
     * points have is reported at each of them, whose path names the point
     * ({@code settings[0]{g0_variance=-1}.g0.variance: must be > 0, got -1}).
     */
    private static List<PointReading> readPoints(Problems problems, Node item, List<Vary.Point> points,
            LossSettings losses) {
        List<PointReading> out = new ArrayList<>();
        List<List<String>> messages = new ArrayList<>();
        Map<String, Integer> common = new java.util.LinkedHashMap<>();
        for (Vary.Point p : points) {
            Problems own = new Problems("");
            Setting setting = SettingReader.read(Node.of(own, p.path(), p.raw()), losses, p.varied());
            out.add(new PointReading(setting, p.raw().get(StudySchema.SETTING_NAME.name()) instanceof String s ? s
                    : null));
            messages.add(own.list());
            for (String m : new java.util.LinkedHashSet<>(own.list())) {
                common.merge(m.replace(p.path(), item.path()), 1, Integer::sum);
            }
        }
        for (Map.Entry<String, Integer> e : common.entrySet()) {
            if (e.getValue() == points.size()) {
                problems.add("", e.getKey());
            }
        }
        for (int i = 0; i < points.size(); i++) {
            for (String m : messages.get(i)) {
                if (common.get(m.replace(points.get(i).path(), item.path())) != points.size()) {
                    problems.add("", m);
                }
            }
        }
        return out;
    }

    /** {@code sample-sizes}: a strictly increasing list, or a grid expanded by {@link StudyConfigLoader#expandGrid}. */
    private static int[] sampleSizes(Node s) {
        Object raw = s.raw(StudySchema.SAMPLE_SIZES.name());
        String path = s.path(StudySchema.SAMPLE_SIZES.name());
        Problems problems = s.problems();
        if (raw == null) {
            s.missing(StudySchema.SAMPLE_SIZES.name(), "a list of sizes [100, 1000] or { min, max, count, "
                    + "spacing = log | linear }");
            return null;
        }
        if (raw instanceof List<?> list) {
            return list(problems, path, list);
        }
        if (!(raw instanceof Map<?, ?>)) {
            problems.add(path, "must be a list of sizes [100, 1000] or { min, max, count, spacing = log | linear }, got "
                    + Node.describe(raw));
            return null;
        }
        Node grid = Node.of(problems, path, raw);
        int before = problems.count();
        Long min = grid.integer(GRID_MIN);
        Long max = grid.integer(GRID_MAX);
        Long count = grid.integer(GRID_COUNT);
        GridSpacing spacing = grid.named(GRID_SPACING, GridSpacing.class);
        grid.finish();
        if (max != null && min != null && max < min) {
            problems.add(grid.path(GRID_MAX.name()), "must be an integer >= min = " + min + " (and <= "
                    + Integer.MAX_VALUE + "), got " + max);
        }
        if (count != null && count == 1 && min != null && max != null && !min.equals(max)) {
            problems.add(grid.path(GRID_COUNT.name()), "count = 1 needs min = max, got min = " + min + ", max = "
                    + max);
        }
        if (problems.count() > before) {
            return null;
        }
        return StudyConfigLoader.expandGrid(min.intValue(), max.intValue(), count.intValue(),
                spacing == GridSpacing.LOG);
    }

    private static int[] list(Problems problems, String path, List<?> list) {
        if (list.isEmpty()) {
            problems.add(path, "must hold at least one sample size, got []");
            return null;
        }
        int[] sizes = new int[list.size()];
        boolean ok = true;
        for (int i = 0; i < sizes.length; i++) {
            String at = path + "[" + i + "]";
            Long v = Node.toInteger(problems, at, list.get(i));
            if (v == null) {
                ok = false;
            } else if (!SIZE.range().contains(v)) {
                problems.add(at, "must be " + SIZE.allowed() + ", got " + v);
                ok = false;
            } else {
                sizes[i] = v.intValue();
                if (i > 0 && ok && sizes[i] <= sizes[i - 1]) {
                    problems.add(at, "sizes must be strictly increasing, got " + sizes[i] + " after " + sizes[i - 1]);
                    ok = false;
                }
            }
        }
        return ok ? sizes : null;
    }
}
