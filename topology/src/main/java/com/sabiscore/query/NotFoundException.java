package com.sabiscore.query;

/** The store that owns a key answered and does not hold it (or the store does not exist). */
public final class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        // an expected answer (a 404), thrown on every cache miss of a fixture the stream has not
        // predicted: its stack trace would cost more than the lookup and tell nothing
        super(message, null, false, false);
    }
}
