package com.sabiscore.faults;

import static com.sabiscore.events.FixtureEvents.aFixtureEvent;
import static com.sabiscore.events.ResultEvents.aResultEvent;
import static com.sabiscore.events.ResultEvents.resultOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sabiscore.app.SabiScoreApp;
import com.sabiscore.app.SabiScoreCommandRun;
import com.sabiscore.broker.EmbeddedKafkaBroker;
import com.sabiscore.broker.TopicProvisioner;
import com.sabiscore.config.AppConfig;
import com.sabiscore.data.HistoryLoader;
import com.sabiscore.data.SeasonRange;
import com.sabiscore.data.RealHistory;
import com.sabiscore.deadletters.DeadLetterRecords;
import com.sabiscore.deadletters.RawRecord;
import com.sabiscore.deadletters.RawRecordFile;
import com.sabiscore.events.Fixture;
import com.sabiscore.events.Prediction;
import com.sabiscore.match.HistoricalMatch;
import com.sabiscore.match.MatchTimeline;
import com.sabiscore.partitioning.CompetitionPartitioner;
import com.sabiscore.query.PredictionEvents;
import com.sabiscore.replay.HistoryReplayer;
import com.sabiscore.serde.AnyEventSerializer;
import com.sabiscore.serde.EventSerdes;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault test 6, poison pills: half a season of two leagues is replayed through the real app on a
 * real broker with hostile records mixed in (random bytes, Avro of other schemas, semantically
 * invalid events, a record near the topic's size limit, null keys and values). Every poison
 * record must reach the dead-letter topic with its reason and original bytes, every valid event
 * must be processed exactly as by a clean run of the same valid events, and the dead letters must
 * survive {@code sabiscore dead-letters export} and {@code sabiscore publish} unchanged.
 */
class PoisonPillIT {

    private static final int PARTITIONS = 3;
    private static final Duration PROCESSING_TIMEOUT = Duration.ofMinutes(2);
    /** Long enough for every pending exactly-once commit to land, so nothing more can follow. */
    private static final Duration QUIET = Duration.ofSeconds(2);
    private static final LocalDate WINDOW_END = LocalDate.parse("2023-11-30");
    private static final long SEED = 20L;

    @TempDir
    static Path workDir;

    private static EmbeddedKafkaBroker broker;
    private static AppConfig cleanConfig;
    private static AppConfig poisonedConfig;
    private static SabiScoreApp clean;
    private static SabiScoreApp poisoned;
    /** The window's fixtures and results in timeline order. */
    private static List<MatchTimeline.Event> timeline;
    /**
     * One match per league after the window, fixture then result: a held result waits for a later
     * fixture of its league, and under exactly-once a fixture for a later result, so these release
     * the window's last ones. Their own results stay held, as a feed's last results wait for the
     * next fixture.
     */
    private static List<Fixture> closing;
    private static List<Poison> poison;
    /** Dead-letter and prediction offsets once the replay was processed: what came from the replay lies before them. */
    private static Map<TopicPartition, Long> deadLettersAfterReplay;
    private static Map<TopicPartition, Long> cleanPredictionsAfterReplay;
    private static Map<TopicPartition, Long> poisonedPredictionsAfterReplay;
    private static long startedNanos;

    /** A hostile record and the words its dead letter's reason must contain. */
    record Poison(String what, ProducerRecord<byte[], byte[]> record, String reasonMentions) {
    }

    @BeforeAll
    static void replayWithAndWithoutPoison() throws Exception {
        startedNanos = System.nanoTime();
        broker = EmbeddedKafkaBroker.start(workDir.resolve("kafka"), 0);
        cleanConfig = config("clean");
        poisonedConfig = config("poisoned");
        List<HistoricalMatch> window = HistoryLoader.load(RealHistory.football(), Set.of("E0", "D1"), SeasonRange.parse("2023-24"))
                .stream().filter(m -> m.fixture().kickoff().isBefore(WINDOW_END.atStartOfDay(ZoneOffset.UTC).toInstant())).toList();
        timeline = MatchTimeline.of(window, Duration.ZERO);
        closing = closingFixtures(window, timeline.get(timeline.size() - 1).at().plus(Duration.ofDays(7)));

        // the input is on the broker before the apps start: the stream orders its two input topics by timestamp only for
        // records it knows are there, and the two runs must see the same order to be compared prediction by prediction
        try (Admin admin = Admin.create(cleanConfig.adminProperties())) {
            new TopicProvisioner(admin).provision(cleanConfig);
            new TopicProvisioner(admin).provision(poisonedConfig);
        }
        poison = poisonRecords(maxMessageBytes(poisonedConfig.fixturesTopic()));
        publish(cleanConfig, new ArrayList<>());
        publish(poisonedConfig, poison);

        clean = SabiScoreApp.start(cleanConfig);
        poisoned = SabiScoreApp.start(poisonedConfig);
        assertThat(clean.awaitRunning(Duration.ofSeconds(60))).as("clean app RUNNING").isTrue();
        assertThat(poisoned.awaitRunning(Duration.ofSeconds(60))).as("poisoned app RUNNING").isTrue();
        awaitPredictions(cleanConfig, validFixtureIds());
        awaitPredictions(poisonedConfig, validFixtureIds());
        deadLettersAfterReplay = awaitDeadLetters(poisonedConfig, poison.size());
        cleanPredictionsAfterReplay = endOffsets(cleanConfig, cleanConfig.predictionsTopic());
        poisonedPredictionsAfterReplay = endOffsets(poisonedConfig, poisonedConfig.predictionsTopic());
    }

    @AfterAll
    static void stop() {
        if (poisoned != null) {
            poisoned.close();
        }
        if (clean != null) {
            clean.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldSendEveryPoisonPillToTheDeadLetterTopicWithItsReasonAndOriginalBytes() {
        List<RawRecord> letters = deadLetters(poisonedConfig, beginning(poisonedConfig), deadLettersAfterReplay);

        assertThat(letters).hasSize(poison.size());
        for (Poison pill : poison) {
            assertThat(letters).as(pill.what()).anySatisfy(letter -> {
                assertThat(sameRecord(letter, pill.record())).isTrue();
                assertThat(letter.reason()).containsIgnoringCase(pill.reasonMentions());
                assertThat(letter.errorClass()).isNotBlank();
            });
        }
        report("dead letters: %d poison records published, %d dead letters, each with its original bytes and reason", poison.size(), letters.size());
    }

    @Test
    void shouldProcessEveryValidEventAsACleanRunDoesWhilePoisonIsMixedIn() throws Exception {
        long input = recordCount(poisonedConfig, poisonedConfig.fixturesTopic()) + recordCount(poisonedConfig, poisonedConfig.resultsTopic());
        Map<String, List<Prediction>> expected = predictions(cleanConfig, cleanPredictionsAfterReplay);
        Map<String, List<Prediction>> actual = predictions(poisonedConfig, poisonedPredictionsAfterReplay);
        long fixturesPredicted = actual.size();
        long resultsApplied = resultsApplied(poisoned);
        long validEvents = timeline.size() + 2L * closing.size();
        long closingResultsHeld = closing.size();
        long deadLetters = deadLetters(poisonedConfig, beginning(poisonedConfig), deadLettersAfterReplay).size();

        // input count = valid processed + dead letters, and each term is what was published
        assertThat(input).isEqualTo(validEvents + poison.size());
        assertThat(fixturesPredicted + resultsApplied + closingResultsHeld + deadLetters).isEqualTo(input);
        assertThat(actual.keySet()).isEqualTo(validFixtureIds());
        assertThat(deadLetters).isEqualTo(poison.size());
        // processing never stopped: every prediction and every team's state is the clean run's
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        for (String fixture : expected.keySet()) {
            assertThat(withoutOffsets(actual.get(fixture))).as(fixture).isEqualTo(withoutOffsets(expected.get(fixture)));
        }
        for (String team : teams()) {
            assertThat(teamState(poisoned, team)).as(team).isEqualTo(teamState(clean, team));
        }
        report("counts: input %d = %d fixtures predicted + %d results applied + %d closing results held + %d dead letters;"
                        + " %d fixtures' predictions and %d teams' states equal to the clean run's; %.1f s since the broker started",
                input, fixturesPredicted, resultsApplied, closingResultsHeld, deadLetters, expected.size(), teams().size(),
                (System.nanoTime() - startedNanos) / 1e9);
    }

    @Test
    void shouldKeepEveryDeadLetterThroughExportAndPublish() throws Exception {
        Path file = workDir.resolve("dead-letters.jsonl");
        Map<TopicPartition, Long> beforeRepublish = endOffsets(poisonedConfig, poisonedConfig.deadLettersTopic());

        SabiScoreCommandRun export = sabiscore("dead-letters", "export", "--to", file.toString());
        List<RawRecord> exported = RawRecordFile.read(file, null).stream().map(RawRecordFile.Line::record).toList();
        SabiScoreCommandRun publish = sabiscore("publish", "--file", file.toString());

        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(export.out()).contains("exported " + poison.size() + " dead letters");
        assertThat(exported).hasSize(poison.size());
        assertThat(exported).allSatisfy(line -> assertThat(poison).anySatisfy(pill -> assertThat(sameRecord(line, pill.record())).isTrue()));
        assertThat(publish.exit()).as(publish.err()).isZero();
        assertThat(publish.out()).contains("published " + poison.size() + " records");

        // published again with the competition partitioner, a record refused only for its partition is now where it
        // belongs and is processed; every other one is still poison and comes back with the same bytes and reason
        List<Poison> misplaced = poison.stream().filter(pill -> pill.reasonMentions().equals(WRONG_PARTITION)).toList();
        Map<TopicPartition, Long> end = awaitDeadLetters(poisonedConfig, beforeRepublish, poison.size() - misplaced.size());
        List<RawRecord> again = deadLetters(poisonedConfig, beforeRepublish, end);
        assertThat(again).hasSize(poison.size() - misplaced.size());
        for (RawRecord line : exported) {
            boolean wasMisplaced = misplaced.stream().anyMatch(pill -> sameRecord(line, pill.record()));
            if (!wasMisplaced) {
                assertThat(again).as(line.reason()).anySatisfy(letter -> {
                    assertThat(sameBytes(letter, line)).isTrue();
                    assertThat(letter.partition()).isEqualTo(line.partition());
                    assertThat(letter.reason()).isEqualTo(line.reason());
                });
            }
        }
        String misplacedFixture = misplaced.stream().filter(pill -> pill.record().topic().equals(poisonedConfig.fixturesTopic()))
                .map(pill -> new String(pill.record().key(), StandardCharsets.UTF_8)).findFirst().orElseThrow();
        awaitPredictions(poisonedConfig, Set.of(misplacedFixture));
        await("the misplaced result applied", () -> matchesPlayed(poisoned, "E0/Venom Town") == 1);
        report("round trip: %d dead letters exported, %d published, %d refused again with the same bytes and reason,"
                + " %d placed on their competition's partition and processed", exported.size(), exported.size(), again.size(), misplaced.size());
    }

    // ---- the input

    private static final String WRONG_PARTITION = "but its competition lives on partition";

    private static List<Fixture> closingFixtures(List<HistoricalMatch> window, Instant kickoff) {
        List<Fixture> fixtures = new ArrayList<>();
        for (String league : List.of("E0", "D1")) {
            HistoricalMatch any = window.stream().filter(m -> m.fixture().id().competition().equals(league)).findFirst().orElseThrow();
            fixtures.add(aFixtureEvent().competition(league).home(any.fixture().id().homeTeam())
                    .away(any.fixture().id().awayTeam()).kickoff(kickoff).build());
        }
        return fixtures;
    }

    private static List<Poison> poisonRecords(int maxMessageBytes) {
        Random random = new Random(SEED);
        String fixtures = poisonedConfig.fixturesTopic();
        String results = poisonedConfig.resultsTopic();
        Fixture stranger = aFixtureEvent().home("Poison Rovers").away("Toxic United").kickoff("2023-09-09T14:00:00Z").build();
        Fixture otherStranger = aFixtureEvent().home("Venom Town").away("Hemlock City").kickoff("2023-09-16T14:00:00Z").build();
        byte[] strangerBytes = encode(stranger);
        String strangerId = stranger.getFixtureId();
        int e0 = partitionOf(strangerId);
        int elsewhere = (e0 + 1) % PARTITIONS;
        List<Poison> list = new ArrayList<>();
        list.add(new Poison("random bytes (fixtures)", raw(fixtures, e0, strangerId, randomBytes(random, 200)), "undecodable"));
        list.add(new Poison("random bytes (results)", raw(results, e0, strangerId, randomBytes(random, 64)), "undecodable"));
        list.add(new Poison("Avro of a schema the app does not know", raw(fixtures, e0, strangerId, unknownSchemaRecord()), "undecodable"));
        list.add(new Poison("a Prediction on the fixtures topic",
                raw(fixtures, e0, strangerId, EventSerdes.prediction().serializer().serialize(fixtures, PredictionEvents.aPrediction().build())),
                "com.sabiscore.events.Prediction"));
        list.add(new Poison("a Fixture on the results topic", raw(results, e0, strangerId, strangerBytes), "com.sabiscore.events.Fixture"));
        list.add(new Poison("a truncated fixture", raw(fixtures, e0, strangerId, Arrays.copyOf(strangerBytes, strangerBytes.length / 2)),
                "undecodable"));
        Fixture sameTeams = aFixtureEvent().home("Poison Rovers").away("Poison Rovers").build();
        list.add(new Poison("home == away", raw(fixtures, e0, sameTeams.getFixtureId(), encode(sameTeams)), "home team equals away team"));
        Fixture noKickoff = aFixtureEvent().home("Poison Rovers").away("Venom Town").kickoff((Instant) null).build();
        list.add(new Poison("missing kick-off", raw(fixtures, e0, noKickoff.getFixtureId(), encode(noKickoff)), "missing kickoff"));
        var unknownLeague = aResultEvent().competition("XX").home("Poison Rovers").away("Toxic United").build();
        list.add(new Poison("unknown competition", raw(results, partitionOf(unknownLeague.getFixtureId()), unknownLeague.getFixtureId(),
                encode(unknownLeague)), "unknown competition 'XX'"));
        list.add(new Poison("key not matching the fixture id", raw(fixtures, e0, otherStranger.getFixtureId(), strangerBytes),
                "does not match fixture id"));
        list.add(new Poison("a fixture on the wrong partition", raw(fixtures, elsewhere, otherStranger.getFixtureId(), encode(otherStranger)),
                WRONG_PARTITION));
        var misplacedResult = aResultEvent().home("Venom Town").away("Toxic United").kickoff("2023-09-23T14:00:00Z").score(2, 2).build();
        list.add(new Poison("a result on the wrong partition", raw(results, elsewhere, misplacedResult.getFixtureId(), encode(misplacedResult)),
                WRONG_PARTITION));
        list.add(new Poison("a record close to max.message.bytes (" + maxMessageBytes + ")",
                raw(fixtures, e0, strangerId, randomBytes(random, maxMessageBytes - 200)), "undecodable"));
        list.add(new Poison("a null value", raw(results, e0, strangerId, null), "null value"));
        list.add(new Poison("a null key and a null value", raw(fixtures, elsewhere, null, null), "null value"));
        list.add(new Poison("a null key and random bytes", raw(results, e0, null, randomBytes(random, 32)), "undecodable"));
        return list;
    }

    private static ProducerRecord<byte[], byte[]> raw(String topic, int partition, String key, byte[] value) {
        return new ProducerRecord<>(topic, partition, null, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
    }

    private static byte[] randomBytes(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] encode(SpecificRecord event) {
        return new AnyEventSerializer().serialize("any", event);
    }

    /** A well-formed single-object Avro record of a schema no SabiScore reader knows. */
    private static byte[] unknownSchemaRecord() {
        Schema lineup = SchemaBuilder.record("Lineup").namespace("org.example").fields()
                .requiredString("team").name("players").type().array().items().stringType().noDefault().endRecord();
        GenericRecord record = new GenericData.Record(lineup);
        record.put("team", "Poison Rovers");
        record.put("players", List.of("Keeper", "Striker"));
        try {
            ByteBuffer encoded = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), lineup).encode(record);
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int partitionOf(String key) {
        return new CompetitionPartitioner().partitionFor(key, PARTITIONS);
    }

    /**
     * Publishes the window through the replayer in timeline order, and between chunks of random
     * length the poison records, each stamped with the time of the event before it; then the
     * closing fixtures.
     */
    private static void publish(AppConfig config, List<Poison> pills) throws Exception {
        Random random = new Random(SEED);
        List<Integer> cuts = new ArrayList<>();
        for (int i = 0; i < pills.size(); i++) {
            cuts.add(1 + random.nextInt(timeline.size() - 1));
        }
        cuts.sort(Comparator.naturalOrder());
        Properties rawProps = new Properties();
        rawProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers());
        // the largest poison record is as large as the topic takes, above the producer's own 1 MiB default
        rawProps.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(config.producerProperties());
             KafkaProducer<byte[], byte[]> rawProducer = new KafkaProducer<>(rawProps, new ByteArraySerializer(), new ByteArraySerializer())) {
            HistoryReplayer replayer = new HistoryReplayer(producer, config.fixturesTopic(), config.resultsTopic());
            int from = 0;
            for (int i = 0; i < pills.size(); i++) {
                int to = cuts.get(i);
                replayer.replay(timeline.subList(from, to), 1_000, progress -> { });
                Poison pill = pills.get(i);
                ProducerRecord<byte[], byte[]> record = pill.record();
                ProducerRecord<byte[], byte[]> stamped = new ProducerRecord<>(record.topic(), record.partition(),
                        timeline.get(to - 1).at().toEpochMilli(), record.key(), record.value());
                pills.set(i, new Poison(pill.what(), stamped, pill.reasonMentions()));
                rawProducer.send(stamped).get();
                from = to;
            }
            replayer.replay(timeline.subList(from, timeline.size()), 1_000, progress -> { });
            for (Fixture fixture : closing) {
                producer.send(new ProducerRecord<>(config.fixturesTopic(), null, fixture.getKickoff().toEpochMilli(),
                        fixture.getFixtureId(), fixture)).get();
                producer.send(new ProducerRecord<>(config.resultsTopic(), null, fixture.getKickoff().plus(MatchTimeline.RESULT_DELAY).toEpochMilli(),
                        fixture.getFixtureId(), resultOf(fixture).score(1, 0).build())).get();
            }
        }
    }

    // ---- what came out

    private static Map<String, List<Prediction>> predictions(AppConfig config, Map<TopicPartition, Long> end) {
        Map<String, List<Prediction>> byFixture = new TreeMap<>();
        readAll(config, config.predictionsTopic(), beginning(config, config.predictionsTopic()), end,
                record -> byFixture.computeIfAbsent(record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8), k -> new ArrayList<>())
                        .add(EventSerdes.prediction().deserializer().deserialize(record.topic(), record.value())));
        byFixture.values().forEach(list -> list.sort(Comparator.comparingLong(Prediction::getVersion)));
        return byFixture;
    }

    private static List<Prediction> withoutOffsets(List<Prediction> predictions) {
        // the two runs read different topics at different offsets; everything else must agree
        return predictions.stream().map(p -> Prediction.newBuilder(p).setSourceOffsets(List.of()).build()).toList();
    }

    private static void awaitPredictions(AppConfig config, Set<String> fixtures) throws InterruptedException {
        await("predictions of " + fixtures.size() + " fixtures on " + config.predictionsTopic(),
                () -> predictions(config, endOffsets(config, config.predictionsTopic())).keySet().containsAll(fixtures));
    }

    private static Map<TopicPartition, Long> awaitDeadLetters(AppConfig config, int count) throws InterruptedException {
        return awaitDeadLetters(config, beginning(config), count);
    }

    /** Waits for {@code count} dead letters after {@code from}, then for a quiet spell; the end offsets then. */
    private static Map<TopicPartition, Long> awaitDeadLetters(AppConfig config, Map<TopicPartition, Long> from, int count)
            throws InterruptedException {
        await(count + " dead letters", () -> deadLetters(config, from, endOffsets(config, config.deadLettersTopic())).size() >= count);
        Thread.sleep(QUIET.toMillis());
        return endOffsets(config, config.deadLettersTopic());
    }

    private static List<RawRecord> deadLetters(AppConfig config, Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        List<RawRecord> letters = new ArrayList<>();
        readAll(config, config.deadLettersTopic(), from, to, record -> letters.add(DeadLetterRecords.original(record).orElseThrow()));
        return letters;
    }

    private static Map<TopicPartition, Long> beginning(AppConfig config) {
        return beginning(config, config.deadLettersTopic());
    }

    private static Map<TopicPartition, Long> beginning(AppConfig config, String topic) {
        Map<TopicPartition, Long> zero = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            zero.put(new TopicPartition(topic, p), 0L);
        }
        return zero;
    }

    /** Committed records of {@code topic} between two offset maps, read as a downstream consumer would. */
    private static void readAll(AppConfig config, String topic, Map<TopicPartition, Long> from, Map<TopicPartition, Long> to,
                                Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(config)) {
            for (int p = 0; p < PARTITIONS; p++) {
                TopicPartition partition = new TopicPartition(topic, p);
                consumer.assign(List.of(partition));
                consumer.seek(partition, from.get(partition));
                long end = to.get(partition);
                while (consumer.position(partition) < end) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        if (record.offset() < end) {
                            sink.accept(record);
                        }
                    }
                }
            }
        }
    }

    private static Map<TopicPartition, Long> endOffsets(AppConfig config, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(config)) {
            return consumer.endOffsets(beginning(config, topic).keySet());
        }
    }

    private static long recordCount(AppConfig config, String topic) {
        // the input topics are written without transactions: every offset is a record
        return endOffsets(config, topic).values().stream().mapToLong(Long::longValue).sum();
    }

    private static KafkaConsumer<byte[], byte[]> consumer(AppConfig config) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static int maxMessageBytes(String topic) throws Exception {
        try (Admin admin = Admin.create(poisonedConfig.adminProperties())) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            return Integer.parseInt(config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value());
        }
    }

    /** Results the app applied: every result adds a match to each of its two teams. */
    private static long resultsApplied(SabiScoreApp app) throws Exception {
        long matches = 0;
        for (String team : teams()) {
            matches += matchesPlayed(app, team);
        }
        return matches / 2;
    }

    private static long matchesPlayed(SabiScoreApp app, String competitionAndTeam) {
        try {
            return teamState(app, competitionAndTeam).get("matches_played").asLong();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every team of the window as {@code competition/team}. */
    private static Set<String> teams() {
        return timeline.stream().filter(event -> event.kind() == MatchTimeline.Kind.RESULT)
                .flatMap(event -> Stream.of(
                        event.match().fixture().id().competition() + "/" + event.match().fixture().id().homeTeam(),
                        event.match().fixture().id().competition() + "/" + event.match().fixture().id().awayTeam()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> validFixtureIds() {
        Set<String> ids = timeline.stream().filter(event -> event.kind() == MatchTimeline.Kind.FIXTURE)
                .map(event -> event.match().fixture().id().toString()).collect(Collectors.toCollection(TreeSet::new));
        closing.forEach(fixture -> ids.add(fixture.getFixtureId()));
        return ids;
    }

    private static JsonNode teamState(SabiScoreApp app, String competitionAndTeam) throws Exception {
        String[] parts = competitionAndTeam.split("/", 2);
        String path = "/api/v1/teams/" + parts[0] + "/" + URLEncoder.encode(parts[1], StandardCharsets.UTF_8).replace("+", "%20");
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        // the club's ratings and form, without which instance served them
        return new ObjectMapper().readTree(response.body()).get("team");
    }

    private static boolean sameRecord(RawRecord letter, ProducerRecord<byte[], byte[]> sent) {
        return letter.topic().equals(sent.topic()) && letter.partition() == sent.partition().intValue()
                && Arrays.equals(letter.key(), sent.key()) && Arrays.equals(letter.value(), sent.value())
                && letter.timestamp() != null && letter.timestamp().toEpochMilli() == sent.timestamp();
    }

    private static boolean sameBytes(RawRecord a, RawRecord b) {
        return a.topic().equals(b.topic()) && Arrays.equals(a.key(), b.key()) && Arrays.equals(a.value(), b.value())
                && Objects.equals(a.timestamp(), b.timestamp());
    }

    /** The launcher's command in this JVM, joined to the poisoned app's broker and dead-letter topic. */
    private static SabiScoreCommandRun sabiscore(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--set", "kafka.bootstrap.servers=" + poisonedConfig.kafkaBootstrapServers(),
                "--set", "topic.dead-letters=" + poisonedConfig.deadLettersTopic()));
        return SabiScoreCommandRun.of(all.toArray(String[]::new));
    }

    // ---- set-up

    private static AppConfig config(String name) {
        return AppConfig.of(Map.ofEntries(
                Map.entry("kafka.bootstrap.servers", broker.bootstrapServers()),
                Map.entry("application.id", name + "-app"),
                Map.entry("state.dir", workDir.resolve(name + "-state").toString()),
                Map.entry("topic.fixtures", name + ".fixtures"),
                Map.entry("topic.results", name + ".results"),
                Map.entry("topic.predictions", name + ".predictions"),
                Map.entry("topic.dead-letters", name + ".dead-letters"),
                Map.entry("topic.partitions", Integer.toString(PARTITIONS)),
                Map.entry("num.stream.threads", "1"),
                // held results leave when a later fixture arrives, never by the wall clock: the two runs are compared
                Map.entry("result.hold.grace.ms", "3600000"),
                Map.entry("http.host", "127.0.0.1"),
                Map.entry("http.port", "0"),
                // no Redis answers here: this test is about the stream, and must not touch the machine's shared Redis
                Map.entry("redis.uri", "redis://127.0.0.1:1")));
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + PROCESSING_TIMEOUT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still waiting for " + what + " after " + PROCESSING_TIMEOUT);
            }
            Thread.sleep(250);
        }
    }

    private static void report(String format, Object... args) {
        System.out.printf("PoisonPillIT " + format + "%n", args);
    }
}
