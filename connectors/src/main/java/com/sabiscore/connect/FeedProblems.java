package com.sabiscore.connect;

import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sabiscore.data.MalformedDataException;

/**
 * What the feed could not publish, logged and counted instead of failing the task: a bad row or
 * file must not stop every other match from flowing. The counts are the task's
 * {@code malformed-rows} and {@code unreadable-files} metrics, and the live feed's
 * {@code failed-fetches}.
 */
final class FeedProblems {

    private static final Logger LOG = LoggerFactory.getLogger(FeedProblems.class);

    private final AtomicLong malformedRows = new AtomicLong();
    private final AtomicLong unreadableFiles = new AtomicLong();
    private final AtomicLong failedFetches = new AtomicLong();

    /** A row left out; the message names the file and the data row. */
    void malformedRow(MalformedDataException problem) {
        malformedRows.incrementAndGet();
        LOG.warn("Skipping a malformed row: {}", problem.getMessage());
    }

    /** A row that reads but makes no sense to the stream (the reason is {@code EventValidator}'s). */
    void refusedRow(String fixtureId, String reason) {
        malformedRows.incrementAndGet();
        LOG.warn("Refusing the row of {}: {}", fixtureId, reason);
    }

    /** A file of the live feed that could not be fetched; the whole poll is retried. */
    void failedFetch(String file, Exception problem) {
        failedFetches.incrementAndGet();
        LOG.warn("Cannot fetch {}: {}", file, problem.toString());
    }

    /** A file that cannot be read at all; it is tried again once it changes. */
    void unreadableFile(String file, Exception problem) {
        unreadableFiles.incrementAndGet();
        LOG.warn("Skipping {} until it changes: {}", file, problem.getMessage());
    }

    long malformedRows() {
        return malformedRows.get();
    }

    long unreadableFiles() {
        return unreadableFiles.get();
    }

    long failedFetches() {
        return failedFetches.get();
    }
}
