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

    /**
     * A core record's refusal of values read at {@code objectPath}. Core messages name the key
     * relative to the record's object ({@code "experts: must be an integer in [1, 1000], got 0"}), so
     * the object's path is put in front of that key.
     */
    public void addRefusal(String objectPath, IllegalArgumentException e) {
        String m = String.valueOf(e.getMessage());
        int colon = m.indexOf(": ");
        if (colon > 0 && m.substring(0, colon).matches("[A-Za-z0-9_.\\-]+")) {
            add(objectPath.isEmpty() ? m.substring(0, colon) : objectPath + "." + m.substring(0, colon),
                    m.substring(colon + 2));
        } else {
            add(objectPath, m);
        }
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
