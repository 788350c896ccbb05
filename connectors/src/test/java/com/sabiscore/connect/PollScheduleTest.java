package com.sabiscore.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class PollScheduleTest {

    private static final Instant START = Instant.parse("2024-09-10T12:00:00Z");
    private static final Duration INTERVAL = Duration.ofMinutes(10);

    private final PollSchedule schedule = new PollSchedule(INTERVAL, Duration.ofSeconds(30), START);

    @Test
    void shouldPollAtOnceThenEveryIntervalAfterAGoodPoll() {
        assertThat(schedule.untilNextPoll(START)).isZero();

        schedule.polled(START, false);

        assertThat(schedule.untilNextPoll(START)).isEqualTo(INTERVAL);
    }

    @Test
    void shouldDoubleTheWaitAfterEachFailureInARowButNeverWaitLongerThanTheInterval() {
        // 30 s, 1 min, 2 min, 4 min, 8 min, then the 10 min interval caps it
        Duration[] expected = {Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
            Duration.ofMinutes(8), INTERVAL, INTERVAL};
        Instant at = START;
        for (Duration wait : expected) {
            schedule.polled(at, true);
            assertThat(schedule.untilNextPoll(at)).isEqualTo(wait);
            at = at.plus(wait);
        }
        assertThat(schedule.failuresInARow()).isEqualTo(expected.length);
    }

    @Test
    void shouldStartBackingOffFromTheFirstRetryAgainAfterAGoodPoll() {
        schedule.polled(START, true);
        schedule.polled(START, true);
        schedule.polled(START, false);

        schedule.polled(START, true);

        assertThat(schedule.untilNextPoll(START)).isEqualTo(Duration.ofSeconds(30));
        assertThat(schedule.failuresInARow()).isEqualTo(1);
    }
}
