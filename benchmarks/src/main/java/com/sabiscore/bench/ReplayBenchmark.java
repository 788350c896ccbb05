package com.sabiscore.bench;

import com.sabiscore.broker.EmbeddedKafkaBroker;
import com.sabiscore.broker.TopicProvisioner;
import com.sabiscore.config.AppConfig;
import com.sabiscore.data.download.DataFolders;
import com.sabiscore.data.HistoryLoader;
import com.sabiscore.events.mapping.EventMapper;
import com.sabiscore.match.MatchTimeline;
import com.sabiscore.prediction.FixturePredictor;
import com.sabiscore.streams.PipelineObserver;
import com.sabiscore.streams.PredictionTopology;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Streaming replay benchmark: the football-data history through a real broker and the
 * prediction topology, measuring events/s and event→prediction latency as a downstream
 * {@code read_committed} consumer sees it. By default everything runs in this JVM (broker, stream,
 * producer, consumer); with {@code --bootstrap-servers} the broker is another process, as in
 * production. On a small machine they compete for the same cores either way; {@code
 * docs/benchmarks.md} says which set-up each figure comes from.
 *
 * <p>Run through {@code bench/replay-throughput.sh}, e.g.
 * <pre>
 *   bench/replay-throughput.sh                                   # whole history, as fast as possible, EOS
 *   bench/replay-throughput.sh --rate 1000 --events 30000 --guarantee at_least_once
 * </pre>
 * Options: {@code --rate N} events/s (0 = unpaced), {@code --events N} first N events of the
 * timeline (0 = all), {@code --warm-up N} first N fixtures left out of the latency histogram
 * (default 0), {@code --burst N} first N events sent unpaced before the paced rest, whose
 * latency and CPU alone are reported (the JIT compiles under full load, as in a long-running app,
 * instead of during the measured minute), {@code --guarantee exactly_once_v2|at_least_once}, {@code --fixture-lead
 * ISO-8601} (as {@code sabiscore run}), {@code --set key=value} any app setting,
 * {@code --streams key=value} / {@code --producer key=value} / {@code --consumer key=value} raw client
 * properties on top (the stream's, the replay producer's, the prediction watcher's),
 * {@code --bootstrap-servers HOST:PORT} a broker already running (e.g. {@code sabiscore broker} in
 * its own process, fresh for the run) instead of one in this JVM, {@code --broker-pid PID} that
 * broker's process, whose CPU is then reported with this JVM's, and {@code --timestamps
 * kickoff|send}: the measured events (after the burst) stamped with their kick-off times, as a
 * replay of history stamps them (the default), or with their send times, as a live feed's are. A
 * replay at 1,000 events/s puts years of event time through every partition in a minute, so its
 * topics roll a segment per partition and replayed year; a live feed's roll once per {@code
 * Topics.SEGMENT_MS}. {@code --rounds N} runs the whole benchmark N times in this JVM, each round
 * with a new embedded broker, topics and application state: the rounds after the first run on
 * JIT-compiled code, as a long-running instance does, instead of compiling it during the run.
 */
public final class ReplayBenchmark {

    private static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(120);
    /** After the last send: how long without a new prediction before the run is declared over. */
    private static final Duration QUIET_AFTER_LAST_SEND = Duration.ofSeconds(20);
    private static final int PROGRESS_EVERY = 10_000;
    private static final Duration PROGRESS_AFTER_SENDS = Duration.ofSeconds(5);

