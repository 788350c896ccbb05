package com.sabiscore.deadletters;

/** A line of a record file that cannot be read; the message names the line and what is wrong with it. */
public final class MalformedLineException extends Exception {

    private static final long serialVersionUID = 1L;

    MalformedLineException(int lineNumber, String problem) {
        super("line " + lineNumber + ": " + problem);
    }
}
