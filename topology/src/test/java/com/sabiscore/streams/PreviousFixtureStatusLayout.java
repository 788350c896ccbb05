package com.sabiscore.streams;

import java.nio.ByteBuffer;

/**
 * Writes a fixture status in the hand-written layout the store held before the Avro state
 * contracts, so tests can build stores an earlier release wrote: a flags byte (1 pending, 2 held
 * result, 4 applied, 8 held fixture), then whichever of applied time, held result, fixture and held
 * fixture are set.
 */
final class PreviousFixtureStatusLayout {

    private PreviousFixtureStatusLayout() {
    }

    static byte[] write(FixtureStatus status) {
        ByteBuffer out = ByteBuffer.allocate(1 + Long.BYTES + sizeOf(status.heldResult()) + sizeOf(status.fixtureEvent())
                + sizeOf(status.heldFixture()));
        out.put((byte) ((status.isPending() ? 1 : 0) | (status.heldResult() != null ? 2 : 0)
                | (status.isApplied() ? 4 : 0) | (status.heldFixture() != null ? 8 : 0)));
        if (status.isApplied()) {
            out.putLong(status.appliedAtMs());
        }
        put(out, status.heldResult());
        if (status.fixtureEvent() != null) {
            out.putInt(status.fixtureEvent().length).put(status.fixtureEvent());
        }
        put(out, status.heldFixture());
        byte[] bytes = new byte[out.position()];
        out.flip().get(bytes);
        return bytes;
    }

    private static void put(ByteBuffer out, FixtureStatus.HeldEvent held) {
        if (held != null) {
            out.putLong(held.timestamp()).putInt(held.partition()).putLong(held.offset())
                    .putInt(held.event().length).put(held.event());
        }
    }

    private static int sizeOf(FixtureStatus.HeldEvent held) {
        return held == null ? 0 : Long.BYTES + Integer.BYTES + Long.BYTES + sizeOf(held.event());
    }

    private static int sizeOf(byte[] event) {
        return event == null ? 0 : Integer.BYTES + event.length;
    }
}
