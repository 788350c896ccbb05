package com.sabiscore.query;

/** The store that owns a key answered and does not hold it (or the store does not exist). */
public final class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
