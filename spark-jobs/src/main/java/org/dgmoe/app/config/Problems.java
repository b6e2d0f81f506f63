package org.dgmoe.app.config;

import java.util.ArrayList;
import java.util.List;
import org.dgmoe.app.base.InputException;

/**
 * Collects every problem of an input (a study file, a parameter file) so that all are reported at
 * once. Each problem is {@code <prefix><key path>: <what is wrong and what is allowed>}.
 */
public final class Problems {
    private final String prefix;
    private final List<String> list = new ArrayList<>();

    /** @param prefix prepended to every problem, e.g. {@code "start.json: "}; empty for study files */
    public Problems(String prefix) {
        this.prefix = prefix;
    }

    public void add(String path, String message) {
        list.add(prefix + (path.isEmpty() ? "" : path + ": ") + message);
    }

    public int count() {
        return list.size();
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public List<String> list() {
        return List.copyOf(list);
    }

    /** Throws an {@link InputException} listing every problem, if there is any. */
    public void throwIfAny() {
        if (!list.isEmpty()) {
            throw new InputException(list);
        }
    }
}
