package org.dgmoe.app.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.dgmoe.app.config.StudyConfigLoader;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;
import org.junit.jupiter.api.Test;

/**
 * The tasks of every point of every map are one pool: the plan starts the largest n of all points
 * of conf/studies/interaction.conf before any smaller n (TaskPlan's order, checked here, not changed).
 */
class RateMapPlanTest {
    @Test
    void allPointsOfAllMapsShareOnePlanLargestNFirst() throws Exception {
        Path conf = Path.of(System.getProperty("user.dir")).resolveSibling("conf").resolve("studies")
                .resolve("interaction.conf");
        Study study = StudyConfigLoader.load(conf, List.of("size={ label = t, replicates = 3, sample-sizes = [100, 400, "
                + "1600] }")).study();
        assertEquals(18, study.settings().size(), "6 + 6 + 6 points");
        List<TaskKey> plan = FakeTasks.keys(study);
        int block = study.settings().size() * study.replicates();
        assertEquals(study.settings().size() * 3 * 3, plan.size());
        for (int b = 0; b < 3; b++) {
            int n = new int[] {1600, 400, 100}[b];
            Set<String> points = new LinkedHashSet<>();
            for (TaskKey k : plan.subList(b * block, (b + 1) * block)) {
                assertEquals(n, k.n(), "task " + k + " in the block of n = " + n);
                points.add(k.setting());
            }
            assertEquals(study.settings().stream().map(Setting::name).toList(), List.copyOf(points),
                    "every point of every map at n = " + n + ", in study order");
        }
    }
}
