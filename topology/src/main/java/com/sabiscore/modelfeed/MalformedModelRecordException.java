package com.sabiscore.modelfeed;

/** A record of the models topic that cannot be read: undecodable, or its key does not match its value. */
public final class MalformedModelRecordException extends RuntimeException {

    MalformedModelRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
