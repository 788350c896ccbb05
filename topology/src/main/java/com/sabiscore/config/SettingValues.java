package com.sabiscore.config;

import com.sabiscore.data.download.DownloadSource;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads typed setting values with the precedence overrides &gt; environment &gt; file &gt; default,
 * collecting every problem so one run reports them all. A reader that met a problem returns the
 * default instead, and {@link #throwIfInvalid()} then refuses the whole configuration.
 */
final class SettingValues {

    private static final Set<String> KNOWN_KEYS =
            Arrays.stream(Setting.values()).map(Setting::key).collect(Collectors.toUnmodifiableSet());

    private final Map<String, String> env;
    private final Properties file;
    private final Map<String, String> overrides;
    private final List<String> problems = new ArrayList<>();

    SettingValues(Map<String, String> env, Properties file, Map<String, String> overrides) {
        this.env = env;
        this.file = file;
        this.overrides = overrides;
        rejectUnknownKeys(file.stringPropertyNames(), "in the config file");
        rejectUnknownKeys(overrides.keySet(), "as an override");
    }

    /** The environment is shared with other programs, so only the file and overrides are checked for typos. */
    private void rejectUnknownKeys(Collection<String> keys, String where) {
        keys.stream().filter(key -> !KNOWN_KEYS.contains(key)).sorted().forEach(key ->
                problems.add("unknown setting '" + key + "' " + where + " (see docs/configuration.md for the known keys)"));
    }

    private record Raw(String text, String origin) {
    }

    private Raw raw(Setting setting) {
        if (overrides.containsKey(setting.key())) {
            return new Raw(overrides.get(setting.key()), "override " + setting.key());
        }
        if (env.containsKey(setting.envName())) {
            return new Raw(env.get(setting.envName()), "environment " + setting.envName());
        }
        if (file.getProperty(setting.key()) != null) {
            return new Raw(file.getProperty(setting.key()), "config file key " + setting.key());
        }
        return new Raw(setting.defaultValue(), "default");
    }

    private void problem(Setting setting, Raw raw, String expectation) {
        problems.add(setting.key() + " = '" + raw.text() + "' (from " + raw.origin() + "): " + expectation);
    }

    /** The value with surrounding blanks removed; may be empty. */
    String text(Setting setting) {
        Raw raw = raw(setting);
        return raw.text() == null ? "" : raw.text().strip();
    }

    /** A value that must not be empty and may hold only {@code [A-Za-z0-9._-]} (Kafka's rule for ids and topic names). */
    String name(Setting setting) {
        String value = text(setting);
        if (!value.matches("[A-Za-z0-9._-]{1,249}")) {
            problem(setting, raw(setting), "must be 1-249 characters of letters, digits, '.', '_' or '-'");
            return setting.defaultValue();
        }
        return value;
    }

    /** Null when empty. */
    String optionalText(Setting setting) {
        String value = text(setting);
        return value.isEmpty() ? null : value;
    }

    String oneOf(Setting setting, String... allowed) {
        String value = text(setting).toLowerCase(Locale.ROOT);
        if (!List.of(allowed).contains(value)) {
            problem(setting, raw(setting), "must be one of " + String.join(", ", allowed));
            return setting.defaultValue();
        }
        return value;
    }

    int integer(Setting setting, int min, int max) {
        return (int) whole(setting, min, max);
    }

    long whole(Setting setting, long min, long max) {
        Raw raw = raw(setting);
        try {
            long value = Long.parseLong(text(setting));
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below with the allowed range
        }
        problem(setting, raw, "must be a whole number from " + min + " to " + max);
        // refused anyway (throwIfInvalid); a blank default stands for "picked from other settings"
        return setting.defaultValue().isEmpty() ? min : Long.parseLong(setting.defaultValue());
    }

    /** Empty when the setting is blank (its default is blank: the app then picks a value from other settings). */
    OptionalLong optionalWhole(Setting setting, long min, long max) {
        return text(setting).isEmpty() ? OptionalLong.empty() : OptionalLong.of(whole(setting, min, max));
    }

    double decimal(Setting setting, double min, double max) {
        Raw raw = raw(setting);
        try {
            double value = Double.parseDouble(text(setting));
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below with the allowed range
        }
        problem(setting, raw, "must be a number from " + min + " to " + max);
        return Double.parseDouble(setting.defaultValue());
    }

    boolean bool(Setting setting) {
        String value = text(setting).toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            problem(setting, raw(setting), "must be true or false");
            return Boolean.parseBoolean(setting.defaultValue());
        }
        return Boolean.parseBoolean(value);
    }

    /** Relative paths stay relative: they resolve against the working folder when used. */
    Path path(Setting setting) {
        String value = text(setting);
        if (value.isEmpty()) {
            problem(setting, raw(setting), "must be a folder path");
            return Path.of(setting.defaultValue());
        }
        return Path.of(value);
    }

    /** Null when empty. */
    Path optionalPath(Setting setting) {
        String value = text(setting);
        return value.isEmpty() ? null : Path.of(value);
    }

    /** Empty (none) or a comma-separated list of host:port. */
    String hostPortList(Setting setting) {
        String value = text(setting);
        boolean valid = value.isEmpty() || Arrays.stream(value.split(",", -1))
                .map(String::strip)
                .allMatch(server -> server.matches("[^:\\s]+:\\d{1,5}"));
        if (!valid) {
            problem(setting, raw(setting), "must be empty or host:port[,host:port...]");
            return setting.defaultValue();
        }
        return value;
    }

    /** Empty (none) or a comma-separated list of web origins, each {@code http(s)://host[:port]} without a path. */
    List<String> originList(Setting setting) {
        String value = text(setting);
        if (value.isEmpty()) {
            return List.of();
        }
        List<String> origins = Arrays.stream(value.split(",", -1)).map(String::strip).toList();
        if (!origins.stream().allMatch(origin -> origin.matches("https?://[A-Za-z0-9.-]+(:\\d{1,5})?"))) {
            problem(setting, raw(setting), "must be empty or origins such as https://example.com,http://localhost:3000 (scheme, host and port only)");
            return List.of();
        }
        return origins;
    }

    String redisUri(Setting setting) {
        String value = text(setting);
        if (!value.startsWith("redis://") && !value.startsWith("rediss://")) {
            problem(setting, raw(setting), "must start with redis:// or rediss://");
            return setting.defaultValue();
        }
        return value;
    }

    /** An http:// or https:// address. */
    URI httpUrl(Setting setting) {
        try {
            return DownloadSource.parse(text(setting), setting.defaultValue(), setting.key());
        } catch (IllegalArgumentException e) {
            problem(setting, raw(setting), "must be an http:// or https:// URL");
            return URI.create(setting.defaultValue());
        }
    }

    /** A problem that involves more than one setting. */
    void problem(String description) {
        problems.add(description);
    }

    void throwIfInvalid() {
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
    }
}