    private ReplayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkOptions options = BenchmarkOptions.parse(args);
        List<MatchTimeline.Event> events = timeline(options);
        long fixtures = fixtures(events);
        List<MatchTimeline.Event> burst = events.subList(0, Math.min(options.burst(), events.size()));
        List<MatchTimeline.Event> measured = events.subList(burst.size(), events.size());
        long burstFixtures = fixtures(burst);
        System.out.printf("replay benchmark: %,d events (%,d fixtures; the first %,d events unpaced), rate %s, guarantee %s, latency of the first %,d fixtures not recorded, measured events stamped with their %s times%n",
                events.size(), fixtures, burst.size(), options.rate() == 0 ? "unpaced" : options.rate() + " events/s", options.guarantee(),
                burstFixtures + options.warmUpFixtures(), options.sendTimestamps() ? "send" : "kick-off");
        StringBuilder rounds = new StringBuilder();
        for (int round = 1; round <= options.rounds(); round++) {
            if (options.rounds() > 1) {
                System.out.printf("==== round %d of %d: a fresh broker and application, this JVM's JIT-compiled code kept%n", round, options.rounds());
            }
            double eventsPerSecond = runRound(options, events, burst, measured, fixtures, burstFixtures);
            rounds.append(String.format(" %,.0f", eventsPerSecond));
        }
        if (options.rounds() > 1) {
            System.out.println("==== throughput by round (events/s):" + rounds);
        }
    }

    /**
     * One replay from scratch: a new broker (or the given one), new topics, new state.
     *
     * @return the round's throughput, events/s
     */
    private static double runRound(BenchmarkOptions options, List<MatchTimeline.Event> events, List<MatchTimeline.Event> burst,
                                 List<MatchTimeline.Event> measured, long fixtures, long burstFixtures) throws Exception {
        Path workDir = Files.createTempDirectory("replay-bench");
        try (EmbeddedKafkaBroker broker = options.bootstrapServers() == null
                     ? EmbeddedKafkaBroker.start(workDir.resolve("kafka"), 0) : null;
             FixturePredictor predictor = FixturePredictor.withDefaults()) {
            AppConfig config = config(options, broker == null ? options.bootstrapServers() : broker.bootstrapServers(), workDir);
            try (Admin admin = Admin.create(config.adminProperties())) {
                new TopicProvisioner(admin).provision(config);
            }
            Properties streamsProps = config.streamsProperties();
            streamsProps.putAll(options.streamsOverrides());
            System.out.println("app overrides: " + options.settings() + ", streams overrides: " + options.streamsOverrides()
                    + ", producer overrides: " + options.producerOverrides() + ", consumer overrides: " + options.consumerOverrides());

            OrderingCounts ordering = new OrderingCounts();
            try (CommittedPredictionWatcher watcher = new CommittedPredictionWatcher(
                         config.kafkaBootstrapServers(), config.predictionsTopic(), config.topicPartitions(), fixtures, burstFixtures + options.warmUpFixtures(),
                         options.consumerOverrides());
                 KafkaStreams streams = new KafkaStreams(
                         PredictionTopology.build(config, predictor, ordering.andThen(watcher.emissions())), streamsProps)) {
                awaitRunning(streams);
                StreamMetricsReport metrics = new StreamMetricsReport(streams);
                CpuTimeReport cpu = new CpuTimeReport(options.brokerPid());
                Thread watching = new Thread(watcher, "prediction-watcher");
                watching.start();
                if (!burst.isEmpty()) {
                    long burstStart = System.nanoTime();
                    send(burst, 0, false, config, options, watcher, metrics);
                    watcher.awaitFixtures(burstFixtures);
                    System.out.printf("burst: %,d events unpaced, all %,d fixtures predicted after %.1f s; measuring the rest%n",
                            burst.size(), burstFixtures, (System.nanoTime() - burstStart) / 1e9);
                }
                cpu.start();
                long firstSend = System.nanoTime();
                long lastSend = send(measured, options.rate(), options.sendTimestamps(), config, options, watcher, metrics);
                System.out.printf("published %,d events in %.1f s (%,.0f events/s offered)%n",
                        measured.size(), (lastSend - firstSend) / 1e9, measured.size() * 1e9 / (lastSend - firstSend));
                watcher.awaitDone(QUIET_AFTER_LAST_SEND);
                while (watching.isAlive()) {
                    watching.join(PROGRESS_AFTER_SENDS.toMillis());
                    System.out.printf("  %.0f s: stream processed %,d, predictions seen for %,d fixtures%n",
                            (System.nanoTime() - firstSend) / 1e9, metrics.processed(), watcher.fixturesPredicted());
                }
                String cpuUsed = cpu.stop(measured.size());
                double eventsPerSecond = report(measured.size(), fixtures - burstFixtures, fixtures, firstSend, watcher);
                System.out.println(ordering.summary());
                System.out.println(cpuUsed);
                // Kafka's client metrics are totals since start, burst included
                System.out.println(metrics.summary());
                try (Admin admin = Admin.create(config.adminProperties())) {
                    System.out.println(TopicOffsetsReport.of(admin, events.size()));
                }
                return eventsPerSecond;
            }
        } finally {
            deleteRecursively(workDir);
        }
    }

    /** The broker's logs and the state stores of a run are of no use afterwards. */
    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static long fixtures(List<MatchTimeline.Event> events) {
        return events.stream().filter(e -> e.kind() == MatchTimeline.Kind.FIXTURE).count();
    }

    private static List<MatchTimeline.Event> timeline(BenchmarkOptions options) throws Exception {
        Path data = options.dataDir() != null ? options.dataDir()
                : DataFolders.fromEnvironment(new PrintWriter(System.err, true, StandardCharsets.UTF_8)).football(null);
        List<MatchTimeline.Event> all = MatchTimeline.of(HistoryLoader.load(data), options.fixtureLead());
        return options.events() == 0 || options.events() >= all.size() ? all : all.subList(0, options.events());
    }

    private static AppConfig config(BenchmarkOptions options, String bootstrapServers, Path workDir) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("kafka.bootstrap.servers", bootstrapServers);
        settings.put("state.dir", workDir.resolve("state").toString());
        settings.put("processing.guarantee", options.guarantee());
        settings.put("http.port", "0");
        settings.putAll(options.settings());
        return AppConfig.of(settings);
    }

    private static void awaitRunning(KafkaStreams streams) throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.start();
        if (!running.await(RUNNING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("Kafka Streams not RUNNING after " + RUNNING_TIMEOUT);
        }
    }

    /**
     * Publishes the events as {@code HistoryReplayer} does (same topics, keys, timestamps and
     * producer settings), noting each fixture's send time for the latency histogram and, when
     * paced, holding each send until its slot ({@code start + i / rate}). With {@code sendTimestamps}
     * the producer stamps each record with its send time instead of the event's kick-off, as a live
     * feed's records are stamped.
     *
     * @return {@link System#nanoTime()} after the final flush
     */
    private static long send(List<MatchTimeline.Event> events, int rate, boolean sendTimestamps, AppConfig config, BenchmarkOptions options,
                             CommittedPredictionWatcher watcher, StreamMetricsReport metrics) {
        Properties producerProps = config.producerProperties();
        producerProps.putAll(options.producerOverrides());
        long intervalNanos = rate == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / rate;
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(producerProps)) {
            long start = System.nanoTime();
            for (int i = 0; i < events.size(); i++) {
                if (intervalNanos > 0) {
                    long slot = start + i * intervalNanos;
                    for (long wait = slot - System.nanoTime(); wait > 0; wait = slot - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                }
                MatchTimeline.Event event = events.get(i);
                String fixtureId = event.match().fixture().id().toString();
                Long timestamp = sendTimestamps ? null : event.at().toEpochMilli();
                ProducerRecord<String, SpecificRecord> record;
                if (event.kind() == MatchTimeline.Kind.FIXTURE) {
                    record = new ProducerRecord<>(config.fixturesTopic(), null, timestamp, fixtureId, EventMapper.toEvent(event.match().fixture()));
                    watcher.sending(fixtureId);
                } else {
                    record = new ProducerRecord<>(config.resultsTopic(), null, timestamp, fixtureId, EventMapper.toEvent(event.match().result()));
                }
                producer.send(record, (metadata, e) -> {
                    if (e != null) {
                        throw new IllegalStateException("benchmark send failed: " + e.getMessage(), e);
                    }
                });
                if ((i + 1) % PROGRESS_EVERY == 0) {
                    System.out.printf("  sent %,d / %,d, stream processed %,d, predictions seen for %,d fixtures%n",
                            i + 1, events.size(), metrics.processed(), watcher.fixturesPredicted());
                }
            }
            producer.flush();
            long flushed = System.nanoTime();
            System.out.println(StreamMetricsReport.producerSummary("replay producer metrics:", producer.metrics()));
            return flushed;
        }
    }

    /**
     * {@code events} and {@code fixtures} are the measured ones (after any burst), {@code allFixtures} the run's.
     *
     * @return the throughput, events/s
     */
    private static double report(int events, long fixtures, long allFixtures, long firstSend, CommittedPredictionWatcher watcher) {
        double seconds = (watcher.lastNewFixtureNanos() - firstSend) / 1e9;
        System.out.println("---- result ----");
        System.out.printf("fixtures predicted: %,d of %,d (predictions read: %,d)%n",
                watcher.fixturesPredicted(), allFixtures, watcher.predictionsRead());
        System.out.printf("throughput: %,d events in %.2f s = %,.0f events/s (first send -> last first-prediction committed)%n",
                events, seconds, events / seconds);
        if (watcher.warmUpFixtures() > 0 && watcher.warmUpDoneNanos() > 0) {
            // past the start-up (task initialisation, first transactions, JIT): the pipeline's steady rate
            double eventsPerFixture = (double) events / fixtures;
            long steadyFixtures = watcher.fixturesPredicted() - watcher.warmUpFixtures();
            double steadySeconds = (watcher.lastNewFixtureNanos() - watcher.warmUpDoneNanos()) / 1e9;
            System.out.printf("after the first %,d fixtures: %,d fixtures in %.2f s = %,.0f events/s (%.1f events per fixture)%n",
                    watcher.warmUpFixtures(), steadyFixtures, steadySeconds, steadyFixtures * eventsPerFixture / steadySeconds, eventsPerFixture);
        }
        System.out.println(watcher.versionSummary());
        System.out.println(watcher.latencySummary());
        return events / seconds;
    }

    /** What the processor did with events that arrived out of timeline order (written by the stream thread). */
    private static final class OrderingCounts implements PipelineObserver {
        private final LongAdder alreadyPlayed = new LongAdder();
        private final LongAdder duplicateResults = new LongAdder();
        private final LongAdder releasedAfterGrace = new LongAdder();

        @Override
        public void fixtureIgnored(String fixtureId, String why) {
            alreadyPlayed.increment();
        }

        @Override
        public void resultIgnored(String fixtureId, String why) {
            duplicateResults.increment();
        }

        @Override
        public void resultReleasedAfterGrace(String fixtureId) {
            releasedAfterGrace.increment();
        }

        String summary() {
            return String.format("fixtures skipped as already played: %,d; duplicate results ignored: %,d; results applied after the hold grace: %,d",
                    alreadyPlayed.sum(), duplicateResults.sum(), releasedAfterGrace.sum());
        }
    }

    /** Command-line options; see the class comment. */
    record BenchmarkOptions(int rate, int events, int burst, long warmUpFixtures, String guarantee, Duration fixtureLead, Path dataDir,
                            Map<String, String> settings, Map<String, String> streamsOverrides, Map<String, String> producerOverrides,
                            Map<String, String> consumerOverrides, String bootstrapServers, OptionalLong brokerPid, boolean sendTimestamps,
                            int rounds) {

        static BenchmarkOptions parse(String[] args) {
            int rate = 0;
            int events = 0;
            int burst = 0;
            long warmUp = 0;
            String guarantee = "exactly_once_v2";
            Duration fixtureLead = Duration.ZERO;
            Path dataDir = null;
            String bootstrapServers = null;
            OptionalLong brokerPid = OptionalLong.empty();
            boolean sendTimestamps = false;
            int rounds = 1;
            Map<String, String> settings = new LinkedHashMap<>();
            Map<String, String> streams = new LinkedHashMap<>();
            Map<String, String> producer = new LinkedHashMap<>();
            Map<String, String> consumer = new LinkedHashMap<>();
            List<String> rest = new ArrayList<>(List.of(args));
            while (!rest.isEmpty()) {
                String flag = rest.remove(0);
                if (rest.isEmpty()) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                String value = rest.remove(0);
                switch (flag) {
                    case "--rate" -> rate = Integer.parseInt(value);
                    case "--events" -> events = Integer.parseInt(value);
                    case "--burst" -> burst = Integer.parseInt(value);
                    case "--warm-up" -> warmUp = Long.parseLong(value);
                    case "--guarantee" -> guarantee = value;
                    case "--fixture-lead" -> fixtureLead = Duration.parse(value);
                    case "--data" -> dataDir = Path.of(value);
                    case "--set" -> putKeyValue(settings, value);
                    case "--streams" -> putKeyValue(streams, value);
                    case "--producer" -> putKeyValue(producer, value);
                    case "--consumer" -> putKeyValue(consumer, value);
                    case "--bootstrap-servers" -> bootstrapServers = value;
                    case "--broker-pid" -> brokerPid = OptionalLong.of(Long.parseLong(value));
                    case "--rounds" -> rounds = Integer.parseInt(value);
                    case "--timestamps" -> sendTimestamps = switch (value) {
                        case "kickoff" -> false;
                        case "send" -> true;
                        default -> throw new IllegalArgumentException("--timestamps takes kickoff or send, got " + value);
                    };
                    default -> throw new IllegalArgumentException("unknown option " + flag
                            + " (--rate, --events, --burst, --warm-up, --guarantee, --fixture-lead, --data, --set, --streams, --producer, --consumer,"
                            + " --bootstrap-servers, --broker-pid, --timestamps, --rounds)");
                }
            }
            if (rounds > 1 && bootstrapServers != null) {
                // the rounds would share one broker's topics and consumer group
                throw new IllegalArgumentException("--rounds needs the embedded broker: a fresh one per round");
            }
            return new BenchmarkOptions(rate, events, burst, warmUp, guarantee, fixtureLead, dataDir, settings, streams, producer,
                    consumer, bootstrapServers, brokerPid, sendTimestamps, rounds);
        }

        private static void putKeyValue(Map<String, String> into, String keyValue) {
            int eq = keyValue.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got " + keyValue);
            }
            into.put(keyValue.substring(0, eq), keyValue.substring(eq + 1));
        }
    }
}
