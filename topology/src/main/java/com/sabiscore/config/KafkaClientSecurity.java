package com.sabiscore.config;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * How every Kafka client of the app (Kafka Streams, producers, consumers, admin clients) proves
 * who it is to a secured cluster: Kafka's own {@code security.protocol}, {@code sasl.*} and
 * {@code ssl.*} client settings, passed through unchanged. Configured as {@code kafka.<setting>}
 * (environment {@code KAFKA_<SETTING>}, dots as underscores), e.g. {@code kafka.sasl.mechanism};
 * {@code kafka.<setting>.file} reads the value from a file instead, for secrets kept out of
 * configuration files and process listings. {@link #toString()} hides every value Kafka treats as
 * a password and every value read from a file.
 *
 * @param settings  Kafka client setting → value
 * @param fromFiles the settings whose value was read from a file
 */
public record KafkaClientSecurity(Map<String, String> settings, Set<String> fromFiles) {

    /** Prefix of a pass-through setting's key in the configuration file and in overrides. */
    public static final String KEY_PREFIX = "kafka.";
    /** Prefix of a pass-through setting's environment variable. */
    public static final String ENV_PREFIX = "KAFKA_";
    /** Suffix of a key (environment: {@code _FILE}) whose value names a file holding the setting's value. */
    public static final String FILE_SUFFIX = ".file";

    private static final ConfigDef CLIENT_SETTINGS = AdminClientConfig.configDef();
    /** Every client's security settings: the same names in producers, consumers and admin clients. */
    private static final Set<String> SECURITY_SETTINGS = Stream.of(ProducerConfig.configNames(), ConsumerConfig.configNames(),
                    AdminClientConfig.configNames())
            .flatMap(Set::stream)
            .filter(KafkaClientSecurity::isSecurityName)
            .collect(Collectors.toUnmodifiableSet());

    public KafkaClientSecurity {
        settings = Collections.unmodifiableMap(new TreeMap<>(settings));
        fromFiles = Collections.unmodifiableSet(new TreeSet<>(fromFiles));
    }

    /** Plain connections: Kafka's defaults. */
    public static KafkaClientSecurity none() {
        return new KafkaClientSecurity(Map.of(), Set.of());
    }

    private static boolean isSecurityName(String name) {
        return name.startsWith("security.protocol") || name.startsWith("sasl.") || name.startsWith("ssl.");
    }

    /** Whether a configuration key looks meant for this: {@code kafka.security.*}, {@code kafka.sasl.*} or {@code kafka.ssl.*}. */
    static boolean claims(String key) {
        return key.startsWith(KEY_PREFIX) && isSecurityName(key.substring(KEY_PREFIX.length()));
    }

    /** Whether an environment variable looks meant for this: {@code KAFKA_SECURITY_*}, {@code KAFKA_SASL_*} or {@code KAFKA_SSL_*}. */
    static boolean claimsVariable(String name) {
        return name.startsWith(ENV_PREFIX) && name.equals(name.toUpperCase(Locale.ROOT)) && claims(keyOfVariable(name));
    }

    /** {@code kafka.sasl.jaas.config} → {@code KAFKA_SASL_JAAS_CONFIG}. */
    static String variableOf(String key) {
        return ENV_PREFIX + key.substring(KEY_PREFIX.length()).toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** {@code KAFKA_SASL_JAAS_CONFIG} → {@code kafka.sasl.jaas.config}: Kafka's setting names are lower case words joined by dots. */
    static String keyOfVariable(String name) {
        return KEY_PREFIX + name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /**
     * The Kafka client setting a claimed key names, and whether its value is a file to read:
     * {@code kafka.ssl.keystore.password.file} is {@code ssl.keystore.password} from a file, while
     * {@code kafka.sasl.oauthbearer.assertion.file} is Kafka's own setting of that name. Null when
     * Kafka has no such client setting.
     */
    static Target target(String key) {
        String name = key.substring(KEY_PREFIX.length());
        if (SECURITY_SETTINGS.contains(name)) {
            return new Target(name, false);
        }
        if (name.endsWith(FILE_SUFFIX)) {
            String secret = name.substring(0, name.length() - FILE_SUFFIX.length());
            if (SECURITY_SETTINGS.contains(secret)) {
                return new Target(secret, true);
            }
        }
        return null;
    }

    /** A Kafka client setting, and whether the configured value is the path of a file holding it. */
    record Target(String setting, boolean fromFile) {
    }

    /** Why Kafka would refuse these settings (e.g. an unknown {@code security.protocol}), or null when it accepts them. */
    String problem() {
        try {
            CLIENT_SETTINGS.parse(settings);
            return null;
        } catch (ConfigException e) {
            return "Kafka client security settings: " + e.getMessage();
        }
    }

    public boolean isEmpty() {
        return settings.isEmpty();
    }

    /** Adds the settings to a client's properties. */
    public Properties addTo(Properties clientProperties) {
        clientProperties.putAll(settings);
        return clientProperties;
    }

    /** The settings with every secret replaced by {@code ****}: configurations get logged. */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        settings.forEach((name, value) -> shown.put(name, isSecret(name) ? "****" : value));
        return shown.toString();
    }

    private boolean isSecret(String name) {
        ConfigDef.ConfigKey key = CLIENT_SETTINGS.configKeys().get(name);
        return fromFiles.contains(name) || key == null || key.type == ConfigDef.Type.PASSWORD;
    }
}
