package com.sabiscore.connect;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sabiscore.connect.PublishedEvents.Key;
import com.sabiscore.connect.PublishedEvents.Kind;
import com.sabiscore.data.FootballDataReader;
import com.sabiscore.data.MalformedDataException;
import com.sabiscore.data.MalformedRowException;
import com.sabiscore.data.SeasonRange;
import com.sabiscore.match.Fixture;
import com.sabiscore.match.HistoricalMatch;
import com.sabiscore.match.MatchResult;
import com.sabiscore.match.MatchTimeline;

/**
 * The one task of {@link LiveFeedSourceConnector}. Every {@code feed.poll.interval} it fetches the
 * season in progress's file of each division and {@code fixtures.csv} (conditionally, see
 * {@link FeedSite}) and publishes what is new: results not published yet, fixtures not published
 * yet or whose kick-off or odds changed, and each row that cannot be published once to the
 * dead-letter topic. {@link PublishedEvents} says what was published, from the source offsets,
 * so the order of a file's rows does not matter. A poll in which a file cannot be fetched is
 * retried with a backoff ({@link PollSchedule}); whatever the poll did fetch is published.
 *
 * <p>Timestamps: a result is known {@link MatchTimeline#RESULT_DELAY} after kick-off, as in the
 * history and the backtest; a fixture when the feed first saw it, or at its kick-off if it was
 * first seen later. The season in progress comes from the clock (it starts in July), so the task
 * moves to the new season's files by itself.
 */
public final class LiveFeedSourceTask extends SourceTask {

    private static final Logger LOG = LoggerFactory.getLogger(LiveFeedSourceTask.class);
    private static final Duration MAX_IDLE_WAIT = Duration.ofSeconds(1);

    private final Clock clock;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final FeedProblems problems = new FeedProblems();
    private final Set<URI> reportedMissing = new HashSet<>();
    private LiveFeedConnectorConfig config;
    private FeedSite site;
    private PollSchedule schedule;
    private PublishedEvents published;
    private EventRecords events;
    private RejectedRows rejections;

    /** The task a Connect worker creates: it reads the time, and so the season, from the system clock. */
    public LiveFeedSourceTask() {
        this(Clock.systemUTC());
    }

