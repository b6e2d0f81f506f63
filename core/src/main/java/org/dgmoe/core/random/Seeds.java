package org.dgmoe.core.random;

import java.nio.charset.StandardCharsets;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.XoRoShiRo128PlusPlus;

/**
 * Keyed random streams: a fit's randomness depends only on (study seed, setting name, n,
 * replicate), never on partitioning, executor count, thread timing or retries.
 *
 * <p>The task seed is
 * <pre>
 *   h0 = mix(studySeed + γ)
 *   h1 = mix(h0 ^ fnv1a64(settingName as UTF-8))
 *   h2 = mix(h1 ^ n)
 *   seed = mix(h2 ^ replicate)
 * </pre>
 * with {@code mix} the SplitMix64 finaliser (Steele, Lea &amp; Flood 2014) and γ = 0x9E3779B97F4A7C15
 * the golden-ratio increment. Each {@link Stream} purpose then derives its own generator:
 * {@code s = mix(seed ^ (purpose.id · γ))}, and a xoroshiro128++ generator seeded with
 * {@code (mix(s + γ), mix(s + 2γ))}. Data and initialisation therefore never share a stream: drawing
 * more start noise cannot shift the data.
 *
 * <p>The same derivation serves two fixed keys that are not task seeds: the loss points
 * ({@link Stream#LOSS} of {@code LossCalculator.HELLINGER_SEED}, the same for every task) and the
 * bootstrap of the rate estimator ({@link Stream#BOOTSTRAP} of {@code rates.seed}).
 */
public final class Seeds {
    /** The golden-ratio increment of SplitMix64. */
    public static final long GAMMA = 0x9E3779B97F4A7C15L;

    /**
     * The generator of every stream, as recorded in a sweep's manifest: Commons RNG's
     * {@link XoRoShiRo128PlusPlus} (Blackman &amp; Vigna's xoroshiro128++), seeded as described above.
     */
    public static final String GENERATOR = "xoroshiro128++ (Commons RNG XoRoShiRo128PlusPlus), seeded by SplitMix64 "
            + "of (study seed, setting, n, replicate, stream)";

    /** The class of the generator, for provenance (its library's version). */
    public static Class<?> generatorClass() {
        return XoRoShiRo128PlusPlus.class;
    }

    /** The derived streams of one task. Ids are part of the reproducibility contract: never renumber. */
    public enum Stream {
        /** Covariates and responses of the simulated data set. */
        DATA(1),
        /** Start noise (near-truth) and random restarts. */
        INIT(2),
        /**
         * Covariate points of the expected Hellinger distance, drawn from the fixed key
         * {@code LossCalculator.HELLINGER_SEED} (not a task seed): every fit is measured on the same points.
         */
        LOSS(3),
        /** Bootstrap resampling of the rate estimator, keyed by {@code rates.seed} (not a task seed). */
        BOOTSTRAP(4),
        /** Random-start refits for start-sensitivity checks. */
        REFIT(5),
        /**
         * The random starts of the goodness-of-fit statistic's restart recipe ({@code core.gof.LrtRecipe}),
         * of the observed data set (keyed by its task seed) and of every null refit (keyed by
         * {@link #nullSeed}); never derived from a fit.
         */
        GOF_START(6),
        /**
         * Root of the null refits of a goodness-of-fit test: refit b draws its data from
         * {@link Stream#DATA} and its starts from {@link Stream#GOF_START} of {@link #nullSeed}(key, b).
         */
        GOF_NULL(7),
        /**
         * Root of the bootstrap refits of a fit ({@code core.uncertainty.BootstrapRefit}): refit b draws its
         * resampled data from {@link Stream#DATA} of {@link #bootstrapSeed}(key, b), key the fit's task seed.
         */
        BOOTSTRAP_REFIT(8),
        /**
         * The rows a task of a population setting draws ({@code core.model.Population#sample}), from its task seed:
         * a stream of its own, so the rows never share draws with the starts ({@link #INIT}) or anything else.
         */
        SUBSAMPLE(9),
        /**
         * The random starts of a population's truth recipe ({@code core.study.PopulationTruth}), keyed by the
         * recipe's own key (the population's content hash and the model), not by a task seed.
         */
        POPULATION_TRUTH(10);

