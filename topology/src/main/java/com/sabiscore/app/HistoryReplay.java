package com.sabiscore.app;

import com.sabiscore.config.AppConfig;
import com.sabiscore.data.HistoryLoader;
import com.sabiscore.data.SeasonRange;
import com.sabiscore.match.HistoricalMatch;
import com.sabiscore.match.MatchTimeline;
import com.sabiscore.progress.ReplayProgress;
import com.sabiscore.replay.HistoryReplayer;
import com.sabiscore.replay.PublishedEvents;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads football-data history from a folder and publishes it to the app's input topics, with progress. */
final class HistoryReplay {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryReplay.class);

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

    /** Whether a replay publishes only what its topics lack, or the whole history again. */
    enum Mode {
        /** publish only the events the input topics do not hold yet: a first replay, or one a crash interrupted */
        RESUME,
        /** publish every event again (the stream ignores fixtures already played and duplicate results) */
        ALL
    }

    /**
     * Publishes the matches' timeline, or in {@link Mode#RESUME} what of it the input topics lack,
     * reporting progress to {@code progress} and {@code out} as the broker acknowledges the events.
     */
    static HistoryReplayer.Progress publish(AppConfig config, List<HistoricalMatch> matches, Duration fixtureLead, Mode mode,
                                           ReplayProgress progress, PrintStream out) {
        List<MatchTimeline.Event> timeline = MatchTimeline.of(matches, fixtureLead);
        progress.checking(timeline.size());
        try {
            List<MatchTimeline.Event> toSend = timeline;
            long already = 0;
            if (mode == Mode.RESUME) {
                PublishedEvents published = PublishedEvents.read(config.consumerProperties(), config.fixturesTopic(), config.resultsTopic());
                toSend = published.missingFrom(timeline);
                already = timeline.size() - toSend.size();
                long outOfOrder = published.presentAfterAGap(timeline);
                if (outOfOrder > 0) {
                    LOG.warn("{} events of the history are in the input topics after events that are missing: the missing ones "
                            + "are published now, out of timeline order (did something else write to or delete from the topics?)", outOfOrder);
                }
                if (toSend.isEmpty()) {
                    out.printf("history already published: the input topics hold all %,d events%n", timeline.size());
                    progress.complete(timeline.size());
                    return new HistoryReplayer.Progress(timeline.size(), timeline.size(), 0);
                }
                if (already > 0) {
                    out.printf("resuming the replay: %,d of %,d events already published, %,d to go%n", already, timeline.size(), toSend.size());
                }
            }
            long before = already;
            out.printf("replaying %,d matches (%,d events) to %s%n", matches.size(), (long) timeline.size(), config.kafkaBootstrapServers());
            progress.publishing(before, timeline.size());
            HistoryReplayer.Progress done;
            try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(config.producerProperties())) {
                HistoryReplayer replayer = new HistoryReplayer(producer, config.fixturesTopic(), config.resultsTopic());
                done = replayer.replay(toSend, PROGRESS_EVERY, p -> {
                    progress.publishing(before + p.published(), timeline.size());
                    out.printf("  replay: %,d / %,d events published (%.0f%%), %,.0f events/s%n", before + p.published(),
                            (long) timeline.size(), 100.0 * (before + p.published()) / Math.max(1, timeline.size()), p.eventsPerSecond());
                });
            }
            progress.complete(timeline.size());
            return done;
        } catch (RuntimeException | Error e) {
            // an Error too (a class that fails to load, memory): /ready must never stay "publishing" for a replay that stopped
            progress.failed(String.valueOf(e.getMessage()));
            throw e;
        }
    }
}
