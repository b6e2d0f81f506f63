package org.dgmoe.core.summary;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The varied values a summary row carries: column → finite value, in the setting's order. */
final class Varied {
    private Varied() {
    }

    static Map<String, Double> copy(Map<String, Double> varied) {
        if (varied == null || varied.isEmpty()) {
            return Map.of();
        }
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : varied.entrySet()) {
            if (e.getKey() == null || e.getValue() == null || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("varied: columns must be named and values finite, got "
                        + e.getKey() + " = " + e.getValue());
            }
            out.put(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableMap(out);
    }
}
