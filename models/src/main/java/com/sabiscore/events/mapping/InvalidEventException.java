package com.sabiscore.events.mapping;

/**
 * An event that decodes but makes no sense (home equals away, no kickoff, an id that contradicts
 * its own fields...). Unchecked: the stream processor catches it and dead-letters the record with
 * {@link #getMessage()} as the reason; anything else thrown while processing is a bug.
 */
public final class InvalidEventException extends RuntimeException {

    public InvalidEventException(String reason) {
        super(reason);
    }

    public InvalidEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
