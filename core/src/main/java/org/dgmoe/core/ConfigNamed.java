package org.dgmoe.core;

import java.util.Arrays;
import java.util.Locale;

/**
 * An enum whose constants are chosen by name in a study file ({@code fit.init = near-truth}). The
 * config name is the constant's name in lower case with {@code -} for {@code _}
 * ({@code SQUAREM_NEWTON} → {@code squarem-newton}), so each allowed value is declared once, as the
 * constant; the app reads a key's allowed values from {@link #configNames} and docs/config.md lists
 * them in declaration order (by convention the default first).
 */
public interface ConfigNamed {

    /** The constant's {@link Enum#name()}; every enum has it. */
    String name();

    /** The name used in study files and tables. */
    default String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The config names of {@code type}'s constants, in declaration order. */
    static <E extends Enum<E> & ConfigNamed> String[] configNames(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(ConfigNamed::configName).toArray(String[]::new);
    }

    /**
     * The constant of {@code type} called {@code name} in a study file.
     *
     * @param parameter the key the name was given for, named by the refusal
     * @throws InvalidParameterException naming {@code parameter} and the allowed values, when none is
     *                                   called {@code name}
     */
    static <E extends Enum<E> & ConfigNamed> E fromConfigName(Class<E> type, String parameter, String name) {
        for (E e : type.getEnumConstants()) {
            if (e.configName().equals(name)) {
                return e;
            }
        }
        throw new InvalidParameterException(parameter, "must be one of "
                + String.join(", ", configNames(type)) + ", got '" + name + "'");
    }
}
