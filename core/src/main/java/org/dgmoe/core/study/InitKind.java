package org.dgmoe.core.study;

import org.dgmoe.core.ConfigNamed;

/** How EM is started; {@code fit.init} names it ({@link ConfigNamed}: {@code near-truth}, ...). */
public enum InitKind implements ConfigNamed {
    // The default first: the order of ConfigNamed.configNames, so of every message and of docs/config.md.
    /** Reference §6: the truth plus small n-dependent noise. */
    NEAR_TRUTH,
    /** Data-driven random starts; the best of {@code restarts} is kept. */
    RANDOM,
    /** A start given by the user. */
    GIVEN
}
