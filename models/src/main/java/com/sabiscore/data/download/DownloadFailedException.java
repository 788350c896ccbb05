package com.sabiscore.data.download;

/** A download could not provide the data; the message says what went wrong and what to do. */
public final class DownloadFailedException extends IllegalStateException {

    public DownloadFailedException(String message) {
        super(message);
    }
}
