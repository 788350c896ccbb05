package com.sabiscore.connect;

import java.time.Instant;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;

import com.sabiscore.match.Fixture;
import com.sabiscore.match.HistoricalMatch;
import com.sabiscore.match.MatchResult;
import com.sabiscore.match.MatchTimeline;

/**
 * Turns fixtures and results into the records the worker sends: key = fixture id, value = the
 * event's Avro single-object bytes, partition = its competition's ({@link CompetitionPartition}),
 * timestamp = the instant the event became known.
 */
final class EventRecords {

    private final String fixturesTopic;
    private final String resultsTopic;
    private final int topicPartitions;

    EventRecords(String fixturesTopic, String resultsTopic, int topicPartitions) {
        this.fixturesTopic = fixturesTopic;
        this.resultsTopic = resultsTopic;
        this.topicPartitions = topicPartitions;
    }

    EventRecords(FootballDataConnectorConfig config) {
        this(config.fixturesTopic(), config.resultsTopic(), config.topicPartitions());
    }

    SourceRecord toRecord(MatchTimeline.Event event, Map<String, ?> sourcePartition, Map<String, ?> sourceOffset) {
        HistoricalMatch match = event.match();
        return event.kind() == MatchTimeline.Kind.FIXTURE
                ? fixture(match.fixture(), event.at(), sourcePartition, sourceOffset)
                : result(match.result(), event.at(), sourcePartition, sourceOffset);
    }

    SourceRecord fixture(Fixture fixture, Instant at, Map<String, ?> sourcePartition, Map<String, ?> sourceOffset) {
        return record(fixturesTopic, fixture.id().toString(), FeedEvents.encode(fixture), at, sourcePartition, sourceOffset);
    }

    SourceRecord result(MatchResult result, Instant at, Map<String, ?> sourcePartition, Map<String, ?> sourceOffset) {
        return record(resultsTopic, result.fixtureId().toString(), FeedEvents.encode(result), at, sourcePartition, sourceOffset);
    }

    String fixturesTopic() {
        return fixturesTopic;
    }

    String resultsTopic() {
        return resultsTopic;
    }

    /** The partition a record of this fixture goes to. */
    int partitionOf(String fixtureId) {
        return CompetitionPartition.of(fixtureId, topicPartitions);
    }

    private SourceRecord record(String topic, String fixtureId, byte[] value, Instant at,
                                Map<String, ?> sourcePartition, Map<String, ?> sourceOffset) {
        return new SourceRecord(sourcePartition, sourceOffset, topic, partitionOf(fixtureId),
                Schema.STRING_SCHEMA, fixtureId, Schema.BYTES_SCHEMA, value, at.toEpochMilli());
    }
}
