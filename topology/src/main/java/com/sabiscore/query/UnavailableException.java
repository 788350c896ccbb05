package com.sabiscore.query;

/**
 * No copy of a key's store could be read right now: every instance that may host it is
 * unreachable or still rebalancing. Worth retrying shortly.
 */
public final class UnavailableException extends RuntimeException {

    public UnavailableException(String message) {
        super(message);
    }
}