        private final long id;

        Stream(long id) {
            this.id = id;
        }

        public long id() {
            return id;
        }
    }

    private Seeds() {
    }

    /** The SplitMix64 finaliser: a bijection on 64-bit values with full avalanche. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** 64-bit FNV-1a of the UTF-8 bytes of {@code s}: a stable, platform-independent string hash. */
    public static long fnv1a64(String s) {
        long h = 0xCBF29CE484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xFF);
            h *= 0x100000001B3L;
        }
        return h;
    }

    /** The task seed of (study seed, setting, n, replicate); recorded in every output row. */
    public static long taskSeed(long studySeed, String setting, long n, long replicate) {
        long h = mix(studySeed + GAMMA);
        h = mix(h ^ fnv1a64(setting));
        h = mix(h ^ n);
        return mix(h ^ replicate);
    }

    /**
     * The seed of null refit {@code b} ≥ 0 of the goodness-of-fit test keyed by {@code key} (a task seed, or
     * any fixed key a null sample is shared under): {@code mix(mix(key ^ (GOF_NULL.id · γ)) ^ b)}. It depends
     * only on (key, b), so a null sample is the same whatever partition, executor or attempt computes a refit.
     */
    public static long nullSeed(long key, long b) {
        if (b < 0) {
            throw new IllegalArgumentException("b: a null refit index must be >= 0, got " + b);
        }
        return mix(mix(key ^ (Stream.GOF_NULL.id() * GAMMA)) ^ b);
    }

    /**
     * The seed of bootstrap refit {@code b} ≥ 0 of the fit keyed by {@code key} (its task seed):
     * {@code mix(mix(key ^ (BOOTSTRAP_REFIT.id · γ)) ^ b)}, derived as {@link #nullSeed} is with its own stream id,
     * so a fit's bootstrap refits never share a stream with its test's null refits. It depends only on (key, b),
     * so the bootstrap sample is the same whatever partition, executor or attempt computes a refit.
     */
    public static long bootstrapSeed(long key, long b) {
        if (b < 0) {
            throw new IllegalArgumentException("b: a bootstrap refit index must be >= 0, got " + b);
        }
        return mix(mix(key ^ (Stream.BOOTSTRAP_REFIT.id() * GAMMA)) ^ b);
    }

    /**
     * The key of the null sample a sweep's goodness-of-fit test shares between the replicates of one
     * (setting, n) and every setting with the same null ({@code settings[].test}; docs/gof.md, "Size and power
     * studies"): {@code mix(h2 ^ (GOF_NULL.id · γ))}, h2 the task-seed chain of (study seed, description, n)
     * above before the replicate is mixed in, {@code description} the canonical text of what the null depends
     * on (core {@code SweepGof.nullDescription}: g0, covariate law, recipe), where a task seed hashes the
     * setting's name. Its null refit b then uses {@link #nullSeed}(key, b) like any test. The
     * value mixed in where a task seed mixes the replicate is 7γ mod 2⁶⁴ = 6018027440424182931, far above any
     * replicate (an int), so the key is never a task seed of the study and the null data sets are
     * independent of every replicate's data and starts.
     */
    public static long sharedNullKey(long studySeed, String description, long n) {
        long h = mix(studySeed + GAMMA);
        h = mix(h ^ fnv1a64(description));
        h = mix(h ^ n);
        return mix(h ^ (Stream.GOF_NULL.id() * GAMMA));
    }

    /** The generator of one purpose of a task. */
    public static UniformRandomProvider stream(long taskSeed, Stream purpose) {
        return stream(taskSeed, purpose.id());
    }

    /** The generator of stream {@code id} of a task (ids of {@link Stream} are reserved). */
    public static UniformRandomProvider stream(long taskSeed, long id) {
        long s = mix(taskSeed ^ (id * GAMMA));
        return new XoRoShiRo128PlusPlus(mix(s + GAMMA), mix(s + 2 * GAMMA));
    }
}