    /** A task that reads the time, and so the season in progress, from {@code clock}. */
    public LiveFeedSourceTask(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String version() {
        return SingleTaskSourceConnector.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        config = new LiveFeedConnectorConfig(props);
        site = new FeedSite(config.feedUrl());
        schedule = new PollSchedule(config.pollInterval(), config.retryBackoff(), clock.instant());
        published = new PublishedEvents(context.offsetStorageReader());
        events = new EventRecords(config.fixturesTopic(), config.resultsTopic(), config.topicPartitions());
        rejections = new RejectedRows(config.deadLettersTopic());
        PluginMetrics metrics = context.pluginMetrics();
        addGauge(metrics, "malformed-rows", "rows of the feed sent to the dead-letter topic", problems::malformedRows);
        addGauge(metrics, "unreadable-files", "times a fetched feed file could not be read at all", problems::unreadableFiles);
        addGauge(metrics, "failed-fetches", "times a feed file could not be fetched", problems::failedFetches);
        LOG.info("Following {} ({} and fixtures.csv) every {}, publishing to {}, {} and {}", config.feedUrl(),
                new TreeSet<>(config.divisions()), config.pollInterval(),
                config.fixturesTopic(), config.resultsTopic(), config.deadLettersTopic());
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (stopping.getCount() == 0) {
            return null;
        }
        Instant now = clock.instant();
        Duration wait = schedule.untilNextPoll(now);
        if (wait.compareTo(Duration.ZERO) > 0) {
            // never long: a worker calls stop() only once poll() returns (Connect 4.x)
            stopping.await(Math.min(wait.toNanos(), MAX_IDLE_WAIT.toNanos()), TimeUnit.NANOSECONDS);
            return null;
        }
        List<SourceRecord> records = pollSite(now);
        return records.isEmpty() ? null : records;
    }

    @Override
    public void stop() {
        stopping.countDown();
    }

    /** What one poll read: the latest row of each match, and the rows that could not be read. */
    private static final class Reading {
        final Map<String, MatchResult> results = new LinkedHashMap<>();
        final Map<String, Fixture> fixtures = new LinkedHashMap<>();
        final List<Unreadable> unreadable = new ArrayList<>();
    }

    private record Unreadable(MalformedDataException problem, String intendedTopic) {
    }

    private List<SourceRecord> pollSite(Instant now) throws InterruptedException {
        int season = SeasonRange.seasonInProgress(LocalDate.ofInstant(now, FootballDataReader.UK));
        Reading reading = new Reading();
        boolean failed = false;
        for (String division : new TreeSet<>(config.divisions())) {
            URI file = site.seasonFile(division, season);
            Fetched fetched = fetch(file);
            failed |= fetched.failed();
            fetched.content().ifPresent(content -> readResults(file, content, SeasonRange.label(season), reading));
        }
        URI fixtures = site.fixtures();
        Fetched fetched = fetch(fixtures);
        failed |= fetched.failed();
        fetched.content().ifPresent(content -> readFixtures(fixtures, content, reading));
        schedule.polled(now, failed);
        if (failed) {
            LOG.warn("Polling {} again in {} ({} failed polls in a row)", config.feedUrl(), schedule.untilNextPoll(now),
                    schedule.failuresInARow());
        }
        return toRecords(reading, now);
    }

    /** A file's new content (none when unchanged or not on the site), or the failure to get it. */
    private record Fetched(boolean failed, Optional<byte[]> content) {
    }

    private Fetched fetch(URI file) throws InterruptedException {
        try {
            FeedSite.Answer answer = site.fetch(file);
            if (answer instanceof FeedSite.Changed changed) {
                return new Fetched(false, Optional.of(changed.content()));
            }
            if (answer instanceof FeedSite.Missing && reportedMissing.add(file)) {
                LOG.info("{} is not on the site (yet): nothing to publish from it", file);
            }
            return new Fetched(false, Optional.empty());
        } catch (IOException e) {
            problems.failedFetch(file.toString(), e);
            return new Fetched(true, Optional.empty());
        }
    }

    private void readResults(URI file, byte[] content, String season, Reading reading) {
        try {
            for (HistoricalMatch match : FootballDataReader.read(content, season, file.getPath(),
                    problem -> reading.unreadable.add(new Unreadable(problem, events.resultsTopic())))) {
                reading.results.put(match.result().fixtureId().toString(), match.result());
            }
        } catch (MalformedDataException e) {
            problems.unreadableFile(file.toString(), e);
        }
    }

    private void readFixtures(URI file, byte[] content, Reading reading) {
        try {
            for (Fixture fixture : FootballDataReader.readFixtures(content, file.getPath(), config.divisions(),
                    problem -> reading.unreadable.add(new Unreadable(problem, events.fixturesTopic())))) {
                reading.fixtures.put(fixture.id().toString(), fixture);
            }
        } catch (MalformedDataException e) {
            problems.unreadableFile(file.toString(), e);
        }
    }

    private List<SourceRecord> toRecords(Reading reading, Instant now) {
        List<Key> keys = new ArrayList<>();
        reading.results.keySet().forEach(id -> keys.add(new Key(Kind.RESULT, id)));
        reading.fixtures.keySet().forEach(id -> {
            keys.add(new Key(Kind.FIXTURE, id));
            keys.add(new Key(Kind.RESULT, id));
        });
        reading.unreadable.forEach(row -> keys.add(rejectionOf(row)));
        published.recall(keys);

        List<SourceRecord> records = new ArrayList<>();
        reading.unreadable.stream().map(row -> unreadable(row, now)).flatMap(Optional::stream).forEach(records::add);
        reading.results.values().stream()
                .sorted(Comparator.comparing(MatchResult::kickoff).thenComparing(result -> result.fixtureId().toString()))
                .map(result -> result(result, now)).flatMap(Optional::stream).forEach(records::add);
        reading.fixtures.values().stream()
                .sorted(Comparator.comparing(Fixture::kickoff).thenComparing(fixture -> fixture.id().toString()))
                .map(fixture -> fixture(fixture, now)).flatMap(Optional::stream).forEach(records::add);
        if (!records.isEmpty()) {
            LOG.info("Publishing {} new or changed events from {}", records.size(), config.feedUrl());
        }
        return records;
    }

    private Optional<SourceRecord> result(MatchResult result, Instant now) {
        String id = result.fixtureId().toString();
        Key key = new Key(Kind.RESULT, id);
        if (published.wasSent(key)) {
            return Optional.empty();
        }
        Optional<String> refusal = FeedEvents.rejection(result);
        if (refusal.isPresent()) {
            return refused(id, FeedEvents.encode(result), events.resultsTopic(), refusal.get(), now);
        }
        Map<String, String> offset = published.send(key, result.homeGoals() + "-" + result.awayGoals());
        return Optional.of(events.result(result, result.kickoff().plus(MatchTimeline.RESULT_DELAY), key.sourcePartition(), offset));
    }

    private Optional<SourceRecord> fixture(Fixture fixture, Instant now) {
        String id = fixture.id().toString();
        Key key = new Key(Kind.FIXTURE, id);
        String content = PublishedEvents.contentOf(fixture);
        // a fixture already played is left out: the stream would ignore it
        if (published.wasSent(new Key(Kind.RESULT, id)) || published.wasSent(key, content)) {
            return Optional.empty();
        }
        Optional<String> refusal = FeedEvents.rejection(fixture);
        if (refusal.isPresent()) {
            return refused(id, FeedEvents.encode(fixture), events.fixturesTopic(), refusal.get(), now);
        }
        Map<String, String> offset = published.send(key, content);
        Instant known = now.isBefore(fixture.kickoff()) ? now : fixture.kickoff();
        return Optional.of(events.fixture(fixture, known, key.sourcePartition(), offset));
    }

    private Optional<SourceRecord> refused(String fixtureId, byte[] event, String intendedTopic, String reason, Instant now) {
        Key key = new Key(Kind.REJECTED, PublishedEvents.digest(intendedTopic + " " + fixtureId + " " + reason));
        if (published.wasSent(key)) {
            return Optional.empty();
        }
        problems.refusedRow(fixtureId, reason);
        Map<String, String> offset = published.send(key, key.id());
        return Optional.of(rejections.refused(fixtureId, event, intendedTopic, reason, now, key.sourcePartition(), offset));
    }

    private Optional<SourceRecord> unreadable(Unreadable row, Instant now) {
        Key key = rejectionOf(row);
        if (published.wasSent(key)) {
            return Optional.empty();
        }
        problems.malformedRow(row.problem());
        Map<String, String> offset = published.send(key, key.id());
        return Optional.of(rejections.unreadable(row.problem(), row.intendedTopic(), now, key.sourcePartition(), offset));
    }

    /** A bad row is known by its text, not its place: a re-ordered file does not refuse it again. */
    private static Key rejectionOf(Unreadable row) {
        String text = row.problem() instanceof MalformedRowException malformed ? malformed.row() : row.problem().getMessage();
        return new Key(Kind.REJECTED, PublishedEvents.digest(row.intendedTopic() + " " + text));
    }

    private static void addGauge(PluginMetrics metrics, String name, String description, Supplier<Long> value) {
        metrics.addMetric(metrics.metricName(name, description, new LinkedHashMap<>()),
                (Gauge<Long>) (metricConfig, now) -> value.get());
    }
}
