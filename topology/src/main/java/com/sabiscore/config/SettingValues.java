package com.sabiscore.config;

import com.sabiscore.data.download.DownloadSource;
import com.sabiscore.match.Competition;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads typed setting values with the precedence overrides &gt; environment &gt; file &gt; default,
 * collecting every problem so one run reports them all. A reader that met a problem returns the
 * default instead, and {@link #throwIfInvalid()} then refuses the whole configuration. A secret
 * (a {@link Setting#secret()} setting or a Kafka client security setting) may instead be given as
 * the path of a file holding it: key {@code <key>.file}, environment variable {@code <VARIABLE>_FILE}.
 */
final class SettingValues {

    private static final String FILE_VARIABLE_SUFFIX = "_FILE";
    private static final Set<String> KNOWN_KEYS = Arrays.stream(Setting.values())
            .flatMap(setting -> setting.secret()
                    ? Stream.of(setting.key(), setting.key() + KafkaClientSecurity.FILE_SUFFIX)
                    : Stream.of(setting.key()))
            .collect(Collectors.toUnmodifiableSet());

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
        keys.stream().filter(key -> !KNOWN_KEYS.contains(key) && !KafkaClientSecurity.claims(key)).sorted().forEach(key ->
                problems.add("unknown setting '" + key + "' " + where + " (see docs/configuration.md for the known keys)"));
    }

    /**
     * A configured value and where it came from.
     *
     * @param rank how strong its source is: 3 an override, 2 the environment, 1 the file, 0 the default
     */
    private record Raw(String text, String origin, int rank) {
    }

    private Raw raw(Setting setting) {
        Raw configured = configured(setting.key(), setting.envName());
        return configured != null ? configured : new Raw(setting.defaultValue(), "default", 0);
    }

    /** The value from the strongest source that has {@code key} (environment: {@code envName}); null when none has. */
    private Raw configured(String key, String envName) {
        if (overrides.containsKey(key)) {
            return new Raw(overrides.get(key), "override " + key, 3);
        }
        if (env.containsKey(envName)) {
            return new Raw(env.get(envName), "environment " + envName, 2);
        }
        if (file.getProperty(key) != null) {
            return new Raw(file.getProperty(key), "config file key " + key, 1);
        }
        return null;
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

    /**
     * A secret: the setting's value, or the content of the file {@code <key>.file} (environment
     * {@code <VARIABLE>_FILE}) names, whichever comes from the stronger source; null when neither
     * is set. A problem never quotes the secret.
     */
    String secret(Setting setting) {
        Raw direct = configured(setting.key(), setting.envName());
        Raw path = configured(setting.key() + KafkaClientSecurity.FILE_SUFFIX, setting.envName() + FILE_VARIABLE_SUFFIX);
        Raw chosen = stronger(setting.key(), direct, path);
        if (chosen == null) {
            return null;
        }
        String value = chosen == path ? readSecretFile(setting.key(), path) : chosen.text().strip();
        return value == null || value.isEmpty() ? null : value;
    }

    /** The one of a value and a file path that comes from the stronger source; both in one source is a problem. */
    private Raw stronger(String key, Raw direct, Raw path) {
        if (direct != null && path != null && direct.rank() == path.rank()) {
            problems.add(key + " and " + key + KafkaClientSecurity.FILE_SUFFIX + " are both set (" + direct.origin() + ", "
                    + path.origin() + "): give the value or the file holding it");
            return null;
        }
        if (direct == null || path != null && path.rank() > direct.rank()) {
            return path;
        }
        return direct;
    }

    /** The file's content without its line break; a problem (and null) when it cannot be read or is empty. */
    private String readSecretFile(String key, Raw path) {
        String location = path.text() == null ? "" : path.text().strip();
        try {
            String content = Files.readString(Path.of(location), StandardCharsets.UTF_8).replaceFirst("\\R+\\z", "");
            if (content.isEmpty()) {
                problems.add(key + ": the file " + location + " (from " + path.origin() + ") is empty");
                return null;
            }
            return content;
        } catch (IOException | RuntimeException e) {
            problems.add(key + ": cannot read the file " + location + " (from " + path.origin() + "): " + e.getClass().getSimpleName());
            return null;
        }
    }

    /**
     * The Kafka client security settings of every source: {@code kafka.*} keys of the file and
     * overrides, {@code KAFKA_*} variables of the environment (other programs' {@code KAFKA_*}
     * variables, such as {@code KAFKA_HEAP_OPTS}, are not ours and stay unread).
     */
    KafkaClientSecurity kafkaClientSecurity() {
        Set<String> keys = new HashSet<>();
        file.stringPropertyNames().stream().filter(KafkaClientSecurity::claims).forEach(keys::add);
        overrides.keySet().stream().filter(KafkaClientSecurity::claims).forEach(keys::add);
        env.keySet().stream().filter(KafkaClientSecurity::claimsVariable).map(KafkaClientSecurity::keyOfVariable).forEach(keys::add);

        Map<String, Raw> values = new HashMap<>();
        Map<String, Raw> paths = new HashMap<>();
        for (String key : keys.stream().sorted().toList()) {
            KafkaClientSecurity.Target target = KafkaClientSecurity.target(key);
            if (target == null) {
                problems.add("unknown setting '" + key + "': Kafka clients have no security setting '"
                        + key.substring(KafkaClientSecurity.KEY_PREFIX.length()) + "' (see docs/configuration.md, Secured clusters)");
                continue;
            }
            Raw raw = configured(key, KafkaClientSecurity.variableOf(key));
            (target.fromFile() ? paths : values).put(target.setting(), raw);
        }
        Map<String, String> settings = new HashMap<>();
        Set<String> fromFiles = new HashSet<>();
        Set<String> names = new HashSet<>(values.keySet());
        names.addAll(paths.keySet());
        for (String name : names.stream().sorted().toList()) {
            String key = KafkaClientSecurity.KEY_PREFIX + name;
            Raw path = paths.get(name);
            Raw chosen = stronger(key, values.get(name), path);
            if (chosen == path && path != null) {
                String secret = readSecretFile(key, path);
                if (secret != null) {
                    settings.put(name, secret);
                    fromFiles.add(name);
                }
            } else if (chosen != null) {
                settings.put(name, chosen.text() == null ? "" : chosen.text().strip());
            }
        }
        KafkaClientSecurity security = new KafkaClientSecurity(settings, fromFiles);
        String refused = security.problem();
        if (refused != null) {
            problems.add(refused);
        }
        return security;
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

    /** A positive ISO-8601 duration such as {@code PT10M}. */
    Duration duration(Setting setting) {
        try {
            Duration value = Duration.parse(text(setting));
            if (value.compareTo(Duration.ZERO) > 0) {
                return value;
            }
        } catch (DateTimeParseException notADuration) {
            // reported below
        }
        problem(setting, raw(setting), "must be a positive ISO-8601 duration such as PT10M or PT30S");
        return Duration.parse(setting.defaultValue());
    }

    /** A comma-separated list of league codes SabiScore knows, e.g. {@code E0,SP1}. */
    List<String> leagues(Setting setting) {
        List<String> codes = Arrays.stream(text(setting).split(",")).map(String::strip).filter(code -> !code.isEmpty()).toList();
        boolean valid = !codes.isEmpty() && codes.stream().allMatch(code -> Competition.parse(code)
                .filter(known -> known.code().equals(code) && known != Competition.INT).isPresent());
        if (!valid) {
            problem(setting, raw(setting), "must be league codes SabiScore knows, comma-separated: " + setting.defaultValue());
            return List.of(setting.defaultValue().split(","));
        }
        return codes;
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
