package com.sabiscore.faults;

/**
 * The history the short fault tests replay: one season of two leagues (686 matches, 1,372
 * events), the same for each, so the uninterrupted run made by the first is reused by the others.
 */
final class ShortWindow {

    static final String LABEL = "E0,D1:2022-08-01:2023-06-30";
    /** Fixed, so a failure can be run again with the same fault points. */
    static final long SEED = 20_240_519L;

    private ShortWindow() {
    }
}
