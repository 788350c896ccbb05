package com.sabiscore.streams;

import java.nio.ByteBuffer;
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
     * The store's serde: a flags byte, then whichever of applied time, held result, fixture and held
     * fixture are set (the held fixture last, so entries written before it existed read the same).
     */
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
            size += sizeOf(heldResult);
        }
        if (fixtureEvent != null) {
            flags |= PENDING;
            size += Integer.BYTES + fixtureEvent.length;
        }
        if (heldFixture != null) {
            flags |= HELD_FIXTURE;
            size += sizeOf(heldFixture);
        }
        ByteBuffer out = ByteBuffer.allocate(size).put(flags);
        if (isApplied()) {
            out.putLong(appliedAtMs);
        }
        if (heldResult != null) {
            put(out, heldResult);
        }
        if (fixtureEvent != null) {
            out.putInt(fixtureEvent.length).put(fixtureEvent);
        }
        if (heldFixture != null) {
            put(out, heldFixture);
        }
        return out.array();
    }

    private static int sizeOf(HeldEvent held) {
        return Long.BYTES + Integer.BYTES + Long.BYTES + Integer.BYTES + held.event().length;
    }

    private static void put(ByteBuffer out, HeldEvent held) {
        out.putLong(held.timestamp()).putInt(held.partition()).putLong(held.offset()).putInt(held.event().length).put(held.event());
    }

    private static HeldEvent takeHeld(ByteBuffer in) {
        long timestamp = in.getLong();
        int partition = in.getInt();
        long offset = in.getLong();
        return new HeldEvent(timestamp, partition, offset, take(in));
    }

    static FixtureStatus fromBytes(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte flags = in.get();
        long appliedAt = (flags & APPLIED) != 0 ? in.getLong() : NOT_APPLIED;
        HeldEvent held = (flags & HELD) != 0 ? takeHeld(in) : null;
        byte[] fixture = (flags & PENDING) != 0 ? take(in) : null;
        HeldEvent heldFixture = (flags & HELD_FIXTURE) != 0 ? takeHeld(in) : null;
        return new FixtureStatus(fixture, held, heldFixture, appliedAt);
    }

    private static byte[] take(ByteBuffer in) {
        byte[] bytes = new byte[in.getInt()];
        in.get(bytes);
        return bytes;
    }
}
