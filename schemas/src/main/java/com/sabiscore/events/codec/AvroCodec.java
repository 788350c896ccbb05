package com.sabiscore.events.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Encodes one event type to Avro single-object bytes and back (see {@code docs/wire-format.md}):
 * a 2-byte marker {@code C3 01}, the 8-byte little-endian fingerprint of the writer schema, then
 * the Avro binary body. A decoder reads any writer schema its {@link SchemaStore} knows and
 * resolves it to the current reader schema, so fields added with a default read from old events
 * and fields removed are skipped.
 *
 * <p>Thread-safe: one instance per type can be shared by every thread.
 *
 * @param <T> the generated event class
 */
public final class AvroCodec<T extends SpecificRecord> {

    private final Class<T> type;
    private final Schema schema;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    private AvroCodec(Class<T> type, SchemaStore writerSchemas) {
        TrustedEvents.install();
        this.type = type;
        SpecificData model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        // no copy inside the encoder: encode() copies its thread's buffer into the returned array once
        this.encoder = new BinaryMessageEncoder<>(model, schema, false);
        this.decoder = new BinaryMessageDecoder<>(model, schema, sameTypeOnly(writerSchemas));
    }

    /**
     * Avro resolves records field by field without comparing their names, so a result whose
     * fields happen to cover a fixture's would otherwise decode as a fixture. A writer schema of
     * another type is refused instead.
     */
    private SchemaStore sameTypeOnly(SchemaStore writerSchemas) {
        return fingerprint -> {
            Schema writer = writerSchemas.findByFingerprint(fingerprint);
            if (writer != null && !writer.getFullName().equals(schema.getFullName())) {
                throw new AvroTypeException("bytes hold a " + writer.getFullName() + ", not a " + schema.getFullName());
            }
            return writer;
        };
    }

    /** A codec that reads every bundled schema version ({@link EventSchemaStore#bundled()}). */
    public static <T extends SpecificRecord> AvroCodec<T> of(Class<T> type) {
        return new AvroCodec<>(type, EventSchemaStore.bundled());
    }

    /** A codec that looks writer schemas up in {@code writerSchemas} (its own type's current schema is always known). */
    public static <T extends SpecificRecord> AvroCodec<T> of(Class<T> type, SchemaStore writerSchemas) {
        return new AvroCodec<>(type, writerSchemas);
    }

    public Class<T> type() {
        return type;
    }

    /** The reader (and writer) schema: the one the generated class was built from. */
    public Schema schema() {
        return schema;
    }

    public byte[] encode(T event) {
        try {
            ByteBuffer encoded = encoder.encode(event);
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new AvroRuntimeException("cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Decodes single-object bytes.
     *
     * @throws org.apache.avro.message.BadHeaderException     the bytes do not start with the single-object marker
     * @throws org.apache.avro.message.MissingSchemaException the writer schema's fingerprint is unknown
     * @throws AvroTypeException                              the bytes hold another event type
     * @throws AvroRuntimeException                           the body is truncated or corrupt
     */
    public T decode(byte[] bytes) {
        try {
            return decoder.decode(bytes);
        } catch (IOException e) {
            throw new AvroRuntimeException("truncated or corrupt " + type.getSimpleName() + " event: " + e.getMessage(), e);
        }
    }

    /** Whether {@code bytes} start with the single-object marker {@code C3 01}, as everything this codec writes does. */
    public static boolean isSingleObject(byte[] bytes) {
        return bytes.length >= 2 && bytes[0] == (byte) 0xC3 && bytes[1] == (byte) 0x01;
    }

    /**
     * The array behind a decoded {@code bytes} field. Avro reads each such field into a buffer of its
     * own, exactly as long as the value, so that array is taken as it is; any other buffer is copied.
     */
    public static byte[] toArray(ByteBuffer buffer) {
        if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.position() == 0
                && buffer.remaining() == buffer.array().length) {
            return buffer.array();
        }
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }
}
