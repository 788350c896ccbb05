package com.sabiscore.app;

import static com.sabiscore.match.MatchBuilder.aMatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sabiscore.broker.EmbeddedKafkaBroker;
import com.sabiscore.broker.SelfSignedCertificate;
import com.sabiscore.cache.RedisServerProcess;
import com.sabiscore.config.AppConfig;
import com.sabiscore.deadletters.DeadLetterExport;
import com.sabiscore.deadletters.RawRecord;
import com.sabiscore.deadletters.RawRecordFile;
import com.sabiscore.deadletters.RawRecordPublisher;
import com.sabiscore.events.Prediction;
import com.sabiscore.match.HistoricalMatch;
import com.sabiscore.serde.EventSerdes;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app on a cluster that asks every client to log in over TLS (SASL_SSL with SCRAM, as managed
 * Kafka does) and a Redis that asks for a password: configured only through the pass-through
 * settings, with the secrets in files, it provisions its topics, replays history, publishes
 * predictions and mirrors them, and its dead-letter commands publish and export, while a client
 * without the credentials is refused.
 */
class SecuredClusterTest {

    private static final String USER = "sabiscore";
    private static final String PASSWORD = "kafka-s3cret";
    private static final String REDIS_PASSWORD = "redis-s3cret";
    private static final String TRUSTSTORE_PASSWORD = "truststore-s3cret";
    /** Where the hot-key mirror keeps a fixture's prediction. */
    private static final String MIRROR_KEY_PREFIX = "prediction:";
    private static final List<HistoricalMatch> MATCHES = List.of(
            aMatch().competition("E0").home("Arsenal").away("Chelsea").on("2023-08-12").at("15:00").score(2, 1).build(),
            aMatch().competition("D1").home("Bayern Munich").away("Dortmund").on("2023-08-12").at("17:30").score(1, 1).build(),
            aMatch().competition("E0").home("Chelsea").away("Arsenal").on("2023-08-19").at("15:00").score(0, 0).build());

    @TempDir
    Path dir;

