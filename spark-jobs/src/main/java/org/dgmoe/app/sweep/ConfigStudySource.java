package org.dgmoe.app.sweep;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.dgmoe.app.config.LoadedStudy;
import org.dgmoe.app.config.PopulationReader;
import org.dgmoe.app.config.StudyConfigLoader;
import org.dgmoe.core.study.PopulationTruth;
import org.dgmoe.core.study.Setting;
import org.dgmoe.core.study.Study;

/**
 * Rebuilds the study on an executor from the resolved config the driver loaded, once per JVM and
 * config hash. The resolved config has no includes or substitutions left, so it parses the same
 * anywhere; the rebuilt study must reproduce the driver's config hash, or the task fails rather
 * than compute something else.
 *
 * <p>Why the text and not the (Serializable) study itself: the text is exactly what the manifest records
 * and hashes, so the check ties every executor to the manifest; it is a few kilobytes in every task
 * closure, where a rate map's expanded study (one setting per grid point) is larger; and it is parsed
 * once per JVM ({@link #study()} is cached by hash), not per task or partition.
 *
 * @param resolvedConfig {@link LoadedStudy#resolvedConfig()}: the {@code dgmoe} block as JSON
 * @param configHash     {@link LoadedStudy#configHash()}
 * @param truths         the driver's truths of the population settings (docs/population.md): a few numbers each,
 *                       so an executor never repeats the full-data fits; empty without a population
 */
public record ConfigStudySource(String resolvedConfig, String configHash, List<PopulationTruth> truths)
        implements StudySource {
    private static final Map<String, Study> CACHE = new ConcurrentHashMap<>();

    public ConfigStudySource {
        truths = List.copyOf(truths);
    }

    /** The source of a study; its population settings' truths, computed on the driver, travel with it. */
    public static ConfigStudySource of(LoadedStudy loaded) {
        return new ConfigStudySource(loaded.resolvedConfig(), loaded.configHash(), loaded.study().settings().stream()
                .map(Setting::populationTruth).filter(Objects::nonNull).distinct().toList());
    }

    @Override
    public Study study() {
        return CACHE.computeIfAbsent(configHash, hash -> load());
    }

    private Study load() {
        // The executor reads the population itself (once per JVM) but never refits its truth.
        PopulationReader.useTruths(truths);
        LoadedStudy loaded = StudyConfigLoader.load("{\"dgmoe\": " + resolvedConfig + "}",
                "the driver's resolved config", List.of());
        if (!loaded.configHash().equals(configHash)) {
            throw new IllegalStateException("the resolved config reloaded on this executor has hash "
                    + loaded.configHash() + ", the driver's has " + configHash);
        }
        return loaded.study();
    }
}
