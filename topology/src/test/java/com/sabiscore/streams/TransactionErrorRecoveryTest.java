package com.sabiscore.streams;

import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class TransactionErrorRecoveryTest {

    private final AtomicLong now = new AtomicLong();
    private final TransactionErrorRecovery recovery = new TransactionErrorRecovery(now::get);

    private static StreamsException commitFailed() {
        return new StreamsException("Error encountered trying to commit a transaction",
                new InvalidTxnStateException("The producer attempted a transactional operation in an invalid state."));
    }

    @Test
    void shouldReplaceAThreadWhoseTransactionTheBrokerRefused() {
        assertThat(recovery.handle(commitFailed())).isEqualTo(REPLACE_THREAD);
        assertThat(recovery.handle(new StreamsException(new StreamsException(new OutOfOrderSequenceException("seq")))))
                .isEqualTo(REPLACE_THREAD);
    }

    @Test
    void shouldStopTheClientOnAnyOtherFailure() {
        assertThat(recovery.handle(new StreamsException(new IllegalStateException("a bug")))).isEqualTo(SHUTDOWN_CLIENT);
    }

    @Test
    void shouldStopTheClientWhenTransactionsKeepFailingAndReplaceAgainOnceTheyCalmDown() {
        // given as many replacements as allowed within the window
        for (int i = 0; i < TransactionErrorRecovery.MAX_REPLACEMENTS; i++) {
            assertThat(recovery.handle(commitFailed())).isEqualTo(REPLACE_THREAD);
            now.addAndGet(1_000_000_000L);
        }

        // then one more within it stops the client
        assertThat(recovery.handle(commitFailed())).isEqualTo(SHUTDOWN_CLIENT);

        // and once the window has passed, a failure is replaced again
        now.addAndGet(TransactionErrorRecovery.WINDOW.toNanos());
        assertThat(recovery.handle(commitFailed())).isEqualTo(REPLACE_THREAD);
    }
}
