package com.sabiscore.data;

/** A data file that cannot be read as what it claims to be; the message names the file and line. */
public class MalformedDataException extends RuntimeException {

    public MalformedDataException(String message) {
        super(message);
    }

    public MalformedDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
