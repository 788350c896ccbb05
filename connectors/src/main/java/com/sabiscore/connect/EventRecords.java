package com.sabiscore.connect;

import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;

import com.sabiscore.match.HistoricalMatch;
import com.sabiscore.match.MatchTimeline;

/**
 * Turns a timeline event into the record the worker sends: key = fixture id, value = the event's
 * Avro single-object bytes, partition = its competition's ({@link CompetitionPartition}),
 * timestamp = the instant the event became known.
 */
final class EventRecords {

    private final String fixturesTopic;
    private final String resultsTopic;
    private final int topicPartitions;

    EventRecords(FootballDataConnectorConfig config) {
        this.fixturesTopic = config.fixturesTopic();
        this.resultsTopic = config.resultsTopic();
        this.topicPartitions = config.topicPartitions();
    }

    SourceRecord toRecord(MatchTimeline.Event event, Map<String, ?> sourcePartition, Map<String, ?> sourceOffset) {
        HistoricalMatch match = event.match();
        String fixtureId = match.fixture().id().toString();
        boolean isFixture = event.kind() == MatchTimeline.Kind.FIXTURE;
        return new SourceRecord(sourcePartition, sourceOffset,
                isFixture ? fixturesTopic : resultsTopic,
                CompetitionPartition.of(fixtureId, topicPartitions),
                Schema.STRING_SCHEMA, fixtureId,
                Schema.BYTES_SCHEMA, isFixture ? FeedEvents.encode(match.fixture()) : FeedEvents.encode(match.result()),
                event.at().toEpochMilli());
    }
}
