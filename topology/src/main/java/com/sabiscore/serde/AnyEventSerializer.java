package com.sabiscore.serde;

import com.sabiscore.events.codec.AvroCodec;
import com.sabiscore.events.codec.EventSchemaStore;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializes any event type with its own codec, for a producer or sink that writes more than one
 * type (e.g. a replay sending fixtures and results). Single-object encoding names the writer
 * schema in every message, so readers need no hint of the type. Usable as
 * {@code value.serializer} (it has a no-argument constructor).
 */
public final class AnyEventSerializer implements Serializer<SpecificRecord> {

    private static final Map<Class<?>, AvroCodec<?>> CODECS = EventSchemaStore.EVENT_TYPES.stream()
            .collect(Collectors.toUnmodifiableMap(type -> type, type -> AvroCodec.of(type), (a, b) -> a));

    @Override
    public byte[] serialize(String topic, SpecificRecord event) {
        if (event == null) {
            return null;
        }
        return encode(codecFor(event.getClass()), event);
    }

    private static AvroCodec<?> codecFor(Class<?> type) {
        AvroCodec<?> codec = CODECS.get(type);
        if (codec == null) {
            throw new SerializationException(type.getName() + " is not a SabiScore event type; known: " + CODECS.keySet());
        }
        return codec;
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> byte[] encode(AvroCodec<T> codec, SpecificRecord event) {
        // the codec was looked up by this event's own class
        return codec.encode((T) event);
    }
}
