package com.sabiscore.streams;

import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Everything a task keeps about one fixture id, in one entry of the {@code fixture-status} store:
 * the announced fixture while it is pending, a result held back until the fixtures topic reaches
 * its time ({@link HeldResults}), or, once its result is applied, only when (which makes results
 * idempotent and a played fixture unscorable).
 * <p>
 * One entry rather than a store for each: a match goes from announced to held to applied within
 * one commit interval of a replay, and the record cache folds the writes of one key into one
 * changelog record, but writes a tombstone for every key deleted: three stores would cost a match
 * up to five changelog records (pending put and tombstone, held put and tombstone, applied put).
 * <p>
 * Events are kept as the bytes they arrived as (single-object Avro), decoded only when needed.
 */
record FixtureStatus(byte[] fixtureEvent, HeldResult heldResult, long appliedAtMs) {

    private static final long NOT_APPLIED = Long.MIN_VALUE;
    private static final byte PENDING = 1;
    private static final byte HELD = 2;
    private static final byte APPLIED = 4;

    /** A fixture id the task has seen nothing of. */
    static final FixtureStatus UNKNOWN = new FixtureStatus(null, null, NOT_APPLIED);

    /** A result waiting for the fixtures topic: its event time, where it came from, and its bytes. */
    record HeldResult(long timestamp, int partition, long offset, byte[] event) {
    }

    /** Once applied, nothing else about the fixture matters. */
    static FixtureStatus applied(long atMs) {
        return new FixtureStatus(null, null, atMs);
    }

    boolean isApplied() {
        return appliedAtMs != NOT_APPLIED;
    }

    boolean isPending() {
        return fixtureEvent != null;
    }

    FixtureStatus withFixture(byte[] event) {
        return new FixtureStatus(event, heldResult, appliedAtMs);
    }

    FixtureStatus withHeldResult(HeldResult held) {
        return new FixtureStatus(fixtureEvent, held, appliedAtMs);
    }

    /** The store's serde: a flags byte, then whichever of applied time, held result and fixture are set. */
    static Serde<FixtureStatus> serde() {
        return Serdes.serdeFrom(
                (topic, status) -> status == null ? null : status.toBytes(),
                (topic, bytes) -> bytes == null ? null : fromBytes(bytes));
    }

    byte[] toBytes() {
        int size = 1;
        byte flags = 0;
        if (isApplied()) {
            flags |= APPLIED;
            size += Long.BYTES;
        }
        if (heldResult != null) {
            flags |= HELD;
            size += Long.BYTES + Integer.BYTES + Long.BYTES + Integer.BYTES + heldResult.event().length;
        }
        if (fixtureEvent != null) {
            flags |= PENDING;
            size += Integer.BYTES + fixtureEvent.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size).put(flags);
        if (isApplied()) {
            out.putLong(appliedAtMs);
        }
        if (heldResult != null) {
            out.putLong(heldResult.timestamp()).putInt(heldResult.partition()).putLong(heldResult.offset())
                    .putInt(heldResult.event().length).put(heldResult.event());
        }
        if (fixtureEvent != null) {
            out.putInt(fixtureEvent.length).put(fixtureEvent);
        }
        return out.array();
    }

    static FixtureStatus fromBytes(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte flags = in.get();
        long appliedAt = (flags & APPLIED) != 0 ? in.getLong() : NOT_APPLIED;
        HeldResult held = null;
        if ((flags & HELD) != 0) {
            long timestamp = in.getLong();
            int partition = in.getInt();
            long offset = in.getLong();
            held = new HeldResult(timestamp, partition, offset, take(in));
        }
        byte[] fixture = (flags & PENDING) != 0 ? take(in) : null;
        return new FixtureStatus(fixture, held, appliedAt);
    }

    private static byte[] take(ByteBuffer in) {
        byte[] bytes = new byte[in.getInt()];
        in.get(bytes);
        return bytes;
    }
}
