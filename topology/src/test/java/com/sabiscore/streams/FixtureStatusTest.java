package com.sabiscore.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FixtureStatusTest {

    private static final byte[] FIXTURE = "fixture event".getBytes(StandardCharsets.UTF_8);
    private static final FixtureStatus.HeldResult HELD =
            new FixtureStatus.HeldResult(1_698_508_800_000L, 3, 42L, "result event".getBytes(StandardCharsets.UTF_8));

    @Test
    void shouldReadBackEveryStatusAFixtureGoesThrough() {
        List<FixtureStatus> statuses = List.of(
                FixtureStatus.UNKNOWN.withFixture(FIXTURE),
                FixtureStatus.UNKNOWN.withHeldResult(HELD),
                FixtureStatus.UNKNOWN.withFixture(FIXTURE).withHeldResult(HELD),
                FixtureStatus.applied(1_698_508_800_000L));

        for (FixtureStatus status : statuses) {
            FixtureStatus read = FixtureStatus.fromBytes(status.toBytes());

            assertThat(read.isPending()).isEqualTo(status.isPending());
            assertThat(read.isApplied()).isEqualTo(status.isApplied());
            assertThat(read.appliedAtMs()).isEqualTo(status.appliedAtMs());
            assertThat(read.fixtureEvent()).isEqualTo(status.fixtureEvent());
            if (status.heldResult() == null) {
                assertThat(read.heldResult()).isNull();
            } else {
                assertThat(read.heldResult()).usingRecursiveComparison().isEqualTo(status.heldResult());
            }
        }
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
