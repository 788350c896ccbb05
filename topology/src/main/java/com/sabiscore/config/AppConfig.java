package com.sabiscore.config;

import com.sabiscore.partitioning.CompetitionPartitioner;
import com.sabiscore.serde.AnyEventSerializer;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;

/**
 * The one configuration of the app, read once at start-up by {@link #load} from defaults, a
 * {@code --config} properties file, the environment and CLI overrides (each later source wins).
 * Every setting, its environment variable and default is listed in {@link Setting} and
 * {@code docs/configuration.md}. Tests build their configuration through the same factory,
 * usually with {@link #of(Map)}.
 *
 * @param kafkaBootstrapServers empty: start an embedded broker (see {@link #embeddedBroker()})
 * @param kafkaSecurity         what every Kafka client adds to reach a secured cluster (none for the embedded broker)
 * @param httpHost              the address the HTTP API binds: loopback with the embedded broker unless set
 * @param httpInternalSecret    what instance-to-instance requests must carry; null leaves the internal routes open
 * @param redisPassword         null for none
 * @param dataDir               null: found through the data lookup (SABISCORE_DATA, ../shared/data, the per-user data folder)
 * @param modelDir              null: the models bundled on the class path
 * @param downloadUrl           where the league history is downloaded from when no data is found, and the live feed's site
 * @param liveFeed              whether and how {@code run} follows the site live after the replay
 * @param corsAllowedOrigins    origins other web pages may call the API from; empty: none (the app's own page is same-origin)
 * @param eventStreamClientBuffer prediction events one live-update client may lag behind before it is dropped
 */
