package com.sabiscore.query;

/**
 * A read that must not block found that its answer needs more than this instance's active copy:
 * another instance hosts the key, or a rebalance or restore is under way. The caller asks again
 * on a thread that may block (forward, wait for the rebalance).
 */
public final class NotLocalException extends RuntimeException {

    public NotLocalException(String message) {
        // control flow between two ways of answering, caught one frame up: no stack trace needed
        super(message, null, false, false);
    }
}
