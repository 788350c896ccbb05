package com.sabiscore.streams;

import com.sabiscore.events.codec.AvroCodec;
import java.nio.ByteBuffer;
import org.apache.avro.AvroRuntimeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Everything a task keeps about one fixture id, in one entry of the {@code fixture-status} store:
 * the announced fixture while it is pending, a result or a newer copy of the fixture held back
 * until the other input topic reaches its time ({@link HeldEvents}), or, once its result is
 * applied, only when (which makes results idempotent and a played fixture unscorable).
 * <p>
 * One entry rather than a store for each: a match goes from announced to held to applied within
 * one commit interval of a replay, and the record cache folds the writes of one key into one
 * changelog record, but writes a tombstone for every key deleted: three stores would cost a match
 * up to five changelog records (pending put and tombstone, held put and tombstone, applied put).
 * <p>
 * Events are kept as the bytes they arrived as (single-object Avro), decoded only when needed.
 */
record FixtureStatus(byte[] fixtureEvent, HeldEvent heldResult, HeldEvent heldFixture, long appliedAtMs) {

    private static final long NOT_APPLIED = Long.MIN_VALUE;
    private static final AvroCodec<com.sabiscore.state.FixtureStatus> CODEC = AvroCodec.of(com.sabiscore.state.FixtureStatus.class);
    // the flags of the earlier hand-written layout, which never starts with the single-object marker
    private static final byte PENDING = 1;
    private static final byte HELD = 2;
    private static final byte APPLIED = 4;
    private static final byte HELD_FIXTURE = 8;

    /** A fixture id the task has seen nothing of. */
    static final FixtureStatus UNKNOWN = new FixtureStatus(null, null, null, NOT_APPLIED);

    /** An event waiting for the other input topic: its event time, where it came from, and its bytes. */
    record HeldEvent(long timestamp, int partition, long offset, byte[] event) {
    }

    /** Once applied, nothing else about the fixture matters. */
    static FixtureStatus applied(long atMs) {
        return new FixtureStatus(null, null, null, atMs);
    }

    boolean isApplied() {
        return appliedAtMs != NOT_APPLIED;
    }

    boolean isPending() {
        return fixtureEvent != null;
    }

    /** The fixture announced (scored), and any held copy of it done with. */
    FixtureStatus withFixture(byte[] event) {
        return new FixtureStatus(event, heldResult, null, appliedAtMs);
    }

    FixtureStatus withHeldResult(HeldEvent held) {
        return new FixtureStatus(fixtureEvent, held, heldFixture, appliedAtMs);
    }

    FixtureStatus withHeldFixture(HeldEvent held) {
        return new FixtureStatus(fixtureEvent, heldResult, held, appliedAtMs);
    }

    /**
     * The store's serde: the Avro contract {@code com.sabiscore.state.FixtureStatus}, single-object
     * encoded. It also reads entries of the earlier hand-written layout ({@link #fromPreviousLayout}).
     */
    static Serde<FixtureStatus> serde() {
        return Serdes.serdeFrom(
                (topic, status) -> status == null ? null : status.toBytes(),
                (topic, bytes) -> bytes == null ? null : fromBytes(bytes));
    }

    byte[] toBytes() {
        com.sabiscore.state.FixtureStatus value = new com.sabiscore.state.FixtureStatus();
        value.setAppliedAtMs(isApplied() ? appliedAtMs : null);
        value.setFixtureEvent(fixtureEvent == null ? null : ByteBuffer.wrap(fixtureEvent));
        value.setHeldResult(toValue(heldResult));
        value.setHeldFixture(toValue(heldFixture));
        return CODEC.encode(value);
    }

    /**
     * Reads an entry, also one written in the earlier hand-written layout (no single-object marker):
     * reading it costs one small method, where rebuilding the store would mean reprocessing every
     * input topic, since its changelog holds that layout too.
     *
     * @throws SerializationException for truncated or corrupt bytes
     */
    static FixtureStatus fromBytes(byte[] bytes) {
        if (!AvroCodec.isSingleObject(bytes)) {
            return fromPreviousLayout(bytes);
        }
        com.sabiscore.state.FixtureStatus value;
        try {
            value = CODEC.decode(bytes);
        } catch (AvroRuntimeException e) {
            throw new SerializationException("corrupt fixture status: " + e.getMessage(), e);
        }
        Long appliedAt = value.getAppliedAtMs();
        ByteBuffer fixture = value.getFixtureEvent();
        return new FixtureStatus(fixture == null ? null : AvroCodec.toArray(fixture), toDomain(value.getHeldResult()),
                toDomain(value.getHeldFixture()), appliedAt == null ? NOT_APPLIED : appliedAt);
    }

    private static com.sabiscore.state.HeldEvent toValue(HeldEvent held) {
        return held == null ? null
                : new com.sabiscore.state.HeldEvent(held.timestamp(), held.partition(), held.offset(), ByteBuffer.wrap(held.event()));
    }

    private static HeldEvent toDomain(com.sabiscore.state.HeldEvent value) {
        return value == null ? null
                : new HeldEvent(value.getTimestampMs(), value.getPartition(), value.getOffset(), AvroCodec.toArray(value.getEvent()));
    }

    /**
     * The earlier layout: a flags byte ({@link #PENDING}, {@link #HELD}, {@link #APPLIED},
     * {@link #HELD_FIXTURE}), then whichever of applied time, held result, fixture and held fixture
     * are set, in that order; a held event as timestamp, partition, offset, then its length-prefixed bytes.
     */
    private static FixtureStatus fromPreviousLayout(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            byte flags = in.get();
            long appliedAt = (flags & APPLIED) != 0 ? in.getLong() : NOT_APPLIED;
            HeldEvent held = (flags & HELD) != 0 ? takeHeld(in) : null;
            byte[] fixture = (flags & PENDING) != 0 ? take(in) : null;
            HeldEvent heldFixture = (flags & HELD_FIXTURE) != 0 ? takeHeld(in) : null;
            return new FixtureStatus(fixture, held, heldFixture, appliedAt);
        } catch (RuntimeException e) {
            throw new SerializationException("corrupt fixture status in the earlier layout: " + e, e);
        }
    }

    private static HeldEvent takeHeld(ByteBuffer in) {
        long timestamp = in.getLong();
        int partition = in.getInt();
        long offset = in.getLong();
        return new HeldEvent(timestamp, partition, offset, take(in));
    }

    private static byte[] take(ByteBuffer in) {
        byte[] bytes = new byte[in.getInt()];
        in.get(bytes);
        return bytes;
    }
}
