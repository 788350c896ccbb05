package com.sabiscore.metrics;

import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

/**
 * The {@code http.server.requests} timers of one method and route, one per status, each
 * registered on its first answer. A route holds its own, so timing an answer is an array read
 * and a record: looking the timer up by name and tags on every request cost about as much as
 * recording (a profile of the predict benchmark). Thread-safe.
 */
public final class HttpRouteTimers {

    /** Statuses are three digits; a slot per status keeps the lookup an index. */
    private static final int STATUSES = 600;

    private final IntFunction<Timer> register;
    private final AtomicReferenceArray<Timer> byStatus = new AtomicReferenceArray<>(STATUSES);

    /** @param register the timer of a status (Micrometer returns the one registered before for the same tags) */
    HttpRouteTimers(IntFunction<Timer> register) {
        this.register = register;
    }

    /** Counts and times one answer with {@code status}, ready {@code nanos} after its request arrived whole. */
    public void record(int status, long nanos) {
        timer(status).record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(int status) {
        if (status < 0 || status >= STATUSES) {
            return register.apply(status);
        }
        Timer timer = byStatus.get(status);
        if (timer == null) {
            // two threads may both register: Micrometer hands both the same timer
            timer = register.apply(status);
            byStatus.set(status, timer);
        }
        return timer;
    }
}