public record AppConfig(
        String kafkaBootstrapServers,
        KafkaClientSecurity kafkaSecurity,
        Path embeddedBrokerDir,
        int embeddedBrokerPort,
        String applicationId,
        Path stateDir,
        String stateStoreType,
        String fixturesTopic,
        String resultsTopic,
        String predictionsTopic,
        String deadLettersTopic,
        String modelsTopic,
        int topicPartitions,
        int replicationFactor,
        String processingGuarantee,
        int numStreamThreads,
        long maxTaskIdleMs,
        long resultHoldGraceMs,
        String httpHost,
        int httpPort,
        String advertisedHost,
        String httpInternalSecret,
        String redisUri,
        String redisPassword,
        boolean redisTls,
        long cacheTtlSeconds,
        int nearCacheMaxEntries,
        int hotKeyHorizonHours,
        int hotKeyThreshold,
        int hotKeyWindowSeconds,
        int maxBatchSize,
        int maxRequestBodyBytes,
        int httpWorkerThreads,
        int httpWorkerQueue,
        double betMinEdge,
        double kellyFraction,
        double maxStake,
        Path dataDir,
        Path modelDir,
        long httpReadTimeoutMs,
        URI downloadUrl,
        LiveFeedSettings liveFeed,
        List<String> corsAllowedOrigins,
        boolean corsAllowCredentials,
        int eventStreamClientBuffer) {

    /** {@code state.store.type} values. */
    public static final String ROCKSDB_STORES = "rocksdb";
    public static final String IN_MEMORY_STORES = "in_memory";
    private static final int MAX_PORT = 65_535;
    /** Where the HTTP API listens unless {@code http.host} says otherwise: the embedded broker's machine only ... */
    private static final String LOOPBACK = "127.0.0.1";
    /** ... or, joining a cluster, every address, so the other instances can forward queries. */
    private static final String EVERY_ADDRESS = "0.0.0.0";
    /** {@code max.task.idle.ms} when it is not set and the guarantee is exactly-once (why: {@link #streamsProperties()}). */
    private static final long EXACTLY_ONCE_MAX_TASK_IDLE_MS = 500;

    /**
     * Reads the configuration; each source overrides the ones after it: {@code overrides}
     * (CLI flags, keyed like the file), {@code env} ({@code SABISCORE_*}, {@code KAFKA_BOOTSTRAP_SERVERS}),
     * {@code fileProps} (the {@code --config} file), then the defaults.
     *
     * @throws InvalidConfigException listing every unknown key and bad value
     */
    public static AppConfig load(Map<String, String> env, Properties fileProps, Map<String, String> overrides) {
        SettingValues values = new SettingValues(env, fileProps, overrides);
        String processingGuarantee = values.oneOf(Setting.PROCESSING_GUARANTEE, StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE);
        int topicPartitions = values.integer(Setting.TOPIC_PARTITIONS, 1, 10_000);
        String bootstrapServers = values.hostPortList(Setting.KAFKA_BOOTSTRAP_SERVERS);
        String httpHost = values.text(Setting.HTTP_HOST);
        AppConfig config = new AppConfig(
                bootstrapServers,
                values.kafkaClientSecurity(),
                values.path(Setting.EMBEDDED_BROKER_DIR),
                values.integer(Setting.EMBEDDED_BROKER_PORT, 0, MAX_PORT),
                values.name(Setting.APPLICATION_ID),
                values.path(Setting.STATE_DIR),
                values.oneOf(Setting.STATE_STORE_TYPE, ROCKSDB_STORES, IN_MEMORY_STORES),
                values.name(Setting.FIXTURES_TOPIC),
                values.name(Setting.RESULTS_TOPIC),
                values.name(Setting.PREDICTIONS_TOPIC),
                values.name(Setting.DEAD_LETTERS_TOPIC),
                values.name(Setting.MODELS_TOPIC),
                topicPartitions,
                values.integer(Setting.REPLICATION_FACTOR, 1, Short.MAX_VALUE),
                processingGuarantee,
                // unset: a thread per processor, but no more than there are tasks to run
                (int) values.optionalWhole(Setting.NUM_STREAM_THREADS, 1, 64)
                        .orElse(Math.min(Runtime.getRuntime().availableProcessors(), topicPartitions)),
                // unset: exactly-once waits for the quieter topic (one version per fixture), at-least-once does not (latency)
                values.optionalWhole(Setting.MAX_TASK_IDLE_MS, 0, 60_000)
                        .orElse(StreamsConfig.AT_LEAST_ONCE.equals(processingGuarantee) ? 0 : EXACTLY_ONCE_MAX_TASK_IDLE_MS),
                values.whole(Setting.RESULT_HOLD_GRACE_MS, 0, 3_600_000),
                // the embedded broker is one machine's: its API stays on that machine unless http.host opens it
                !httpHost.isEmpty() ? httpHost : bootstrapServers.isEmpty() ? LOOPBACK : EVERY_ADDRESS,
                values.integer(Setting.HTTP_PORT, 0, MAX_PORT),
                values.text(Setting.ADVERTISED_HOST),
                values.secret(Setting.HTTP_INTERNAL_SECRET),
                values.redisUri(Setting.REDIS_URI),
                values.secret(Setting.REDIS_PASSWORD),
                values.bool(Setting.REDIS_TLS),
                values.whole(Setting.CACHE_TTL_SECONDS, 1, 30L * 24 * 3600),
                values.integer(Setting.NEAR_CACHE_MAX_ENTRIES, 0, 10_000_000),
                values.integer(Setting.HOT_KEY_HORIZON_HOURS, 0, 24 * 365),
                values.integer(Setting.HOT_KEY_THRESHOLD, 1, 1_000_000),
                values.integer(Setting.HOT_KEY_WINDOW_SECONDS, 1, 24 * 3600),
                values.integer(Setting.MAX_BATCH_SIZE, 1, 10_000),
                values.integer(Setting.MAX_REQUEST_BODY_BYTES, 1_024, 64 * 1024 * 1024),
                values.integer(Setting.HTTP_WORKER_THREADS, 1, 1_024),
                values.integer(Setting.HTTP_WORKER_QUEUE, 1, 1_000_000),
                values.decimal(Setting.BET_MIN_EDGE, 0.0, 1.0),
                values.decimal(Setting.KELLY_FRACTION, 0.0, 1.0),
                values.decimal(Setting.MAX_STAKE, 0.0, 1.0),
                values.optionalPath(Setting.DATA_DIR),
                values.optionalPath(Setting.MODEL_DIR),
                values.whole(Setting.HTTP_READ_TIMEOUT_MS, 100, 3_600_000),
                values.httpUrl(Setting.DOWNLOAD_URL),
                new LiveFeedSettings(values.bool(Setting.FEED_LIVE), values.duration(Setting.FEED_POLL_INTERVAL),
                        values.leagues(Setting.FEED_DIVISIONS)),
                values.originList(Setting.HTTP_CORS_ALLOWED_ORIGINS),
                values.bool(Setting.HTTP_CORS_ALLOW_CREDENTIALS),
                values.integer(Setting.HTTP_EVENTS_CLIENT_BUFFER, 1, 100_000));
        config.checkAcrossSettings(values);
        values.throwIfInvalid();
        return config;
    }

    private void checkAcrossSettings(SettingValues values) {
        List<String> topics = List.of(fixturesTopic, resultsTopic, predictionsTopic, deadLettersTopic, modelsTopic);
        if (new HashSet<>(topics).size() != topics.size()) {
            values.problem("topic.fixtures, topic.results, topic.predictions, topic.dead-letters and topic.models must be five different topics, got " + topics);
        }
        if (embeddedBroker() && !kafkaSecurity.isEmpty()) {
            values.problem("kafka.security.protocol, kafka.sasl.* and kafka.ssl.* are for a secured cluster: set kafka.bootstrap.servers"
                    + " (the embedded broker listens on 127.0.0.1 without TLS or SASL)");
        }
        if (advertisedHost.isEmpty() || advertisedHost.contains(":")) {
            values.problem("advertised.host must be a host name without a port, got '" + advertisedHost + "'");
        }
    }

    /** Defaults only. */
    public static AppConfig defaults() {
        return load(Map.of(), new Properties(), Map.of());
    }

    /** Defaults with {@code settings} (keyed like the config file) on top: the usual start for a test. */
    public static AppConfig of(Map<String, String> settings) {
        return load(Map.of(), new Properties(), settings);
    }

    /** Reads a {@code --config} properties file (UTF-8). */
    public static Properties readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
            return properties;
        } catch (NoSuchFileException e) {
            throw new InvalidConfigException(List.of("config file " + file + " does not exist"));
        } catch (IOException e) {
            throw new InvalidConfigException(List.of("cannot read config file " + file + ": " + e.getMessage()));
        }
    }

    /** True when no bootstrap servers are configured: the app starts its own single-node broker. */
    public boolean embeddedBroker() {
        return kafkaBootstrapServers.isEmpty();
    }

    /** The same configuration pointing at these brokers (e.g. the embedded broker once it has started). */
    public AppConfig withKafkaBootstrapServers(String servers) {
        return copy(servers, httpPort);
    }

    /** The same configuration with the port the HTTP server actually bound (when {@code http.port} was 0). */
    public AppConfig withHttpPort(int port) {
        return copy(kafkaBootstrapServers, port);
    }

    /** The two values only known once the broker and HTTP server run: everything else is fixed at load. */
    private AppConfig copy(String servers, int port) {
        return new AppConfig(servers, kafkaSecurity, embeddedBrokerDir, embeddedBrokerPort, applicationId, stateDir, stateStoreType,
                fixturesTopic, resultsTopic, predictionsTopic, deadLettersTopic, modelsTopic, topicPartitions, replicationFactor,
                processingGuarantee, numStreamThreads, maxTaskIdleMs, resultHoldGraceMs, httpHost, port, advertisedHost,
                httpInternalSecret, redisUri, redisPassword, redisTls, cacheTtlSeconds, nearCacheMaxEntries, hotKeyHorizonHours, hotKeyThreshold,
                hotKeyWindowSeconds, maxBatchSize, maxRequestBodyBytes, httpWorkerThreads, httpWorkerQueue, betMinEdge, kellyFraction, maxStake,
                dataDir, modelDir, httpReadTimeoutMs, downloadUrl, liveFeed, corsAllowedOrigins, corsAllowCredentials,
                eventStreamClientBuffer);
    }

    /** {@code host:port} other instances reach this one's HTTP API at. */
    public String applicationServer() {
        return advertisedHost + ":" + httpPort;
    }

    /** This instance's static group membership id: its address, in the characters Kafka accepts there. */
    String groupInstanceId() {
        return (applicationId + "-" + advertisedHost + "-" + httpPort).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** The Kafka Streams configuration. Kafka defaults stay unless a comment says why not. */
    public Properties streamsProperties() {
        Properties props = connectionProperties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        // a result updates team state and re-scores fixtures: each input must count exactly once, even across crashes
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        // interactive queries: lets every instance tell (and forward to) the instance that hosts a key
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer());
        // static membership: an instance restarted after a crash takes its old place in the group at once instead of
        // waiting out the dead member's session (45 s). Its address is unique in the group (queries are forwarded to
        // it) and stays the same across restarts unless http.port is 0
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), groupInstanceId());
        // the default lives under java.io.tmpdir, which the OS may wipe: every store would then restore from its changelog
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // changelog topics as durable as the app's own topics, instead of the broker's default
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
        // changelog records would carry the event's time, and segments roll on it: a replay would roll every changelog
        // partition once per year of history, each roll stalling the appends behind it. Plain key-value stores never read
        // those timestamps back, so the broker stamps append time and changelogs roll on wall-clock time, every 7 days
        props.put(StreamsConfig.topicPrefix(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG), "LogAppendTime");
        // Kafka Streams' default is one thread, which is then the serial part of a bulk replay; one per core (at most one
        // per partition) uses the cores a replay leaves, without cost to the paced latency
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, numStreamThreads);
        // a warm copy of every store on a second instance: queries during a rebalance answer (flagged stale)
        // instead of failing, and fail-over skips the changelog restore; a single instance is unaffected
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
        // a competition's fixtures and results arrive on two topics: under exactly-once, wait for the quieter one so a task
        // processes them in timestamp order (KIP-353/KIP-695). Kafka's 0 waits only for a topic whose last known lag is > 0,
        // and a cold task reads lags seconds apart: with 0, 64-136 of a season's 380 fixtures sometimes went ahead of their
        // teams' earlier results in the pipeline test (re-scored, so correct, but not once each). At-least-once already
        // trades once-only output for latency, so there it defaults to 0 (see load): a live fixture does not wait
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, maxTaskIdleMs);
        // that wait trusts the consumer's last known lag, and the consumer has one fetch in flight per broker: a fetch
        // parked for the default 500 ms (on partitions with nothing new) kept a drained partition's lag at a stale 0,
        // so fixtures went ahead of results already on the broker (and were re-scored by the thousand in a paced run),
        // and new records waited up to 500 ms to be fetched at all
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 10);
        boolean exactlyOnce = StreamsConfig.EXACTLY_ONCE_V2.equals(processingGuarantee);
        if (exactlyOnce) {
            // a prediction is visible to read_committed consumers at the next commit, so the interval is latency: Kafka
            // Streams' 100 ms alone would use most of a 150 ms latency target; 50 ms costs about 3 % more CPU
            props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 50);
        } else {
            // at-least-once output is visible at once, but each commit flushes the record caches: Streams' 30 s lets 30 s of
            // dirty state pile up into one flush that stalls predictions for hundreds of milliseconds
            props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1_000);
            // no transaction waits for the commit here, so a record cache only defers its writes to it, and flushing a
            // second of dirty state holds the stream thread tens of milliseconds per commit; writing through keeps the
            // paced tail lower. The cost is bulk replays: about a third more CPU per event
            props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
        }
        // refused records keep their original bytes in the dead-letter topic (KIP-1034) ...
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLettersTopic);
        // ... and the stream goes on: one bad record must never stop every competition's predictions
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueProcessingExceptionHandler.class);
        // a dead letter or stored fixture is larger than its input: the stream writes, and its changelogs take, records up
        // to Topics.OUTPUT_MAX_MESSAGE_BYTES, so an input near the broker's limit cannot fail a write and stop the stream
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), Topics.OUTPUT_MAX_MESSAGE_BYTES);
        props.put(StreamsConfig.topicPrefix(TopicConfig.MAX_MESSAGE_BYTES_CONFIG), String.valueOf(Topics.OUTPUT_MAX_MESSAGE_BYTES));
        // Kafka Streams raises its producer's linger.ms to 100 ms; with a 100 ms EOS commit interval that holds every
        // record until the commit's flush, which then waits a full round trip (and at-least-once output waits 100 ms
        // for nothing). Kafka's own producer default of 5 ms sends output while the next records are processed. At-least-
        // once output is visible as soon as it is written, so there the linger is latency: 1 ms, at the same CPU per event
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), exactlyOnce ? 5 : 1);
        // no default key/value serdes: every topic and store names its own (see Topics)
        return props;
    }

    /**
     * A producer of fixture and result events (replay, feeds): fixture-id keys, single-object
     * Avro values, and the competition partitioner so each competition stays on one partition.
     */
    public Properties producerProperties() {
        Properties props = connectionProperties();
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AnyEventSerializer.class);
        // the topology reads a competition from one partition only: the default partitioner would spread it
        props.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, CompetitionPartitioner.class);
        // Kafka's default already, stated because a resumed replay relies on it: retries never duplicate or reorder,
        // so after a crash each partition holds a prefix of what was sent (see PublishedEvents)
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return props;
    }

    /** A plain consumer's connection settings (tools that read topics); each caller adds its deserializers. */
    public Properties consumerProperties() {
        return connectionProperties();
    }

    /** An admin client (topic provisioning, health checks). */
    public Properties adminProperties() {
        return connectionProperties();
    }

    /** What every Kafka client needs to reach the cluster: its bootstrap servers and security settings. */
    public Properties connectionProperties() {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, requireBootstrapServers());
        return kafkaSecurity.addTo(props);
    }

    private String requireBootstrapServers() {
        if (embeddedBroker()) {
            throw new IllegalStateException("no Kafka bootstrap servers yet: start the embedded broker and use withKafkaBootstrapServers");
        }
        return kafkaBootstrapServers;
    }

    /** Like the record's own, with every secret masked (passwords, Kafka credentials, a password in the Redis URI): configurations get logged. */
    @Override
    public String toString() {
        return "AppConfig[kafkaBootstrapServers=" + kafkaBootstrapServers + ", kafkaSecurity=" + kafkaSecurity
                + ", embeddedBrokerDir=" + embeddedBrokerDir
                + ", embeddedBrokerPort=" + embeddedBrokerPort + ", applicationId=" + applicationId
                + ", stateDir=" + stateDir + ", stateStoreType=" + stateStoreType + ", topics=" + List.of(fixturesTopic, resultsTopic, predictionsTopic, deadLettersTopic, modelsTopic)
                + ", topicPartitions=" + topicPartitions + ", replicationFactor=" + replicationFactor
                + ", processingGuarantee=" + processingGuarantee + ", numStreamThreads=" + numStreamThreads
                + ", maxTaskIdleMs=" + maxTaskIdleMs + ", resultHoldGraceMs=" + resultHoldGraceMs + ", http=" + httpHost + ":" + httpPort
                + ", advertisedHost=" + advertisedHost + ", httpInternalSecret=" + masked(httpInternalSecret)
                + ", redisUri=" + redisUri.replaceFirst("//[^@/]*@", "//****@")
                + ", redisPassword=" + masked(redisPassword) + ", redisTls=" + redisTls
                + ", cacheTtlSeconds=" + cacheTtlSeconds + ", nearCacheMaxEntries=" + nearCacheMaxEntries
                + ", hotKeyHorizonHours=" + hotKeyHorizonHours
                + ", hotKeyThreshold=" + hotKeyThreshold + ", hotKeyWindowSeconds=" + hotKeyWindowSeconds
                + ", maxBatchSize=" + maxBatchSize + ", maxRequestBodyBytes=" + maxRequestBodyBytes
                + ", betMinEdge=" + betMinEdge + ", kellyFraction=" + kellyFraction + ", maxStake=" + maxStake
                + ", dataDir=" + dataDir + ", modelDir=" + modelDir + ", httpReadTimeoutMs=" + httpReadTimeoutMs
                + ", downloadUrl=" + downloadUrl + ", liveFeed=" + liveFeed + ", corsAllowedOrigins=" + corsAllowedOrigins
                + ", corsAllowCredentials=" + corsAllowCredentials + ", eventStreamClientBuffer=" + eventStreamClientBuffer + "]";
    }

    private static String masked(String secret) {
        return secret == null ? "none" : "****";
    }
}
