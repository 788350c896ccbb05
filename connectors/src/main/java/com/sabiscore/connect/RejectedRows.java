package com.sabiscore.connect;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;

import com.sabiscore.data.MalformedDataException;
import com.sabiscore.data.MalformedRowException;
import com.sabiscore.events.DeadLetter;
import com.sabiscore.events.codec.AvroCodec;
import com.sabiscore.events.mapping.InvalidEventException;

/**
 * The dead-letter records of feed rows that cannot be published, in the stream's own
 * {@link DeadLetter} format so {@code sabiscore dead-letters export} shows them beside the
 * stream's: the topic the row was meant for, partition and offset -1 (it never reached a topic),
 * the reason, and as the original value the event's bytes or, for a row that cannot be read at
 * all, the row's text.
 */
final class RejectedRows {

    private static final AvroCodec<DeadLetter> LETTERS = AvroCodec.of(DeadLetter.class);
    private static final int NOT_PUBLISHED = -1;

    private final String deadLettersTopic;

    RejectedRows(String deadLettersTopic) {
        this.deadLettersTopic = deadLettersTopic;
    }

    /** A row the reader could not read; its message names the file and the row. */
    SourceRecord unreadable(MalformedDataException problem, String intendedTopic, Instant at,
                            Map<String, ?> sourcePartition, Map<String, ?> sourceOffset) {
        byte[] row = problem instanceof MalformedRowException malformed ? malformed.row().getBytes(StandardCharsets.UTF_8) : null;
        return record(null, row, intendedTopic, problem.getClass().getName(), problem.getMessage(), at, sourcePartition, sourceOffset);
    }

    /** A row that reads but whose event the stream would refuse, for {@code reason}. */
    SourceRecord refused(String fixtureId, byte[] event, String intendedTopic, String reason, Instant at,
                         Map<String, ?> sourcePartition, Map<String, ?> sourceOffset) {
        return record(fixtureId, event, intendedTopic, InvalidEventException.class.getName(), reason, at, sourcePartition, sourceOffset);
    }

    private SourceRecord record(String key, byte[] original, String intendedTopic, String errorClass, String reason, Instant at,
                                Map<String, ?> sourcePartition, Map<String, ?> sourceOffset) {
        DeadLetter letter = DeadLetter.newBuilder()
                .setOriginalKey(key == null ? null : ByteBuffer.wrap(key.getBytes(StandardCharsets.UTF_8)))
                .setOriginalValue(original == null ? null : ByteBuffer.wrap(original))
                .setSourceTopic(intendedTopic)
                .setSourcePartition(NOT_PUBLISHED)
                .setSourceOffset(NOT_PUBLISHED)
                .setErrorClass(errorClass)
                .setReason(reason)
                .setFailedAt(at)
                .build();
        return new SourceRecord(sourcePartition, sourceOffset, deadLettersTopic, null,
                Schema.OPTIONAL_STRING_SCHEMA, key, Schema.BYTES_SCHEMA, LETTERS.encode(letter), at.toEpochMilli());
    }
}
