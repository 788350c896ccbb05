package com.sabiscore.deadletters;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One Kafka record as it was produced, with what is known of its fate: a refused input read back
 * from the dead-letter topic, or a line of a file to publish.
 *
 * @param topic      the topic it was (or is to be) published to
 * @param partition  the partition it was read from; null when unknown
 * @param offset     its offset there; null when unknown
 * @param timestamp  its record timestamp (for an input, the instant it became known); null lets the producer stamp it
 * @param key        the key bytes, null for a record without a key
 * @param value      the value bytes, null for a record without a value
 * @param reason     why the app refused it, for a person to read; null when not refused
 * @param errorClass the class of the error that refused it; null when not refused
 */
public record RawRecord(String topic, Integer partition, Long offset, Instant timestamp, byte[] key, byte[] value,
                        String reason, String errorClass) {

    public RawRecord {
        Objects.requireNonNull(topic, "topic");
    }

    /** The same record, to be published to {@code target} instead. */
    public RawRecord toTopic(String target) {
        return new RawRecord(target, partition, offset, timestamp, key, value, reason, errorClass);
    }

    /** Records are values: equal when every field, bytes included, is. */
    @Override
    public boolean equals(Object other) {
        return other instanceof RawRecord that
                && topic.equals(that.topic) && Objects.equals(partition, that.partition) && Objects.equals(offset, that.offset)
                && Objects.equals(timestamp, that.timestamp) && Arrays.equals(key, that.key) && Arrays.equals(value, that.value)
                && Objects.equals(reason, that.reason) && Objects.equals(errorClass, that.errorClass);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, offset, timestamp, Arrays.hashCode(key), Arrays.hashCode(value), reason, errorClass);
    }

    @Override
    public String toString() {
        return "RawRecord[topic=" + topic + ", partition=" + partition + ", offset=" + offset + ", timestamp=" + timestamp
                + ", key=" + (key == null ? "null" : key.length + " bytes") + ", value=" + (value == null ? "null" : value.length + " bytes")
                + ", reason=" + reason + ", errorClass=" + errorClass + "]";
    }
}
