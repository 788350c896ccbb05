package com.sabiscore.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class FixtureStatusTest {

    private static final byte[] FIXTURE = "fixture event".getBytes(StandardCharsets.UTF_8);
    private static final FixtureStatus.HeldEvent HELD =
            new FixtureStatus.HeldEvent(1_698_508_800_000L, 3, 42L, "result event".getBytes(StandardCharsets.UTF_8));
    /** Every status a fixture goes through. */
    private static final List<FixtureStatus> STATUSES = List.of(
            FixtureStatus.UNKNOWN.withFixture(FIXTURE),
            FixtureStatus.UNKNOWN.withHeldResult(HELD),
            FixtureStatus.UNKNOWN.withFixture(FIXTURE).withHeldResult(HELD),
            FixtureStatus.UNKNOWN.withHeldFixture(HELD),
            FixtureStatus.UNKNOWN.withFixture(FIXTURE).withHeldResult(HELD).withHeldFixture(HELD),
            FixtureStatus.applied(1_698_508_800_000L));

    private final Serde<FixtureStatus> serde = FixtureStatus.serde();

    @Test
    void shouldReadBackEveryStatusAFixtureGoesThrough() {
        for (FixtureStatus status : STATUSES) {
            assertSameStatus(read(serde.serializer().serialize("", status)), status);
        }
    }

    @Test
    void shouldReadEveryStatusWrittenInThePreviousLayout() {
        for (FixtureStatus status : STATUSES) {
            assertSameStatus(read(PreviousFixtureStatusLayout.write(status)), status);
        }
    }

    @Test
    void shouldReadAStatusWrittenBeforeFixturesCouldBeHeld() {
        // the previous layout before held fixtures: flags (pending | held result), the held result, then the fixture
        byte[] bytes = PreviousFixtureStatusLayout.write(FixtureStatus.UNKNOWN.withFixture(FIXTURE).withHeldResult(HELD));

        FixtureStatus read = read(bytes);

        assertThat(bytes[0]).isEqualTo((byte) 3);
        assertThat(read.heldFixture()).isNull();
        assertThat(read.fixtureEvent()).isEqualTo(FIXTURE);
        assertThat(read.heldResult()).usingRecursiveComparison().isEqualTo(HELD);
    }

    @Test
    void shouldWriteTheSingleObjectMarkerFirst() {
        assertThat(serde.serializer().serialize("", FixtureStatus.applied(7L))).startsWith((byte) 0xC3, (byte) 0x01);
    }

    @Test
    void shouldRefuseATruncatedStatusInEitherLayout() {
        FixtureStatus pending = FixtureStatus.UNKNOWN.withFixture(FIXTURE);
        byte[] current = serde.serializer().serialize("", pending);
        byte[] previous = PreviousFixtureStatusLayout.write(pending);

        assertThatThrownBy(() -> read(Arrays.copyOf(current, current.length - 4))).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> read(Arrays.copyOf(previous, previous.length - 4))).isInstanceOf(SerializationException.class);
    }

    @Test
    void shouldAnnounceAHeldFixtureByForgettingTheHeldCopy() {
        FixtureStatus announced = FixtureStatus.UNKNOWN.withHeldFixture(HELD).withFixture(FIXTURE);

        assertThat(announced.isPending()).isTrue();
        assertThat(announced.heldFixture()).isNull();
    }

    @Test
    void shouldKeepOnlyTheTimeOnceApplied() {
        FixtureStatus applied = FixtureStatus.applied(7L);

        FixtureStatus read = read(serde.serializer().serialize("", applied));

        assertThat(applied.isApplied()).isTrue();
        assertThat(applied.isPending()).isFalse();
        assertThat(applied.heldResult()).isNull();
        assertThat(read).isEqualTo(FixtureStatus.applied(7L));
        assertThat(FixtureStatus.UNKNOWN.isApplied()).isFalse();
        assertThat(FixtureStatus.UNKNOWN.isPending()).isFalse();
    }

    private FixtureStatus read(byte[] bytes) {
        return serde.deserializer().deserialize("", bytes);
    }

    private static void assertSameStatus(FixtureStatus read, FixtureStatus status) {
        assertThat(read.isPending()).isEqualTo(status.isPending());
        assertThat(read.isApplied()).isEqualTo(status.isApplied());
        assertThat(read.appliedAtMs()).isEqualTo(status.appliedAtMs());
        assertThat(read.fixtureEvent()).isEqualTo(status.fixtureEvent());
        assertThat(read.heldResult()).usingRecursiveComparison().isEqualTo(status.heldResult());
        assertThat(read.heldFixture()).usingRecursiveComparison().isEqualTo(status.heldFixture());
    }
}
