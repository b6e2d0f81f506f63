package org.dgmoe.app.config;

import java.util.ArrayList;
import java.util.List;
import org.dgmoe.app.base.InputException;
import org.dgmoe.core.InvalidParameterException;

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
     * A core record's refusal of values read at {@code objectPath}. An {@link InvalidParameterException}
     * names the refused key relative to the record's object ({@code experts}), so the object's path is
     * put in front of that key; any other refusal is reported at the object.
     */
    public void addRefusal(String objectPath, IllegalArgumentException e) {
        if (e instanceof InvalidParameterException refused) {
            add(objectPath.isEmpty() ? refused.parameter() : objectPath + "." + refused.parameter(), refused.problem());
        } else {
            add(objectPath, String.valueOf(e.getMessage()));
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
