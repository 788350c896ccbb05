package com.sabiscore.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppConfigTest {

    @Test
    void shouldStartFromTheDocumentedDefaults() {
        AppConfig config = AppConfig.defaults();

        assertThat(config.embeddedBroker()).isTrue();
        assertThat(config.embeddedBrokerDir()).isEqualTo(Path.of("./run/kafka"));
        assertThat(config.applicationId()).isEqualTo("sabiscore-streams");
        assertThat(config.stateDir()).isEqualTo(Path.of("./run/state"));
        assertThat(config.fixturesTopic()).isEqualTo("sabiscore.fixtures");
        assertThat(config.resultsTopic()).isEqualTo("sabiscore.results");
        assertThat(config.predictionsTopic()).isEqualTo("sabiscore.predictions");
        assertThat(config.deadLettersTopic()).isEqualTo("sabiscore.dead-letters");
        assertThat(config.topicPartitions()).isEqualTo(6);
        assertThat(config.replicationFactor()).isEqualTo(1);
        assertThat(config.processingGuarantee()).isEqualTo("exactly_once_v2");
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.httpHost()).isEqualTo("127.0.0.1");
        assertThat(config.httpInternalSecret()).isNull();
        assertThat(config.kafkaSecurity().isEmpty()).isTrue();
        assertThat(config.advertisedHost()).isEqualTo("localhost");
        assertThat(config.redisPassword()).isNull();
        assertThat(config.hotKeyThreshold()).isEqualTo(5);
        assertThat(config.kellyFraction()).isEqualTo(0.25);
        assertThat(config.modelDir()).isNull();
    }

    @Test
    void shouldLetOverridesBeatEnvironmentBeatFileBeatDefaults() {
        // given the same setting in every source, and others in fewer
        Properties file = new Properties();
        file.setProperty("topic.partitions", "3");
        file.setProperty("http.port", "9000");
        file.setProperty("application.id", "from-file");
        Map<String, String> env = Map.of(
                "SABISCORE_TOPIC_PARTITIONS", "4",
                "SABISCORE_HTTP_PORT", "9001");
        Map<String, String> overrides = Map.of("topic.partitions", "5");

        // when
        AppConfig config = AppConfig.load(env, file, overrides);

        // then each value comes from the strongest source that has it
        assertThat(config.topicPartitions()).isEqualTo(5);
        assertThat(config.httpPort()).isEqualTo(9001);
        assertThat(config.applicationId()).isEqualTo("from-file");
        assertThat(config.numStreamThreads()).isEqualTo(Math.min(Runtime.getRuntime().availableProcessors(), 5));
    }

    @Test
    void shouldAllowNoOtherOriginUnlessOriginsAreListed() {
        assertThat(AppConfig.defaults().corsAllowedOrigins()).isEmpty();
        assertThat(AppConfig.defaults().corsAllowCredentials()).isFalse();
        assertThat(AppConfig.of(Map.of("http.cors.allowed.origins", "https://fans.example, http://localhost:3000"))
                .corsAllowedOrigins()).containsExactly("https://fans.example", "http://localhost:3000");
        // an origin is scheme, host and port: a path or a wildcard is a mistake
        assertThatThrownBy(() -> AppConfig.of(Map.of("http.cors.allowed.origins", "https://fans.example/page,*")))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .asString().startsWith("http.cors.allowed.origins = 'https://fans.example/page,*' (from override http.cors.allowed.origins): "));
    }

    @Test
    void shouldKeepTheStoresInMemoryUnlessToldToKeepThemInRocksDb() {
        assertThat(AppConfig.of(Map.of()).stateStoreType()).isEqualTo(AppConfig.IN_MEMORY_STORES);
        assertThat(AppConfig.of(Map.of("state.store.type", "rocksdb")).stateStoreType()).isEqualTo(AppConfig.ROCKSDB_STORES);
        assertThatThrownBy(() -> AppConfig.of(Map.of("state.store.type", "redis")))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .asString().startsWith("state.store.type = 'redis' (from override state.store.type): "));
    }

    @Test
    void shouldRunAThreadPerProcessorButNoMoreThanTasksUnlessTold() {
        int processors = Runtime.getRuntime().availableProcessors();

        assertThat(AppConfig.of(Map.of("topic.partitions", "64")).numStreamThreads()).isEqualTo(Math.min(processors, 64));
        assertThat(AppConfig.of(Map.of("topic.partitions", "1")).numStreamThreads()).isEqualTo(1);
        assertThat(AppConfig.of(Map.of("topic.partitions", "1", "num.stream.threads", "3")).numStreamThreads()).isEqualTo(3);
        assertThatThrownBy(() -> AppConfig.of(Map.of("num.stream.threads", "0")))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "num.stream.threads = '0' (from override num.stream.threads): must be a whole number from 1 to 64"));
    }

    @Test
    void shouldReadTheBootstrapServersFromKafkasUsualVariable() {
        AppConfig config = AppConfig.load(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092,kafka-2:9092"), new Properties(), Map.of());

        assertThat(config.embeddedBroker()).isFalse();
        assertThat(config.kafkaBootstrapServers()).isEqualTo("kafka:9092,kafka-2:9092");
    }

    @Test
    void shouldReportEveryBadValueWithItsSource() {
        Properties file = new Properties();
        file.setProperty("http.port", "70000");
        Map<String, String> env = Map.of("SABISCORE_TOPIC_PARTITIONS", "six");

        assertThatThrownBy(() -> AppConfig.load(env, file, Map.of("redis.tls", "yes")))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "topic.partitions = 'six' (from environment SABISCORE_TOPIC_PARTITIONS): must be a whole number from 1 to 10000",
                        "http.port = '70000' (from config file key http.port): must be a whole number from 0 to 65535",
                        "redis.tls = 'yes' (from override redis.tls): must be true or false"));
    }

    @Test
    void shouldRefuseUnknownKeysInTheFileAndOverridesButIgnoreForeignEnvironmentVariables() {
        Properties file = new Properties();
        file.setProperty("kafka.bootstrap.server", "localhost:9092");

        assertThatThrownBy(() -> AppConfig.load(Map.of("SABISCORE_JAVA_OPTS", "-Xmx1g"), file, Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("unknown setting 'kafka.bootstrap.server' in the config file");
    }

    @Test
    void shouldRefuseValuesThatMakeNoSense() {
        assertThatThrownBy(() -> AppConfig.of(Map.of("topic.results", "sabiscore.fixtures")))
                .hasMessageContaining("must be five different topics");
        assertThatThrownBy(() -> AppConfig.of(Map.of("topic.models", "sabiscore.predictions")))
                .hasMessageContaining("must be five different topics");
        assertThatThrownBy(() -> AppConfig.of(Map.of("kafka.bootstrap.servers", "localhost")))
                .hasMessageContaining("host:port");
        assertThatThrownBy(() -> AppConfig.of(Map.of("processing.guarantee", "exactly_once")))
                .hasMessageContaining("exactly_once_v2, at_least_once");
        assertThatThrownBy(() -> AppConfig.of(Map.of("redis.uri", "http://cache:6379")))
                .hasMessageContaining("redis://");
        assertThatThrownBy(() -> AppConfig.of(Map.of("bet.max.stake", "1.5")))
                .hasMessageContaining("bet.max.stake");
        assertThatThrownBy(() -> AppConfig.of(Map.of("application.id", "sabi score")))
                .hasMessageContaining("letters, digits");
        assertThatThrownBy(() -> AppConfig.of(Map.of("advertised.host", "app-1:8080")))
                .hasMessageContaining("without a port");
        assertThatThrownBy(() -> AppConfig.of(Map.of("download.url", "ftp://mirror")))
                .hasMessageContaining("download.url = 'ftp://mirror' (from override download.url): must be an http:// or https:// URL");
    }

    @Test
    void shouldDownloadFromFootballDataUnlessAMirrorIsNamed() {
        assertThat(AppConfig.defaults().downloadUrl()).hasToString("https://www.football-data.co.uk");
        assertThat(AppConfig.load(Map.of("SABISCORE_DOWNLOAD_URL", "http://127.0.0.1:8000"), new Properties(), Map.of()).downloadUrl())
                .hasToString("http://127.0.0.1:8000");
    }

    @Test
    void shouldReadAConfigFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sabiscore.properties");
        Files.writeString(file, "kafka.bootstrap.servers = broker:9092\nredis.password = s3cret\n");

        AppConfig config = AppConfig.load(Map.of(), AppConfig.readFile(file), Map.of());

        assertThat(config.kafkaBootstrapServers()).isEqualTo("broker:9092");
        assertThat(config.redisPassword()).isEqualTo("s3cret");
        assertThat(config.toString()).doesNotContain("s3cret");
        assertThatThrownBy(() -> AppConfig.readFile(dir.resolve("missing.properties")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void shouldBuildStreamsPropertiesThatKafkaStreamsAccepts() {
        AppConfig config = AppConfig.of(Map.of("advertised.host", "app-1", "http.port", "8081"))
                .withKafkaBootstrapServers("localhost:9092");

        Properties props = config.streamsProperties();
        StreamsConfig streamsConfig = new StreamsConfig(props);

        assertThat(streamsConfig.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
        assertThat(streamsConfig.getString(StreamsConfig.APPLICATION_SERVER_CONFIG)).isEqualTo("app-1:8081");
        assertThat(streamsConfig.getLong(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)).isEqualTo(500L);
        assertThat(streamsConfig.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(50L);
        assertThat(streamsConfig.getString(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG)).isEqualTo("sabiscore.dead-letters");
        assertThat(streamsConfig.getClass(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG))
                .isEqualTo(LogAndContinueExceptionHandler.class);
        assertThat(streamsConfig.getClass(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG))
                .isEqualTo(LogAndContinueProcessingExceptionHandler.class);
        assertThat(props).doesNotContainKeys(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG);
        assertThat(streamsConfig.getProducerConfigs("client")).containsEntry(ProducerConfig.LINGER_MS_CONFIG, 5);
        assertThat(streamsConfig.getMainConsumerConfigs("group", "client", 0)).containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        assertThat(streamsConfig.originalsWithPrefix(StreamsConfig.TOPIC_PREFIX))
                .containsEntry(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime")
                .doesNotContainKey(TopicConfig.SEGMENT_MS_CONFIG);
    }

    @Test
    void shouldNameTheStaticGroupMemberByItsAddressInCharactersKafkaAccepts() {
        AppConfig config = AppConfig.of(Map.of("advertised.host", "app-1.example", "http.port", "8081"))
                .withKafkaBootstrapServers("localhost:9092");

        Map<String, Object> consumer = new StreamsConfig(config.streamsProperties()).getMainConsumerConfigs("group", "client", 0);

        String id = (String) consumer.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        assertThat(id).startsWith("sabiscore-streams-app-1.example-8081");
        org.apache.kafka.common.requests.JoinGroupRequest.validateGroupInstanceId(id);
    }

    @Test
    void shouldCommitEverySecondUnderAtLeastOnce() {
        AppConfig config = AppConfig.of(Map.of("processing.guarantee", "at_least_once"))
                .withKafkaBootstrapServers("localhost:9092");

        StreamsConfig streamsConfig = new StreamsConfig(config.streamsProperties());

        // output is visible at once without transactions; a commit flushes the record caches, so small and often
        assertThat(streamsConfig.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(1_000L);
        // and what the producer holds back is latency
        assertThat(streamsConfig.getProducerConfigs("client")).containsEntry(ProducerConfig.LINGER_MS_CONFIG, 1);
    }

    @Test
    void shouldWaitForTheQuieterInputTopicUnderExactlyOnceOnlyUnlessTold() {
        long exactlyOnce = idleMs(Map.of());
        long atLeastOnce = idleMs(Map.of("processing.guarantee", "at_least_once"));
        long atLeastOnceTold = idleMs(Map.of("processing.guarantee", "at_least_once", "max.task.idle.ms", "250"));
        long exactlyOnceTold = idleMs(Map.of("max.task.idle.ms", "0"));

        assertThat(List.of(exactlyOnce, atLeastOnce, atLeastOnceTold, exactlyOnceTold)).containsExactly(500L, 0L, 250L, 0L);
        assertThatThrownBy(() -> AppConfig.of(Map.of("processing.guarantee", "at_least_once", "max.task.idle.ms", "soon")))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "max.task.idle.ms = 'soon' (from override max.task.idle.ms): must be a whole number from 0 to 60000"));
    }

    private static long idleMs(Map<String, String> settings) {
        AppConfig config = AppConfig.of(settings).withKafkaBootstrapServers("localhost:9092");
        return new StreamsConfig(config.streamsProperties()).getLong(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG);
    }

    @Test
    void shouldWriteThroughTheStoresUnderAtLeastOnceAndCacheThemUnderExactlyOnce() {
        AppConfig atLeastOnce = AppConfig.of(Map.of("processing.guarantee", "at_least_once")).withKafkaBootstrapServers("localhost:9092");
        AppConfig exactlyOnce = AppConfig.of(Map.of()).withKafkaBootstrapServers("localhost:9092");

        // a cache would only move at-least-once writes into the commit, where they stall the stream thread
        assertThat(new StreamsConfig(atLeastOnce.streamsProperties()).getLong(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG))
                .isZero();
        // under exactly-once it folds a commit interval's writes of a key into one changelog record
        assertThat(new StreamsConfig(exactlyOnce.streamsProperties()).getLong(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG))
                .isEqualTo(10L * 1024 * 1024);
    }

    @Test
    void shouldRefuseClientPropertiesUntilTheEmbeddedBrokerIsKnown() {
        assertThatThrownBy(() -> AppConfig.defaults().streamsProperties())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("embedded broker");
    }

    @Test
    void shouldFollowTheFiveLeaguesEveryTenMinutesOnlyWhenTheLiveFeedIsAskedFor() {
        assertThat(AppConfig.defaults().liveFeed())
                .isEqualTo(new LiveFeedSettings(false, Duration.ofMinutes(10), List.of("E0", "D1", "I1", "SP1", "F1")));

        AppConfig live = AppConfig.of(Map.of("feed.live", "true", "feed.poll.interval", "PT2M", "feed.divisions", "E0, SP1"));

        assertThat(live.liveFeed()).isEqualTo(new LiveFeedSettings(true, Duration.ofMinutes(2), List.of("E0", "SP1")));
    }

    @Test
    void shouldRefuseAPollIntervalThatIsNoDurationAndADivisionWithoutModels() {
        assertThatThrownBy(() -> AppConfig.of(Map.of("feed.poll.interval", "10 minutes", "feed.divisions", "E0,E1")))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "feed.poll.interval = '10 minutes' (from override feed.poll.interval): must be a positive ISO-8601 duration such as PT10M or PT30S",
                        "feed.divisions = 'E0,E1' (from override feed.divisions): must be league codes SabiScore knows, comma-separated: E0,D1,I1,SP1,F1"));
    }

    @Test
    void shouldServeThisMachineOnlyWithTheEmbeddedBrokerAndEveryAddressOnAClusterUnlessTold() {
        assertThat(AppConfig.of(Map.of()).httpHost()).isEqualTo("127.0.0.1");
        assertThat(AppConfig.of(Map.of("kafka.bootstrap.servers", "kafka:9092")).httpHost()).isEqualTo("0.0.0.0");
        assertThat(AppConfig.of(Map.of("http.host", "0.0.0.0")).httpHost()).isEqualTo("0.0.0.0");
        assertThat(AppConfig.of(Map.of("kafka.bootstrap.servers", "kafka:9092", "http.host", "10.0.0.5")).httpHost())
                .isEqualTo("10.0.0.5");
        // the embedded broker found later does not open the API to every address
        assertThat(AppConfig.of(Map.of()).withKafkaBootstrapServers("127.0.0.1:9092").httpHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void shouldGiveEveryKafkaClientTheSecuritySettingsOfEverySource() {
        // given security settings in the file, the environment (Kafka's KAFKA_* names) and the overrides
        Properties file = new Properties();
        file.setProperty("kafka.ssl.truststore.location", "/etc/kafka/truststore.p12");
        file.setProperty("kafka.sasl.mechanism", "PLAIN");
        Map<String, String> env = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "broker-1:9093",
                "KAFKA_SASL_JAAS_CONFIG", JAAS,
                "KAFKA_HEAP_OPTS", "-Xmx1g");
        Map<String, String> overrides = Map.of("kafka.security.protocol", "SASL_SSL", "kafka.sasl.mechanism", "SCRAM-SHA-512");

        // when
        AppConfig config = AppConfig.load(env, file, overrides);

        // then streams, producers, consumers and admin clients all carry them, the strongest source winning
        Map<String, String> expected = Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", JAAS,
                "ssl.truststore.location", "/etc/kafka/truststore.p12");
        for (Properties client : List.of(config.streamsProperties(), config.producerProperties(), config.consumerProperties(),
                config.adminProperties(), config.connectionProperties())) {
            assertThat(client).containsAllEntriesOf(expected).containsEntry("bootstrap.servers", "broker-1:9093");
        }
        // and the password is never shown
        assertThat(config.toString()).contains("security.protocol=SASL_SSL", "sasl.jaas.config=****").doesNotContain("s3cret");
    }

    @Test
    void shouldReadSecretsFromTheFilesTheirFileKeysName(@TempDir Path dir) throws Exception {
        // given secrets in files, each ending in a line break as editors and secret stores write them
        Path jaas = Files.writeString(dir.resolve("kafka-jaas"), JAAS + "\n");
        Path redisPassword = Files.writeString(dir.resolve("redis-password"), "redis-s3cret\n");
        Path internal = Files.writeString(dir.resolve("internal-secret"), "between-instances\r\n");
        Map<String, String> env = Map.of("KAFKA_SASL_JAAS_CONFIG_FILE", jaas.toString(),
                "SABISCORE_REDIS_PASSWORD_FILE", redisPassword.toString());
        Map<String, String> overrides = Map.of(
                "kafka.bootstrap.servers", "broker-1:9093",
                "kafka.security.protocol", "SASL_SSL",
                "http.internal.secret.file", internal.toString(),
                // Kafka's own setting of that name: a path handed to the client, not a file to read here
                "kafka.sasl.oauthbearer.assertion.file", "/run/secrets/assertion.jwt");

        // when
        AppConfig config = AppConfig.load(env, new Properties(), overrides);

        // then each value is the file's content without its line break
        assertThat(config.connectionProperties())
                .containsEntry("sasl.jaas.config", JAAS)
                .containsEntry("sasl.oauthbearer.assertion.file", "/run/secrets/assertion.jwt");
        assertThat(config.redisPassword()).isEqualTo("redis-s3cret");
        assertThat(config.httpInternalSecret()).isEqualTo("between-instances");
        assertThat(config.toString()).doesNotContain("s3cret", "between-instances");
    }

    @Test
    void shouldLetAStrongerSourceGiveASecretEitherWay(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("redis-password"), "from-file");

        assertThat(AppConfig.load(Map.of("SABISCORE_REDIS_PASSWORD_FILE", file.toString()), new Properties(),
                Map.of("redis.password", "from-override")).redisPassword()).isEqualTo("from-override");
        assertThat(AppConfig.load(Map.of("SABISCORE_REDIS_PASSWORD", "from-env"), new Properties(),
                Map.of("redis.password.file", file.toString())).redisPassword()).isEqualTo("from-file");
    }

    @Test
    void shouldRefuseSecuritySettingsKafkaDoesNotKnowOrCannotUseWithoutShowingASecret(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        Map<String, String> cluster = Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker-1:9093");

        assertThatThrownBy(() -> AppConfig.load(cluster, new Properties(), Map.of("kafka.sasl.mechansim", "PLAIN")))
                .hasMessageContaining("unknown setting 'kafka.sasl.mechansim'");
        assertThatThrownBy(() -> AppConfig.load(Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker-1:9093", "KAFKA_SSL_TRUSTSTORE_PASWORD", "x"),
                new Properties(), Map.of()))
                .hasMessageContaining("unknown setting 'kafka.ssl.truststore.pasword'");
        assertThatThrownBy(() -> AppConfig.load(cluster, new Properties(), Map.of("kafka.security.protocol", "SASL_TLS")))
                .hasMessageContaining("security.protocol");
        assertThatThrownBy(() -> AppConfig.load(cluster, new Properties(), Map.of(
                "kafka.ssl.keystore.password", "s3cret", "kafka.ssl.keystore.password.file", empty.toString())))
                .hasMessageContaining("kafka.ssl.keystore.password and kafka.ssl.keystore.password.file are both set")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> AppConfig.load(cluster, new Properties(), Map.of("redis.password.file", empty.toString())))
                .hasMessageContaining("redis.password: the file " + empty + " (from override redis.password.file) is empty");
        assertThatThrownBy(() -> AppConfig.load(cluster, new Properties(), Map.of("http.internal.secret.file", dir.resolve("missing").toString())))
                .hasMessageContaining("http.internal.secret: cannot read the file " + dir.resolve("missing"));
        // the embedded broker has no SASL or TLS listener for them
        assertThatThrownBy(() -> AppConfig.of(Map.of("kafka.security.protocol", "SASL_SSL")))
                .hasMessageContaining("set kafka.bootstrap.servers");
    }

    @Test
    void shouldHideAPasswordInTheRedisUri() {
        AppConfig config = AppConfig.of(Map.of("redis.uri", "rediss://default:s3cret@cache.example:6380/0"));

        assertThat(config.toString()).contains("redisUri=rediss://****@cache.example:6380/0").doesNotContain("s3cret");
    }

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"sabiscore\" password=\"s3cret\";";
}
