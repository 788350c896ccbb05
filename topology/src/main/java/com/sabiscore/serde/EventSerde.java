package com.sabiscore.serde;

import com.sabiscore.events.codec.AvroCodec;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka serde of one event type over its single-object {@link AvroCodec}. A null value stays
 * null both ways (tombstones). Decoding errors surface as Avro runtime exceptions.
 *
 * @param <T> the generated event class
 */
public final class EventSerde<T extends SpecificRecord> implements Serde<T> {

    private final AvroCodec<T> codec;

    public EventSerde(AvroCodec<T> codec) {
        this.codec = codec;
    }

    public AvroCodec<T> codec() {
        return codec;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, event) -> event == null ? null : codec.encode(event);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : codec.decode(bytes);
    }
}
