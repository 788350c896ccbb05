package com.sabiscore.streams;

import com.sabiscore.events.ChallengerForecast;
import com.sabiscore.events.DeadLetter;
import com.sabiscore.events.Prediction;
import com.sabiscore.events.SourceOffset;
import com.sabiscore.events.mapping.EventMapper;
import com.sabiscore.events.mapping.InvalidEventException;
import com.sabiscore.features.StateUpdate;
import com.sabiscore.match.Fixture;
import com.sabiscore.match.FixtureId;
import com.sabiscore.match.MatchResult;
import com.sabiscore.match.Outcome;
import com.sabiscore.serving.Lineup;
import com.sabiscore.serving.ModelRole;
import com.sabiscore.serving.ModelScoreboard;
import com.sabiscore.serving.ServingModels;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The heart of the pipeline: turns fixture and result events of one competition into predictions.
 * <ul>
 *   <li>a fixture is scored from the current team state and kept as pending until its result;</li>
 *   <li>a result updates team state once (a duplicate changes nothing), even for an unknown
 *       fixture, and re-scores every pending fixture of both teams, each with a new version;</li>
 *   <li>anything that cannot be decoded or makes no sense goes to the dead-letter topic with the
 *       reason, and the stream goes on.</li>
 * </ul>
 * Both input topics reach this one processor, so a competition's fixtures and results are handled
 * in one task. Kafka Streams orders the two topics by timestamp only on a best-effort basis, so a
 * result that arrives before the fixtures topic has reached its event time is held back
 * ({@link HeldEvents}), and under exactly-once so is a fixture ahead of the results topic; each is
 * processed in timeline order once the other topic passes it, or after {@code result.hold.grace.ms}
 * of wall-clock time when the other topic is quiet.
 *
 * <p>Each record (and each punctuation) takes the models serving once ({@link ServingModels#lineup()}),
 * so everything it scores comes from one champion, and from one challenger when one serves. When a
 * result is applied, the fixture's last forecast is scored against it on the models' scoreboard.
 */
final class MatchEventProcessor implements Processor<byte[], byte[], String, SpecificRecord> {

    private final TopologySettings settings;
    private final ServingModels models;
    private final PipelineObserver observer;
    private final Deserializer<com.sabiscore.events.Fixture> fixtureDecoder;
    private final Deserializer<com.sabiscore.events.MatchResult> resultDecoder;

    private ProcessorContext<String, SpecificRecord> context;
    private StoreTeamStates teamStates;
    private KeyValueStore<String, FixtureStatus> statuses;
    private final PendingIndex pendingIndex = new PendingIndex();
    private KeyValueStore<String, Prediction> predictions;
    private HeldEvents held;
    private ActiveTaskStores queryable;
    /** The models serving, taken at the start of each record and punctuation. */
    private Lineup lineup;

    MatchEventProcessor(TopologySettings settings, ServingModels models, PipelineObserver observer) {
        this.settings = settings;
        this.models = models;
        this.observer = observer;
        this.fixtureDecoder = settings.fixtures().valueSerde().deserializer();
        this.resultDecoder = settings.results().valueSerde().deserializer();
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        KeyValueStore<String, byte[]> teamStore = context.getStateStore(StoreNames.TEAM_STATE);
        KeyValueStore<String, byte[]> leagueStore = context.getStateStore(StoreNames.LEAGUE_STATE);
        this.teamStates = new StoreTeamStates(teamStore, leagueStore);
        this.statuses = context.getStateStore(StoreNames.FIXTURE_STATUS);
        this.predictions = context.getStateStore(StoreNames.PREDICTIONS);
        this.held = new HeldEvents(context.getStateStore(StoreNames.FIXTURES_STREAM_TIME), settings.fixturesWaitForResults());
        rebuildFromStatuses(context.currentSystemTimeMs());
        if (settings.resultHoldGraceMs() > 0) {
            // checked every second (or sooner for a shorter grace): a held result waits its grace plus at most this
            long checkEvery = Math.min(settings.resultHoldGraceMs(), 1_000);
            context.schedule(Duration.ofMillis(checkEvery), PunctuationType.WALL_CLOCK_TIME, this::releaseExpired);
        }
        this.queryable = new ActiveTaskStores(context.taskId().partition(), new OpenStoreView<>(predictions),
                new OpenStoreView<>(teamStore), new OpenStoreView<>(leagueStore));
        observer.activeTaskOpened(queryable);
        observer.tasksChanged();
    }

    /** Refills the pending index and the held events from the fixture statuses (start, restore, rebalance). */
    private void rebuildFromStatuses(long nowMs) {
        pendingIndex.clear();
        held.load(nowMs);
        try (KeyValueIterator<String, FixtureStatus> all = statuses.all()) {
            while (all.hasNext()) {
                KeyValue<String, FixtureStatus> entry = all.next();
                if (entry.value.isPending()) {
                    pendingIndex.add(FixtureId.parse(entry.key));
                }
                if (entry.value.heldResult() != null) {
                    held.add(restored(entry.key, HeldEvents.Kind.RESULT, entry.value.heldResult(), settings.results().name(), nowMs));
                }
                if (entry.value.heldFixture() != null) {
                    held.add(restored(entry.key, HeldEvents.Kind.FIXTURE, entry.value.heldFixture(), settings.fixtures().name(), nowMs));
                }
            }
        }
    }

    private static HeldEvents.Held restored(String fixtureId, HeldEvents.Kind kind, FixtureStatus.HeldEvent event, String topic, long nowMs) {
        return new HeldEvents.Held(event.timestamp(), kind, fixtureId, event.event(),
                new SourceOffset(topic, event.partition(), event.offset()), nowMs);
    }

    @Override
    public void close() {
        if (queryable != null) {
            observer.activeTaskClosed(queryable);
        }
        observer.tasksChanged();
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        lineup = models.lineup();
        try {
            if (source.topic().equals(settings.fixtures().name())) {
                onFixture(record, source);
            } else {
                onResult(record, source);
            }
        } catch (InvalidEventException e) {
            // anything else is a bug, not bad input: Kafka Streams' processing handler routes it to its own DLQ
            deadLetter(record, source, e.getCause() == null ? e : e.getCause(), e.getMessage());
        }
    }

    private static <T> T decode(Deserializer<T> decoder, RecordMetadata source, byte[] value) {
        if (value == null) {
            throw new InvalidEventException("empty " + source.topic() + " event (null value)");
        }
        try {
            return decoder.deserialize(source.topic(), value);
        } catch (RuntimeException e) {
            throw new InvalidEventException("undecodable " + source.topic() + " event: " + e.getMessage(), e);
        }
    }

    private void onFixture(Record<byte[], byte[]> record, RecordMetadata source) {
        Fixture fixture = EventMapper.toDomain(decode(fixtureDecoder, source, record.value()));
        String id = fixture.id().toString();
        checkKeyAndPartition(record, source, id);
        releaseAll(held.arrived(HeldEvents.Kind.FIXTURE, record.timestamp(), context.currentSystemTimeMs()));
        if (settings.resultHoldGraceMs() > 0 && held.mustWait(HeldEvents.Kind.FIXTURE, record.timestamp())) {
            holdFixture(id, record.timestamp(), source, record.value());
        } else {
            announce(fixture, id, record.value(), record.timestamp(), offsetOf(source));
        }
    }

    private void onResult(Record<byte[], byte[]> record, RecordMetadata source) {
        MatchResult result = EventMapper.toDomain(decode(resultDecoder, source, record.value()));
        String id = result.fixtureId().toString();
        checkKeyAndPartition(record, source, id);
        releaseAll(held.arrived(HeldEvents.Kind.RESULT, record.timestamp(), context.currentSystemTimeMs()));
        if (settings.resultHoldGraceMs() > 0 && held.mustWait(HeldEvents.Kind.RESULT, record.timestamp())) {
            holdResult(result, record.timestamp(), source, record.value());
        } else {
            apply(result, record.timestamp(), offsetOf(source));
        }
    }

    /** Scores an announced fixture, unless its result was applied already, and keeps it pending until its result. */
    private void announce(Fixture fixture, String id, byte[] event, long timestamp, SourceOffset source) {
        FixtureStatus status = statusOf(id);
        if (status.isApplied()) {
            observer.fixtureIgnored(id, "already played");
            republishIfRepeated(id);
            return;
        }
        if (settings.repeatsRepublish() && status.isPending() && Arrays.equals(status.fixtureEvent(), event)
                && republishIfRepeated(id)) {
            // the same announcement again: under at-least-once most likely this record processed again after a crash
            return;
        }
        statuses.put(id, status.withFixture(event));
        pendingIndex.add(fixture.id());
        emit(fixture, id, timestamp, List.of(source), predictions.get(id));
    }

    /**
     * Keeps a result until the fixtures topic reaches its time. A fixture holds one result: a copy
     * with the same time (a redelivery) takes the held one's place, and of two copies with different
     * times the earlier is kept, the other being the duplicate it would be once the earlier is applied.
     */
    private void holdResult(MatchResult result, long timestamp, RecordMetadata source, byte[] event) {
        String id = result.fixtureId().toString();
        FixtureStatus status = statusOf(id);
        if (status.isApplied()) {
            observer.resultIgnored(id, "duplicate result");
            republishRescoredBy(result);
            return;
        }
        FixtureStatus.HeldEvent previous = status.heldResult();
        if (previous != null && previous.timestamp() != timestamp) {
            observer.resultIgnored(id, "duplicate result");
            if (previous.timestamp() < timestamp) {
                return;
            }
        }
        if (previous != null) {
            held.remove(previous.timestamp(), HeldEvents.Kind.RESULT, id);
        }
        statuses.put(id, status.withHeldResult(new FixtureStatus.HeldEvent(timestamp, source.partition(), source.offset(), event)));
        held.add(new HeldEvents.Held(timestamp, HeldEvents.Kind.RESULT, id, event, offsetOf(source), context.currentSystemTimeMs()));
    }

    /**
     * Keeps a fixture until the results topic reaches its time. A fixture id holds one copy: a newer
     * announcement takes the place of one still waiting, which would only have been re-scored by it.
     */
    private void holdFixture(String id, long timestamp, RecordMetadata source, byte[] event) {
        FixtureStatus status = statusOf(id);
        if (status.isApplied()) {
            observer.fixtureIgnored(id, "already played");
            republishIfRepeated(id);
            return;
        }
        FixtureStatus.HeldEvent previous = status.heldFixture();
        if (previous != null) {
            if (previous.timestamp() > timestamp) {
                return;
            }
            held.remove(previous.timestamp(), HeldEvents.Kind.FIXTURE, id);
        }
        statuses.put(id, status.withHeldFixture(new FixtureStatus.HeldEvent(timestamp, source.partition(), source.offset(), event)));
        held.add(new HeldEvents.Held(timestamp, HeldEvents.Kind.FIXTURE, id, event, offsetOf(source), context.currentSystemTimeMs()));
    }

    /** The other topic sent nothing for the grace: events that waited that long go on without it. */
    private void releaseExpired(long nowMs) {
        lineup = models.lineup();
        List<HeldEvents.Held> expired = held.expired(nowMs, settings.resultHoldGraceMs());
        for (HeldEvents.Held event : expired) {
            if (event.kind() == HeldEvents.Kind.RESULT) {
                observer.resultReleasedAfterGrace(event.fixtureId());
            }
        }
        releaseAll(expired);
    }

    /* the bytes of a held event were validated when it arrived */
    private void releaseAll(List<HeldEvents.Held> due) {
        for (HeldEvents.Held event : due) {
            if (event.kind() == HeldEvents.Kind.RESULT) {
                MatchResult result = EventMapper.toDomain(resultDecoder.deserialize(settings.results().name(), event.event()));
                apply(result, event.timestamp(), event.source());
            } else {
                Fixture fixture = EventMapper.toDomain(fixtureDecoder.deserialize(settings.fixtures().name(), event.event()));
                announce(fixture, event.fixtureId(), event.event(), event.timestamp(), event.source());
            }
        }
    }

    /**
     * Updates team state with a result and re-scores the pending fixtures of both teams. A result
     * whose fixture was never announced still moves the ratings; a duplicate changes nothing.
     */
    private void apply(MatchResult result, long timestamp, SourceOffset resultOffset) {
        String id = result.fixtureId().toString();
        if (statusOf(id).isApplied()) {
            observer.resultIgnored(id, "duplicate result");
            republishRescoredBy(result);
            return;
        }
        Prediction lastForecast = predictions.get(id);
        if (lastForecast != null) {
            score(lastForecast, result.outcome());
        }
        StateUpdate update = lineup.champion().predictor().engine().apply(teamStates, result);
        teamStates.write(result, update);
        observer.teamStatesWritten(result.fixtureId().competition(), result.fixtureId().homeTeam(), result.fixtureId().awayTeam());
        observer.resultApplied(result, update);
        // the fixture and any held copy of this result are done with: only the time is kept
        statuses.put(id, FixtureStatus.applied(timestamp));
        pendingIndex.remove(result.fixtureId());
        for (String pendingId : pendingIndex.ofEitherTeam(result.fixtureId())) {
            com.sabiscore.events.Fixture pending = fixtureDecoder.deserialize(settings.fixtures().name(), statusOf(pendingId).fixtureEvent());
            Prediction previous = predictions.get(pendingId);
            List<SourceOffset> offsets = new ArrayList<>(2);
            if (previous != null && !previous.getSourceOffsets().isEmpty()) {
                offsets.add(previous.getSourceOffsets().get(0));
            }
            offsets.add(resultOffset);
            emit(EventMapper.toDomain(pending), pendingId, timestamp, offsets, previous);
        }
    }

    /** Scores a fixture and publishes the prediction as the version after {@code previous} (null: the first). */
    private void emit(Fixture fixture, String id, long asOf, List<SourceOffset> sourceOffsets, Prediction previous) {
        long started = System.nanoTime();
        Lineup.Forecast scored = lineup.predict(teamStates, fixture);
        observer.scored(System.nanoTime() - started);
        long version = previous == null ? 1 : previous.getVersion() + 1;
        Prediction prediction = PredictionRecords.toEvent(fixture, scored, asOf, sourceOffsets, version);
        predictions.put(id, prediction);
        context.forward(new Record<String, SpecificRecord>(id, prediction, asOf), PredictionTopology.PREDICTIONS_SINK);
        observer.predictionEmitted(prediction);
    }

    /** A fixture's last forecast against its result, for each model that made it. */
    private void score(Prediction forecast, Outcome outcome) {
        ModelScoreboard scoreboard = models.scoreboard();
        scoreboard.add(forecast.getModelVersion(), ModelRole.CHAMPION, forecast.getHomeWinProb(), forecast.getDrawProb(),
                forecast.getAwayWinProb(), outcome);
        ChallengerForecast challenger = forecast.getChallenger();
        if (challenger != null) {
            scoreboard.add(challenger.getModelVersion(), ModelRole.CHALLENGER, challenger.getHomeWinProb(),
                    challenger.getDrawProb(), challenger.getAwayWinProb(), outcome);
        }
    }

    /**
     * Under at-least-once, publishes again the stored prediction of a fixture whose event came
     * again: the stores' changelogs can be ahead of the output after a crash, so the copy already on
     * the topic may be the one that was lost. A duplicate of the same version is allowed there; a
     * missing one is not.
     *
     * @return whether a stored prediction was published again
     */
    private boolean republishIfRepeated(String fixtureId) {
        if (!settings.repeatsRepublish()) {
            return false;
        }
        Prediction stored = predictions.get(fixtureId);
        if (stored == null) {
            return false;
        }
        context.forward(new Record<String, SpecificRecord>(fixtureId, stored, stored.getAsOf().toEpochMilli()),
                PredictionTopology.PREDICTIONS_SINK);
        observer.predictionEmitted(stored);
        return true;
    }

    /** Under at-least-once, publishes again the stored predictions of the fixtures a result that came again re-scored. */
    private void republishRescoredBy(MatchResult result) {
        if (settings.repeatsRepublish()) {
            for (String pendingId : pendingIndex.ofEitherTeam(result.fixtureId())) {
                republishIfRepeated(pendingId);
            }
        }
    }

    /**
     * A record on the wrong partition would split a competition's state across tasks, so it is
     * refused rather than silently scored from the wrong state.
     */
    private void checkKeyAndPartition(Record<byte[], byte[]> record, RecordMetadata source, String fixtureId) {
        if (record.key() != null && !new String(record.key(), StandardCharsets.UTF_8).equals(fixtureId)) {
            throw new InvalidEventException("record key '" + new String(record.key(), StandardCharsets.UTF_8)
                    + "' does not match fixture id '" + fixtureId + "'");
        }
        int expected = settings.partitioner().partitionFor(fixtureId, settings.partitions());
        if (source.partition() != expected) {
            throw new InvalidEventException("fixture " + fixtureId + " arrived on partition " + source.partition()
                    + " but its competition lives on partition " + expected + ": produce with CompetitionPartitioner");
        }
    }

    private void deadLetter(Record<byte[], byte[]> record, RecordMetadata source, Throwable error, String reason) {
        DeadLetter letter = DeadLetter.newBuilder()
                .setOriginalKey(record.key() == null ? null : java.nio.ByteBuffer.wrap(record.key()))
                .setOriginalValue(record.value() == null ? null : java.nio.ByteBuffer.wrap(record.value()))
                .setSourceTopic(source.topic())
                .setSourcePartition(source.partition())
                .setSourceOffset(source.offset())
                .setErrorClass(error.getClass().getName())
                .setReason(reason)
                .setFailedAt(Instant.ofEpochMilli(record.timestamp()))
                .build();
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        context.forward(new Record<String, SpecificRecord>(key, letter, record.timestamp()), PredictionTopology.DEAD_LETTER_SINK);
        observer.deadLetter(source.topic(), reason);
    }

    private FixtureStatus statusOf(String fixtureId) {
        FixtureStatus status = statuses.get(fixtureId);
        return status == null ? FixtureStatus.UNKNOWN : status;
    }

    private static SourceOffset offsetOf(RecordMetadata source) {
        return new SourceOffset(source.topic(), source.partition(), source.offset());
    }
}
