package org.dgmoe.app.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dgmoe.app.base.InputException;
import org.dgmoe.app.base.Suggestions;

/**
 * The HOCON text of a study, from a file or from a string with an origin, with the {@code --set}
 * overrides laid on top (later ones win; objects merge as in HOCON, other values are replaced) and
 * substitutions resolved. An override {@code dgmoe.study.settings.NAME.KEY=VALUE} changes the one
 * setting called NAME (a list element cannot be addressed by a HOCON path); it applies after the
 * file's substitutions are resolved. Nothing else here knows the study's keys.
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

    /** The path of the study's settings, whose elements {@code --set} may address by name. */
    static final List<String> SETTINGS_PATH = List.of("dgmoe", "study", "settings");

    /** An override of one setting: {@code dgmoe.study.settings.NAME.KEY=VALUE} (KEY absent: merge VALUE into it). */
    private record SettingOverride(String text, String setting, String key, String value) {
    }

    private static Config layer(Config base, List<String> overrides) {
        List<String> problems = new ArrayList<>();
        Config layered = base;
        List<SettingOverride> bySetting = new ArrayList<>();
        for (String override : overrides) {
            int eq = override.indexOf('=');
            if (eq <= 0) {
                problems.add("--set " + override + ": must be key=value, e.g. --set dgmoe.study.replicates=5");
                continue;
            }
            String key = override.substring(0, eq).trim();
            String value = override.substring(eq + 1);
            List<String> path;
            try {
                path = ConfigUtil.splitPath(key);
            } catch (ConfigException e) {
                problems.add("--set " + override + ": '" + key + "' is not a key path (keys are separated by dots, "
                        + "e.g. dgmoe.study.replicates, or dgmoe.study.settings.NAME.fit.init for one setting)");
                continue;
            }
            if (path.size() > SETTINGS_PATH.size() && path.subList(0, SETTINGS_PATH.size()).equals(SETTINGS_PATH)) {
                List<String> rest = path.subList(SETTINGS_PATH.size() + 1, path.size());
                bySetting.add(new SettingOverride(override, path.get(SETTINGS_PATH.size()),
                        rest.isEmpty() ? null : ConfigUtil.joinPath(rest), value));
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
        Config resolved;
        try {
            resolved = layered.resolve();
        } catch (ConfigException e) {
            throw new InputException(e.getMessage());
        }
        for (SettingOverride o : bySetting) {
            resolved = applyToSetting(resolved, o, problems);
        }
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        return resolved;
    }

    /**
     * Lays one setting's override on the resolved config: the element of {@code dgmoe.study.settings}
     * whose {@code name} is the override's gets {@code KEY = VALUE} on top (substitutions in VALUE
     * resolve against the whole config, so {@code ${shared.g0}} works as in the file). Settings are
     * addressed by name, not index, so an override keeps meaning the same setting when the list
     * changes. Problems are collected; the config is returned unchanged then.
     */
    private static Config applyToSetting(Config config, SettingOverride o, List<String> problems) {
        String listPath = ConfigUtil.joinPath(SETTINGS_PATH);
        if (!config.hasPath(listPath) || config.getValue(listPath).valueType() != ConfigValueType.LIST) {
            problems.add("--set " + o.text() + ": " + listPath + " is not a list of settings to choose '"
                    + o.setting() + "' from");
            return config;
        }
        ConfigList settings = config.getList(listPath);
        List<String> names = new ArrayList<>();
        int index = -1;
        for (int i = 0; i < settings.size(); i++) {
            if (settings.get(i) instanceof ConfigObject setting && setting.get("name") != null
                    && setting.get("name").valueType() == ConfigValueType.STRING) {
                String name = (String) setting.get("name").unwrapped();
                names.add(name);
                if (name.equals(o.setting()) && index < 0) {
                    index = i;
                }
            }
        }
        if (index < 0) {
            String suggestion = Suggestions.closest(o.setting(), names);
            problems.add("--set " + o.text() + ": no setting is named '" + o.setting() + "'"
                    + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?") + " (settings: "
                    + String.join(", ", names) + ")");
            return config;
        }
        Config setting = ((ConfigObject) settings.get(index)).toConfig();
        Config changed;
        try {
            ConfigParseOptions origin = ConfigParseOptions.defaults().setOriginDescription("--set " + o.text());
            Config one = o.key() == null ? ConfigFactory.parseString(o.value(), origin)
                    : ConfigFactory.parseString(o.key() + " = " + o.value(), origin);
            changed = one.resolveWith(config).withFallback(setting);
        } catch (ConfigException e) {
            problems.add("--set " + o.text() + ": the value is not valid HOCON here (" + e.getMessage() + ")");
            return config;
        }
        List<ConfigValue> updated = new ArrayList<>(settings);
        updated.set(index, changed.root());
        return config.withValue(listPath, ConfigValueFactory.fromIterable(updated));
    }

    /** Typesafe's parse messages start with the origin ("file: line: ..."); make sure it is named. */
    private static String syntaxMessage(String name, String origin, ConfigException e) {
        String m = e.getMessage();
        return m.contains(name) ? m : origin + ": " + m;
    }
}