    @Test
    void shouldReplayAndPredictOnAClusterThatAsksEveryClientToLogIn() throws Exception {
        EmbeddedKafkaBroker.Tls tls = SelfSignedCertificate.create(Files.createDirectories(dir.resolve("tls")), TRUSTSTORE_PASSWORD);
        EmbeddedKafkaBroker.SaslListener scram = new EmbeddedKafkaBroker.SaslListener("SCRAM-SHA-256", Map.of(USER, PASSWORD), tls);
        try (RedisServerProcess redis = new RedisServerProcess(null, REDIS_PASSWORD);
             EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0, scram)) {
            redis.start();
            // given the app configured for the SASL-over-TLS listener, as for a managed cluster, its secrets in files
            Path jaas = Files.writeString(dir.resolve("kafka-jaas"), scram.clientJaasConfig(USER, PASSWORD) + "\n");
            Path truststorePassword = Files.writeString(dir.resolve("truststore-password"), TRUSTSTORE_PASSWORD + "\n");
            Path redisPassword = Files.writeString(dir.resolve("redis-password"), REDIS_PASSWORD + "\n");
            Map<String, String> settings = new HashMap<>(Map.of(
                    "kafka.bootstrap.servers", broker.saslBootstrapServers(),
                    "kafka.security.protocol", "SASL_SSL",
                    "kafka.sasl.mechanism", "SCRAM-SHA-256",
                    "kafka.sasl.jaas.config.file", jaas.toString(),
                    "kafka.ssl.truststore.location", tls.truststore().toString(),
                    "kafka.ssl.truststore.type", "PKCS12",
                    "kafka.ssl.truststore.password.file", truststorePassword.toString(),
                    "redis.uri", redis.uri(),
                    "redis.password.file", redisPassword.toString(),
                    "application.id", "secured-" + System.nanoTime()));
            settings.putAll(Map.of(
                    "state.dir", dir.resolve("state").toString(),
                    "topic.partitions", "3",
                    "http.port", "0"));
            AppConfig config = AppConfig.of(settings);
            assertThat(config.toString()).doesNotContain(PASSWORD, REDIS_PASSWORD, TRUSTSTORE_PASSWORD);

            // when it starts, and the history is replayed into the cluster
            try (SabiScoreApp app = SabiScoreApp.start(config)) {
                assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                HistoryReplay.publish(app.config(), MATCHES, Duration.ZERO, HistoryReplay.Mode.RESUME, app.replayProgress(),
                        new PrintStream(out, true, StandardCharsets.UTF_8));

                // then every fixture is predicted on the secured cluster ...
                Set<String> fixtures = MATCHES.stream().map(match -> match.fixture().id().toString()).collect(Collectors.toSet());
                assertThat(predictedFixtures(app.config(), fixtures.size())).containsAll(fixtures);
                // ... and the hot ones (all: each kicks off at its event's time) reach the Redis that asked for a password
                assertThat(mirroredKeys(redis)).containsExactlyInAnyOrderElementsOf(
                        fixtures.stream().map(id -> MIRROR_KEY_PREFIX + id).toList());

                // and the dead-letter commands' clients log in too: a refused record published, then exported
                byte[] undecodable = {0, 0, 0};
                new RawRecordPublisher(app.config().connectionProperties(), Duration.ofSeconds(30)).publish(List.of(new RawRecordFile.Line(1,
                        new RawRecord(config.fixturesTopic(), null, null, null, "E0:2023-08-26:Arsenal:Fulham".getBytes(StandardCharsets.UTF_8),
                                undecodable, null, null))));
                assertThat(exportedDeadLetters(app.config())).singleElement()
                        .satisfies(letter -> assertThat(letter.value()).isEqualTo(undecodable));
            }

            // and a client with a wrong password, or none, is refused
            try (Admin wrong = Admin.create(login(broker, scram, "guess"))) {
                assertThatThrownBy(() -> wrong.listTopics().names().get(30, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(SaslAuthenticationException.class);
            }
            try (Admin anonymous = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.saslBootstrapServers(),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000))) {
                assertThatThrownBy(() -> anonymous.listTopics().names().get(30, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
            }
        }
    }

    private static Map<String, Object> login(EmbeddedKafkaBroker broker, EmbeddedKafkaBroker.SaslListener sasl, String password) {
        Map<String, Object> settings = new HashMap<>(sasl.clientSettings(USER, password));
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.saslBootstrapServers());
        return settings;
    }

    /** The fixture ids of the committed predictions, read with the app's own client settings until {@code expected} are seen. */
    private static Set<String> predictedFixtures(AppConfig config, int expected) {
        Properties props = config.consumerProperties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Set<String> seen = new HashSet<>();
        try (KafkaConsumer<String, Prediction> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                EventSerdes.prediction().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(config.predictionsTopic()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (seen.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> seen.add(record.key()));
            }
        }
        return seen;
    }

    /** The refused records of the dead-letter topic, exported as {@code bin/sabiscore dead-letters export} does, once there is one. */
    private static List<RawRecord> exportedDeadLetters(AppConfig config) throws InterruptedException {
        DeadLetterExport export = new DeadLetterExport(config.connectionProperties(), Duration.ofSeconds(30));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<RawRecord> letters = new ArrayList<>();
        while (letters.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            export.read(config.deadLettersTopic(), new DeadLetterExport.Start.Beginning(), letters::add);
        }
        return letters;
    }

    /** The predictions mirrored into the password-protected Redis, waited for up to 30 s. */
    private static List<String> mirroredKeys(RedisServerProcess redis) throws InterruptedException {
        RedisClient client = RedisClient.create(RedisURI.builder(RedisURI.create(redis.uri())).withPassword(REDIS_PASSWORD.toCharArray()).build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            List<String> keys = connection.sync().keys(MIRROR_KEY_PREFIX + "*");
            while (keys.size() < MATCHES.size() && System.nanoTime() < deadline) {
                Thread.sleep(100);
                keys = connection.sync().keys(MIRROR_KEY_PREFIX + "*");
            }
            return keys;
        } finally {
            client.shutdown();
        }
    }
}
