package org.dgmoe.core.study;

/** How EM is started. */
public enum InitKind {
    /** Reference §6: the truth plus small n-dependent noise. */
    NEAR_TRUTH("near-truth"),
    /** Data-driven random starts; the best of {@code restarts} is kept. */
    RANDOM("random"),
    /** A start given by the user. */
    GIVEN("given");

    private final String configName;

    InitKind(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static InitKind fromConfigName(String s) {
        for (InitKind k : values()) {
            if (k.configName.equals(s)) {
                return k;
            }
        }
        throw new IllegalArgumentException("init: must be one of near-truth, random, given, got '" + s + "'");
    }
}
