package com.sabiscore.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FixtureStatusTest {

    private static final byte[] FIXTURE = "fixture event".getBytes(StandardCharsets.UTF_8);
    private static final FixtureStatus.HeldEvent HELD =
            new FixtureStatus.HeldEvent(1_698_508_800_000L, 3, 42L, "result event".getBytes(StandardCharsets.UTF_8));

    @Test
    void shouldReadBackEveryStatusAFixtureGoesThrough() {
        List<FixtureStatus> statuses = List.of(
                FixtureStatus.UNKNOWN.withFixture(FIXTURE),
                FixtureStatus.UNKNOWN.withHeldResult(HELD),
                FixtureStatus.UNKNOWN.withFixture(FIXTURE).withHeldResult(HELD),
                FixtureStatus.UNKNOWN.withHeldFixture(HELD),
                FixtureStatus.UNKNOWN.withFixture(FIXTURE).withHeldResult(HELD).withHeldFixture(HELD),
                FixtureStatus.applied(1_698_508_800_000L));

        for (FixtureStatus status : statuses) {
            FixtureStatus read = FixtureStatus.fromBytes(status.toBytes());

            assertThat(read.isPending()).isEqualTo(status.isPending());
            assertThat(read.isApplied()).isEqualTo(status.isApplied());
            assertThat(read.appliedAtMs()).isEqualTo(status.appliedAtMs());
            assertThat(read.fixtureEvent()).isEqualTo(status.fixtureEvent());
            assertThat(read.heldResult()).usingRecursiveComparison().isEqualTo(status.heldResult());
            assertThat(read.heldFixture()).usingRecursiveComparison().isEqualTo(status.heldFixture());
        }
    }

    @Test
    void shouldReadAStatusWrittenBeforeFixturesCouldBeHeld() {
        // the layout without held fixtures: flags (pending | held result), the held result, then the fixture
        FixtureStatus before = FixtureStatus.UNKNOWN.withFixture(FIXTURE).withHeldResult(HELD);
        byte[] bytes = before.toBytes();

        FixtureStatus read = FixtureStatus.fromBytes(bytes);

        assertThat(bytes[0]).isEqualTo((byte) 3);
        assertThat(read.heldFixture()).isNull();
        assertThat(read.fixtureEvent()).isEqualTo(FIXTURE);
        assertThat(read.heldResult()).usingRecursiveComparison().isEqualTo(HELD);
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

        assertThat(applied.isApplied()).isTrue();
        assertThat(applied.isPending()).isFalse();
        assertThat(applied.heldResult()).isNull();
        assertThat(applied.toBytes()).hasSize(1 + Long.BYTES);
        assertThat(FixtureStatus.UNKNOWN.isApplied()).isFalse();
        assertThat(FixtureStatus.UNKNOWN.isPending()).isFalse();
    }
}
