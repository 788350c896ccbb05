package com.sabiscore.app;

import com.sabiscore.config.AppConfig;
import com.sabiscore.data.HistoryLoader;
import com.sabiscore.data.SeasonRange;
import com.sabiscore.match.HistoricalMatch;
import com.sabiscore.match.MatchTimeline;
import com.sabiscore.replay.HistoryReplayer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;

/** Loads football-data history from a folder and publishes it to the app's input topics, with progress. */
final class HistoryReplay {

    private static final int PROGRESS_EVERY = 10_000;

    private HistoryReplay() {
    }

    /** The matches of {@code dataDir} kicking off within [from, to] (either may be null), oldest first. */
    static List<HistoricalMatch> load(Path dataDir, LocalDate from, LocalDate to) {
        try {
            return HistoryLoader.load(dataDir, Set.of(), SeasonRange.all()).stream()
                    .filter(m -> from == null || !m.fixture().kickoff().isBefore(from.atStartOfDay(ZoneOffset.UTC).toInstant()))
                    .filter(m -> to == null || m.fixture().kickoff().isBefore(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read football data in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    static HistoryReplayer.Progress publish(AppConfig config, List<HistoricalMatch> matches, Duration fixtureLead, PrintStream out) {
        out.printf("replaying %,d matches (%,d events) to %s%n", matches.size(), matches.size() * 2L, config.kafkaBootstrapServers());
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(config.producerProperties())) {
            HistoryReplayer replayer = new HistoryReplayer(producer, config.fixturesTopic(), config.resultsTopic());
            return replayer.replay(MatchTimeline.of(matches, fixtureLead), PROGRESS_EVERY, p -> out.printf(
                    "  replay: %,d / %,d events (%.0f%%), %,.0f events/s%n",
                    p.published(), p.total(), 100.0 * p.published() / Math.max(1, p.total()), p.eventsPerSecond()));
        }
    }
}
