package com.sabiscore.streams;

import com.sabiscore.events.DeadLetter;
import com.sabiscore.events.Prediction;
import com.sabiscore.events.SourceOffset;
import com.sabiscore.events.mapping.EventMapper;
import com.sabiscore.events.mapping.InvalidEventException;
import com.sabiscore.features.StateUpdate;
import com.sabiscore.match.Fixture;
import com.sabiscore.match.FixtureId;
import com.sabiscore.match.MatchResult;
import com.sabiscore.prediction.FixturePrediction;
import com.sabiscore.prediction.FixturePredictor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * ({@link HeldResults}) and applied in timeline order once a later fixture arrives, or after
 * {@code result.hold.grace.ms} of wall-clock time when the fixtures topic is quiet.
 */
final class MatchEventProcessor implements Processor<byte[], byte[], String, SpecificRecord> {

    private final TopologySettings settings;
    private final FixturePredictor predictor;
    private final PipelineObserver observer;
    private final Deserializer<com.sabiscore.events.Fixture> fixtureDecoder;
    private final Deserializer<com.sabiscore.events.MatchResult> resultDecoder;

    private ProcessorContext<String, SpecificRecord> context;
    private StoreTeamStates teamStates;
    private KeyValueStore<String, FixtureStatus> statuses;
    private final PendingIndex pendingIndex = new PendingIndex();
    private KeyValueStore<String, Prediction> predictions;
    private HeldResults heldResults;
    private ActiveTaskStores queryable;

    MatchEventProcessor(TopologySettings settings, FixturePredictor predictor, PipelineObserver observer) {
        this.settings = settings;
        this.predictor = predictor;
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
        this.heldResults = new HeldResults(context.getStateStore(StoreNames.FIXTURES_STREAM_TIME));
        rebuildFromStatuses(context.currentSystemTimeMs());
        if (settings.resultHoldGraceMs() > 0) {
            // checked every second (or sooner for a shorter grace): a held result waits its grace plus at most this
            long checkEvery = Math.min(settings.resultHoldGraceMs(), 1_000);
            context.schedule(Duration.ofMillis(checkEvery), PunctuationType.WALL_CLOCK_TIME, this::releaseExpiredResults);
        }
        this.queryable = new ActiveTaskStores(context.taskId().partition(), new OpenStoreView<>(predictions),
                new OpenStoreView<>(teamStore), new OpenStoreView<>(leagueStore));
        observer.activeTaskOpened(queryable);
        observer.tasksChanged();
    }

    /** Refills the pending index and the held results from the fixture statuses (start, restore, rebalance). */
    private void rebuildFromStatuses(long nowMs) {
        pendingIndex.clear();
        heldResults.load(nowMs);
        try (KeyValueIterator<String, FixtureStatus> all = statuses.all()) {
            while (all.hasNext()) {
                KeyValue<String, FixtureStatus> entry = all.next();
                if (entry.value.isPending()) {
                    pendingIndex.add(FixtureId.parse(entry.key));
                }
                FixtureStatus.HeldResult held = entry.value.heldResult();
                if (held != null) {
                    // the bytes were validated when the result was first held
                    MatchResult result = EventMapper.toDomain(resultDecoder.deserialize(settings.results().name(), held.event()));
                    heldResults.add(new HeldResults.Held(held.timestamp(), result,
                            new SourceOffset(settings.results().name(), held.partition(), held.offset()), nowMs));
                }
            }
        }
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
        com.sabiscore.events.Fixture event = decode(fixtureDecoder, source, record.value());
        Fixture fixture = EventMapper.toDomain(event);
        String id = fixture.id().toString();
        checkKeyAndPartition(record, source, id);
        for (HeldResults.Held due : heldResults.fixturesReached(record.timestamp(), context.currentSystemTimeMs())) {
            apply(due.result(), due.timestamp(), due.source());
        }
        FixtureStatus status = statusOf(id);
        if (status.isApplied()) {
            observer.fixtureIgnored(id, "already played");
            return;
        }
        statuses.put(id, status.withFixture(record.value()));
        pendingIndex.add(fixture.id());
        emit(fixture, id, record.timestamp(), List.of(offsetOf(source)), predictions.get(id));
    }

    private void onResult(Record<byte[], byte[]> record, RecordMetadata source) {
        com.sabiscore.events.MatchResult event = decode(resultDecoder, source, record.value());
        MatchResult result = EventMapper.toDomain(event);
        String id = result.fixtureId().toString();
        checkKeyAndPartition(record, source, id);
        if (settings.resultHoldGraceMs() > 0 && heldResults.mustWait(record.timestamp())) {
            hold(result, record.timestamp(), source, record.value());
        } else {
            apply(result, record.timestamp(), offsetOf(source));
        }
    }

    /**
     * Keeps a result until the fixtures topic reaches its time. A fixture holds one result: a copy
     * with the same time (a redelivery) takes the held one's place, and of two copies with different
     * times the earlier is kept, the other being the duplicate it would be once the earlier is applied.
     */
    private void hold(MatchResult result, long timestamp, RecordMetadata source, byte[] event) {
        String id = result.fixtureId().toString();
        FixtureStatus status = statusOf(id);
        if (status.isApplied()) {
            observer.resultIgnored(id, "duplicate result");
            return;
        }
        FixtureStatus.HeldResult previous = status.heldResult();
        if (previous != null && previous.timestamp() != timestamp) {
            observer.resultIgnored(id, "duplicate result");
            if (previous.timestamp() < timestamp) {
                return;
            }
        }
        if (previous != null) {
            heldResults.remove(previous.timestamp(), id);
        }
        statuses.put(id, status.withHeldResult(new FixtureStatus.HeldResult(timestamp, source.partition(), source.offset(), event)));
        heldResults.add(new HeldResults.Held(timestamp, result, offsetOf(source), context.currentSystemTimeMs()));
    }

    /** No fixture arrived for the grace: results that waited that long are applied without the fixtures topic. */
    private void releaseExpiredResults(long nowMs) {
        for (HeldResults.Held expired : heldResults.expired(nowMs, settings.resultHoldGraceMs())) {
            observer.resultReleasedAfterGrace(expired.result().fixtureId().toString());
            apply(expired.result(), expired.timestamp(), expired.source());
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
            return;
        }
        StateUpdate update = predictor.engine().apply(teamStates, result);
        teamStates.write(result, update);
        observer.teamStatesWritten(result.fixtureId().competition(), result.fixtureId().homeTeam(), result.fixtureId().awayTeam());
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
        FixturePrediction scored = predictor.predict(teamStates, fixture);
        observer.scored(System.nanoTime() - started);
        long version = previous == null ? 1 : previous.getVersion() + 1;
        Prediction prediction = PredictionRecords.toEvent(fixture, scored, asOf, sourceOffsets, version);
        predictions.put(id, prediction);
        context.forward(new Record<String, SpecificRecord>(id, prediction, asOf), PredictionTopology.PREDICTIONS_SINK);
        observer.predictionEmitted(prediction);
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
