package com.sabiscore.app;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * One time budget for closing everything: each step that may wait gets at most what the steps
 * before it left, so a requested stop ends in time however long the first steps took.
 */
final class CloseDeadline {

    private final long deadlineNanos;
    private final LongSupplier nanoClock;

    private CloseDeadline(long deadlineNanos, LongSupplier nanoClock) {
        this.deadlineNanos = deadlineNanos;
        this.nanoClock = nanoClock;
    }

    /** @param nanoClock monotonic time in nanoseconds ({@code System::nanoTime} in the app) */
    static CloseDeadline after(Duration budget, LongSupplier nanoClock) {
        return new CloseDeadline(nanoClock.getAsLong() + budget.toNanos(), nanoClock);
    }

    /** What is left of the budget now; zero once it is spent. */
    Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadlineNanos - nanoClock.getAsLong()));
    }

    /** What is left of the budget now, but no more than {@code cap}: a step that must leave time to the steps after it. */
    Duration remaining(Duration cap) {
        Duration left = remaining();
        return left.compareTo(cap) < 0 ? left : cap;
    }
}
