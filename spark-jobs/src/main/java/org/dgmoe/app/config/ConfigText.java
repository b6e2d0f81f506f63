package org.dgmoe.app.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigUtil;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dgmoe.app.base.InputException;

/**
 * The HOCON text of a study, from a file or from a string with an origin, with the {@code --set}
 * overrides laid on top (later ones win; objects merge as in HOCON, other values are replaced) and
 * substitutions resolved. Nothing here knows the study's keys.
 */
public final class ConfigText {
    private ConfigText() {
    }

    /**
     * Parses {@code file} and lays {@code overrides} ("key=value", HOCON syntax for the value) on top.
     *
     * @throws InputException for a missing file, a syntax error (naming file and line), a malformed
     *                        override or an unresolved substitution
     */
    public static Config resolve(Path file, List<String> overrides) {
        if (!Files.exists(file)) {
            throw new InputException(file + ": no such study file");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new InputException(file + ": not a readable file");
        }
        Config base;
        try {
            base = ConfigFactory.parseFile(file.toFile(),
                    ConfigParseOptions.defaults().setAllowMissing(false).setSyntax(ConfigSyntax.CONF));
        } catch (ConfigException e) {
            throw new InputException(syntaxMessage(file.getFileName().toString(), file.toString(), e));
        }
        return layer(base, overrides);
    }

    /**
     * Parses {@code text} (HOCON) and lays {@code overrides} on top; {@code origin} names the text in
     * messages (e.g. "the driver's resolved config"). Includes are resolved against the working
     * directory, so texts meant to travel (the resolved config) have none.
     */
    public static Config resolve(String text, String origin, List<String> overrides) {
        Config base;
        try {
            base = ConfigFactory.parseString(text,
                    ConfigParseOptions.defaults().setOriginDescription(origin).setSyntax(ConfigSyntax.CONF));
        } catch (ConfigException e) {
            throw new InputException(syntaxMessage(origin, origin, e));
        }
        return layer(base, overrides);
    }

    private static Config layer(Config base, List<String> overrides) {
        List<String> problems = new ArrayList<>();
        Config layered = base;
        for (String override : overrides) {
            int eq = override.indexOf('=');
            if (eq <= 0) {
                problems.add("--set " + override + ": must be key=value, e.g. --set dgmoe.study.replicates=5");
                continue;
            }
            String key = override.substring(0, eq).trim();
            String value = override.substring(eq + 1);
            try {
                ConfigUtil.splitPath(key);
            } catch (ConfigException e) {
                problems.add("--set " + override + ": '" + key + "' is not a key path (keys are separated by dots, "
                        + "e.g. dgmoe.study.replicates)");
                continue;
            }
            try {
                Config one = ConfigFactory.parseString(key + " = " + value,
                        ConfigParseOptions.defaults().setOriginDescription("--set " + override));
                layered = one.withFallback(layered);
            } catch (ConfigException e) {
                problems.add("--set " + override + ": the value is not valid HOCON (" + e.getMessage() + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        try {
            return layered.resolve();
        } catch (ConfigException e) {
            throw new InputException(e.getMessage());
        }
    }

    /** Typesafe's parse messages start with the origin ("file: line: ..."); make sure it is named. */
    private static String syntaxMessage(String name, String origin, ConfigException e) {
        String m = e.getMessage();
        return m.contains(name) ? m : origin + ": " + m;
    }
}
