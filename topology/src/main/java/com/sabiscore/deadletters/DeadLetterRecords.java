package com.sabiscore.deadletters;

import com.sabiscore.events.DeadLetter;
import com.sabiscore.serde.EventSerdes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Turns a record of the dead-letter topic back into the input record it stands for. The topic
 * holds two kinds (docs/wire-format.md, "Dead letters"): the app's Avro {@link DeadLetter}, and
 * Kafka Streams' own dead-letter record (KIP-1034), the original key and value with
 * {@code __streams.errors.*} headers.
 */
public final class DeadLetterRecords {

    static final String STREAMS_EXCEPTION = "__streams.errors.exception";
    static final String STREAMS_MESSAGE = "__streams.errors.message";
    static final String STREAMS_TOPIC = "__streams.errors.topic";
    static final String STREAMS_PARTITION = "__streams.errors.partition";
    static final String STREAMS_OFFSET = "__streams.errors.offset";

    private DeadLetterRecords() {
    }

    /**
     * The refused input {@code letter} stands for, with its reason, or empty when the record is
     * neither kind. The timestamp is the dead letter's own, which is the refused record's.
     */
    public static Optional<RawRecord> original(ConsumerRecord<byte[], byte[]> letter) {
        Instant timestamp = letter.timestamp() < 0 ? null : Instant.ofEpochMilli(letter.timestamp());
        Headers headers = letter.headers();
        if (headers.lastHeader(STREAMS_EXCEPTION) != null) {
            return Optional.of(fromStreamsHeaders(letter, headers, timestamp));
        }
        if (letter.value() == null) {
            return Optional.empty();
        }
        DeadLetter decoded;
        try {
            decoded = EventSerdes.deadLetter().deserializer().deserialize(letter.topic(), letter.value());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return Optional.of(new RawRecord(decoded.getSourceTopic(), decoded.getSourcePartition(), decoded.getSourceOffset(),
                timestamp, bytes(decoded.getOriginalKey()), bytes(decoded.getOriginalValue()),
                decoded.getReason(), decoded.getErrorClass()));
    }

    private static RawRecord fromStreamsHeaders(ConsumerRecord<byte[], byte[]> letter, Headers headers, Instant timestamp) {
        String partition = header(headers, STREAMS_PARTITION);
        String offset = header(headers, STREAMS_OFFSET);
        String topic = header(headers, STREAMS_TOPIC);
        return new RawRecord(topic == null ? letter.topic() : topic,
                partition == null ? null : Integer.valueOf(partition), offset == null ? null : Long.valueOf(offset),
                timestamp, letter.key(), letter.value(), header(headers, STREAMS_MESSAGE), header(headers, STREAMS_EXCEPTION));
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
