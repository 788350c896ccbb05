package com.sabiscore.connect;

import java.time.Duration;
import java.time.Instant;

/**
 * When the live feed looks at the site next: every poll interval after a poll that went well;
 * after a failed one, sooner but backing off: the first retry after the retry backoff, each
 * further failure in a row doubling the wait, never longer than the poll interval. A site that is
 * down is asked ever less often, and once it is back the feed is at most one poll interval late.
 */
final class PollSchedule {

    private final Duration interval;
    private final Duration firstRetry;
    private Instant next;
    private int failuresInARow;

    /** The first poll is due at {@code start}. */
    PollSchedule(Duration interval, Duration firstRetry, Instant start) {
        this.interval = interval;
        this.firstRetry = firstRetry;
        this.next = start;
    }

    /** How long until the next poll is due: zero or negative when it is. */
    Duration untilNextPoll(Instant now) {
        return Duration.between(now, next);
    }

    /** A poll ran at {@code at}; {@code failed} when any file of it could not be fetched. */
    void polled(Instant at, boolean failed) {
        failuresInARow = failed ? failuresInARow + 1 : 0;
        next = at.plus(failed ? backoff(failuresInARow) : interval);
    }

    int failuresInARow() {
        return failuresInARow;
    }

    private Duration backoff(int failures) {
        Duration wait = firstRetry;
        for (int i = 1; i < failures && wait.compareTo(interval) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(interval) < 0 ? wait : interval;
    }
}
