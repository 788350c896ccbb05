package com.sabiscore.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The close budget on a clock the test moves: each step gets what the steps before it left. */
class CloseDeadlineTest {

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final CloseDeadline deadline = CloseDeadline.after(Duration.ofSeconds(9), nanos::get);

    private void elapse(Duration time) {
        nanos.addAndGet(time.toNanos());
    }

    @Test
    void shouldLeaveTheLastStepWhatTheDrainDidNotUse() {
        // when the HTTP drain takes its full 2 s
        elapse(Duration.ofSeconds(2));

        // then the stream, closing last, gets the other 7 s rather than a fixed time on top
        assertThat(deadline.remaining()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void shouldCapAStepThatMustLeaveTimeToTheStepsAfterIt() {
        // given half a second spent
        elapse(Duration.ofMillis(500));

        // then a step capped at 2 s gets 2 s, and the cap never exceeds what is left
        assertThat(deadline.remaining(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(2));
        elapse(Duration.ofMillis(7_800));
        assertThat(deadline.remaining(Duration.ofSeconds(2))).isEqualTo(Duration.ofMillis(700));
    }

    @Test
    void shouldGiveNothingOnceTheBudgetIsSpent() {
        // when the first steps overran the budget
        elapse(Duration.ofSeconds(12));

        // then what remains is zero, never negative
        assertThat(deadline.remaining()).isZero();
        assertThat(deadline.remaining(Duration.ofSeconds(1))).isZero();
    }
}
