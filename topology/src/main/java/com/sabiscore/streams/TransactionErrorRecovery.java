package com.sabiscore.streams;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;
import org.apache.kafka.common.errors.InvalidPidMappingException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TransactionAbortedException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a stream thread that died does next. A thread killed by its transactional producer's state
 * (the broker refused a sequence or an epoch, e.g. after retries of {@code CONCURRENT_TRANSACTIONS}
 * under load) is replaced: the new thread's producer gets a new epoch, the open transaction is
 * aborted and its tasks resume from the last commit, so exactly-once holds and the instance keeps
 * serving. Anything else, and such errors repeating more than {@link #MAX_REPLACEMENTS} times in
 * {@link #WINDOW}, stops the client as Kafka Streams does by default: a bug is not retried forever.
 */
public final class TransactionErrorRecovery implements StreamsUncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionErrorRecovery.class);
    static final int MAX_REPLACEMENTS = 5;
    static final Duration WINDOW = Duration.ofMinutes(10);

    private final LongSupplier nanoClock;
    private final Deque<Long> replacements = new ArrayDeque<>();

    public TransactionErrorRecovery(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable failure) {
        if (!isProducerStateError(failure)) {
            LOG.error("a stream thread failed; stopping the stream", failure);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        long now = nanoClock.getAsLong();
        while (!replacements.isEmpty() && now - replacements.peekFirst() > WINDOW.toNanos()) {
            replacements.removeFirst();
        }
        if (replacements.size() >= MAX_REPLACEMENTS) {
            LOG.error("a stream thread's transactions failed {} times within {}; stopping the stream", replacements.size() + 1, WINDOW,
                    failure);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        replacements.addLast(now);
        LOG.warn("a stream thread's transaction failed ({}); replacing the thread, its tasks resume from their last commit",
                rootCause(failure));
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /** Whether the failure comes from the producer's transactional state, which a new producer epoch clears. */
    static boolean isProducerStateError(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidTxnStateException || cause instanceof InvalidProducerEpochException
                    || cause instanceof OutOfOrderSequenceException || cause instanceof ProducerFencedException
                    || cause instanceof InvalidPidMappingException || cause instanceof TransactionAbortedException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
