package com.sabiscore.http;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The years the API takes dates in: from before the first recorded international match to well
 * past any fixture list. A year outside them (0, -1, 9999, +999999999) is a typo or a probe, and
 * an unbounded date also reaches store keys and date arithmetic that were never meant for it.
 */
final class ServedYears {

    static final int FIRST = 1850;
    static final int LAST = 2200;
    private static final Instant START = LocalDate.of(FIRST, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
    private static final Instant END = LocalDate.of(LAST + 1, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);

    private ServedYears() {
    }

    /** Whether the instant falls in a served year, in UTC. */
    static boolean contain(Instant instant) {
        return !instant.isBefore(START) && instant.isBefore(END);
    }

    static boolean contain(LocalDate date) {
        return date.getYear() >= FIRST && date.getYear() <= LAST;
    }

    /** The end of a sentence saying the value is out of range, e.g. "is outside the years 1850 to 2200". */
    static String outside() {
        return "is outside the years " + FIRST + " to " + LAST;
    }
}
