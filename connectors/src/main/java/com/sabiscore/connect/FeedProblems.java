package com.sabiscore.connect;

import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sabiscore.data.MalformedDataException;

/**
 * What the feed could not publish, logged and counted instead of failing the task: a bad row or
 * file must not stop every other match from flowing. The counts are the task's
 * {@code malformed-rows} and {@code unreadable-files} metrics.
 */
final class FeedProblems {

    private static final Logger LOG = LoggerFactory.getLogger(FeedProblems.class);

    private final AtomicLong malformedRows = new AtomicLong();
    private final AtomicLong unreadableFiles = new AtomicLong();

    /** A row left out; the message names the file and the data row. */
    void malformedRow(MalformedDataException problem) {
        malformedRows.incrementAndGet();
        LOG.warn("Skipping a malformed row: {}", problem.getMessage());
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
}
