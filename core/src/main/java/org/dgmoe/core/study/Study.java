package org.dgmoe.core.study;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dgmoe.core.InvalidParameterException;
import org.dgmoe.core.loss.LossSettings;

/**
 * A whole Monte Carlo study: settings × sample sizes × replicates.
 *
 * @param name        study name (output folder default, provenance)
 * @param seed        study seed: every task's stream is derived from it (see {@code Seeds})
 * @param replicates  replicates per (setting, n), ≥ 1
 * @param sampleSizes distinct sample sizes, ascending, each ≥ 1 (≥ {@link GofPlan#MINIMUM_SAMPLE_SIZE} when a
 *                    setting has a test block)
 * @param settings    at least one, with unique names
 * @param losses      loss settings
 * @param intervals   the intervals every fit gets and {@code coverage/} counts (its {@code intervals} block), or
 *                    null for none; only settings of constant gating have them (docs/uncertainty.md)
 */
public record Study(String name, long seed, int replicates, int[] sampleSizes, List<Setting> settings,
        LossSettings losses, IntervalPlan intervals) implements java.io.Serializable {

    /** A study without intervals. */
    public Study(String name, long seed, int replicates, int[] sampleSizes, List<Setting> settings,
            LossSettings losses) {
        this(name, seed, replicates, sampleSizes, settings, losses, null);
    }

    public Study {
        if (name == null || name.isBlank()) {
            throw new InvalidParameterException("name", "must be a non-empty string");
        }
        if (replicates < 1) {
            throw new InvalidParameterException("replicates", "must be >= 1, got " + replicates);
        }
        if (sampleSizes == null || sampleSizes.length == 0) {
            throw new InvalidParameterException("sample-sizes", "must hold at least one size");
        }
        sampleSizes = sampleSizes.clone();
        for (int i = 0; i < sampleSizes.length; i++) {
            if (sampleSizes[i] < 1) {
                throw new InvalidParameterException("sample-sizes[" + i + "]", "must be >= 1, got " + sampleSizes[i]);
            }
            if (i > 0 && sampleSizes[i] <= sampleSizes[i - 1]) {
                throw new InvalidParameterException("sample-sizes", "must be strictly increasing, got "
                        + Arrays.toString(sampleSizes));
            }
        }
        if (settings == null || settings.isEmpty()) {
            throw new InvalidParameterException("settings", "must hold at least one setting");
        }
        settings = List.copyOf(settings);
        Set<String> names = new HashSet<>();
        for (Setting s : settings) {
            if (!names.add(s.name())) {
                throw new InvalidParameterException("settings",
                        "names must be unique, '" + s.name() + "' appears twice");
            }
        }
        if (losses == null) {
            throw new IllegalArgumentException("losses: must not be null");
        }
        // Refused here, not after the fit stage: the smallest n decides whether every test can be computed.
        for (Setting s : settings) {
            if (s.test() != null && sampleSizes[0] < GofPlan.MINIMUM_SAMPLE_SIZE) {
                throw new InvalidParameterException("sample-sizes[0]", "must be >= " + GofPlan.MINIMUM_SAMPLE_SIZE
                        + " because setting '" + s.name() + "' has a test block (the goodness-of-fit test needs at "
                        + "least " + GofPlan.MINIMUM_SAMPLE_SIZE + " data points), got " + sampleSizes[0]);
            }
            if (intervals != null && s.gated()) {
                throw new InvalidParameterException("intervals", "standard errors exist for settings of constant "
                        + "gating only (docs/uncertainty.md), but setting '" + s.name() + "' is gated by x: remove the "
                        + "intervals block or the setting");
            }
        }
    }

    @Override
    public int[] sampleSizes() {
        return sampleSizes.clone();
    }

    /** The setting called {@code name}; throws naming the known settings. */
    public Setting setting(String settingName) {
        for (Setting s : settings) {
            if (s.name().equals(settingName)) {
                return s;
            }
        }
        throw new InvalidParameterException("setting", "no setting named '" + settingName + "'; the study has "
                + settings.stream().map(Setting::name).toList());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Study s && s.name.equals(name) && s.seed == seed && s.replicates == replicates
                && Arrays.equals(s.sampleSizes, sampleSizes) && s.settings.equals(settings) && s.losses.equals(losses)
                && java.util.Objects.equals(s.intervals, intervals);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Long.hashCode(seed);
    }
}
