package org.dgmoe.app.config;

import org.dgmoe.core.ConfigNamed;

/** How a {@code sample-sizes} grid spaces its sizes ({@code spacing}); the default first. */
enum GridSpacing implements ConfigNamed {
    /** Equal steps in log n. */
    LOG,
    /** Equal steps in n. */
    LINEAR
}
