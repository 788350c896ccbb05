package com.sabiscore.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HotKeyTrackerTest {

    private static final Duration WINDOW = Duration.ofSeconds(60);

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final HotKeyTracker tracker = new HotKeyTracker(3, WINDOW, clock::get);

    private boolean lookUp(String fixture, int times) {
        boolean hot = false;
        for (int i = 0; i < times; i++) {
            hot = tracker.lookedUp(fixture);
        }
        return hot;
    }

    private void advance(Duration by) {
        clock.addAndGet(by.toNanos());
    }

    @Test
    void shouldTurnHotOnlyAfterMoreThanThresholdLookupsInAWindow() {
        // given three lookups: the threshold, not more
        boolean atThreshold = lookUp("E0:2024-01-01:A:B", 3);

        // when one more arrives in the same window
        boolean above = tracker.lookedUp("E0:2024-01-01:A:B");

        // then
        assertThat(atThreshold).isFalse();
        assertThat(above).isTrue();
        assertThat(tracker.isHot("E0:2024-01-01:A:B")).isTrue();
        assertThat(tracker.isHot("E0:2024-01-01:C:D")).isFalse();
    }

    @Test
    void shouldNotAddUpLookupsSpreadOverManyWindows() {
        // given three lookups per window for three windows: never more than three in one
        for (int w = 0; w < 3; w++) {
            lookUp("E0:2024-01-01:A:B", 3);
            advance(WINDOW);
        }

        // then
        assertThat(tracker.isHot("E0:2024-01-01:A:B")).isFalse();
    }

    @Test
    void shouldStayHotForTheNextWindowAndCoolDownAfter() {
        // given a burst
        lookUp("E0:2024-01-01:A:B", 5);

        // when a window passes without lookups, and then another
        advance(WINDOW.plusSeconds(1));
        boolean nextWindow = tracker.isHot("E0:2024-01-01:A:B");
        advance(WINDOW);
        boolean windowAfter = tracker.isHot("E0:2024-01-01:A:B");

        // then
        assertThat(nextWindow).isTrue();
        assertThat(windowAfter).isFalse();
    }
}
