package com.sabiscore.data;

/**
 * A data row that cannot be read, with the row itself: a live feed sends it to the dead-letter
 * topic, where a person reads the reason and the row together.
 */
public final class MalformedRowException extends MalformedDataException {

    private final String row;

    /** @param row the row's fields as comma-separated text */
    public MalformedRowException(MalformedDataException problem, String row) {
        super(problem.getMessage(), problem);
        this.row = row;
    }

    /** The row's fields, trimmed and joined with commas. */
    public String row() {
        return row;
    }
}
