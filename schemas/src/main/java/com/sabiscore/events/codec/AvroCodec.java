package com.sabiscore.events.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Encodes one event (or state-store value) type to Avro single-object bytes and back (see {@code docs/wire-format.md}):
 * a 2-byte marker {@code C3 01}, the 8-byte little-endian fingerprint of the writer schema, then
 * the Avro binary body. A decoder reads any writer schema its {@link SchemaStore} knows and
 * resolves it to the current reader schema, so fields added with a default read from old events
 * and fields removed are skipped.
 *
 * <p>Bytes of the current schema (nearly all of them) are written and read with Avro's buffered
 * encoder and decoder straight on the array: Avro's message encoder and decoder go through a
 * stream one value at a time, which made them two to three times slower for a state-store value.
 * Every other writer schema goes through Avro's {@link BinaryMessageDecoder}, which resolves it.
 *
 * <p>Thread-safe: one instance per type can be shared by every thread.
 *
 * @param <T> the generated event or state class
 */
public final class AvroCodec<T extends SpecificRecord> {

    private static final byte[] MARKER = {(byte) 0xC3, (byte) 0x01};
    private static final int HEADER_LENGTH = MARKER.length + Long.BYTES;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final Class<T> type;
    private final Schema schema;
    /** The marker and the current schema's fingerprint, as every value this codec writes starts. */
    private final byte[] header;
    private final SpecificDatumWriter<T> writer;
    private final SpecificDatumReader<T> reader;
    private final BinaryMessageDecoder<T> decoder;

    private AvroCodec(Class<T> type, SchemaStore writerSchemas) {
        TrustedEvents.install();
        this.type = type;
        SpecificData model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.header = Arrays.copyOf(MARKER, HEADER_LENGTH);
        ByteBuffer.wrap(header, MARKER.length, Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(EventSchemaStore.fingerprint(schema));
        this.writer = new SpecificDatumWriter<>(schema, model);
        this.reader = new SpecificDatumReader<>(schema, schema, model);
        this.decoder = new BinaryMessageDecoder<>(model, schema, sameTypeOnly(writerSchemas));
    }

    /** Per thread: the buffer a value is written into, and Avro's encoder and decoder, reused. */
    private static final class Scratch {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        private BinaryEncoder encoder;
        private BinaryDecoder decoder;
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
        Scratch scratch = SCRATCH.get();
        try {
            // the encoder first: reconfiguring it flushes whatever a failed write left in it, then the buffer is emptied
            scratch.encoder = EncoderFactory.get().binaryEncoder(scratch.out, scratch.encoder);
            scratch.out.reset();
            scratch.out.write(header, 0, HEADER_LENGTH);
            writer.write(event, scratch.encoder);
            scratch.encoder.flush();
            return scratch.out.toByteArray();
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
            if (bytes.length >= HEADER_LENGTH && Arrays.equals(bytes, 0, HEADER_LENGTH, header, 0, HEADER_LENGTH)) {
                Scratch scratch = SCRATCH.get();
                scratch.decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH, scratch.decoder);
                return reader.read(null, scratch.decoder);
            }
            return decoder.decode(bytes);
        } catch (IOException e) {
            throw new AvroRuntimeException("truncated or corrupt " + type.getSimpleName() + " event: " + e.getMessage(), e);
        }
    }

    /** Whether {@code bytes} start with the single-object marker {@code C3 01}, as everything this codec writes does. */
    public static boolean isSingleObject(byte[] bytes) {
        return bytes.length >= MARKER.length && bytes[0] == MARKER[0] && bytes[1] == MARKER[1];
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
