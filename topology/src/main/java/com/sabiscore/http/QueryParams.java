package com.sabiscore.http;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Reads query parameters, rejecting a missing or malformed one with a message that names it. */
final class QueryParams {

    private QueryParams() {
    }

    static String required(Request request, String name) {
        String value = request.queryParam(name);
        if (value == null || value.isBlank()) {
            throw RequestRejected.invalid(name + " is required");
        }
        return value;
    }

    /** A required {@code YYYY-MM-DD} date in one of the {@link ServedYears}. */
    static LocalDate date(Request request, String name) {
        String value = required(request, name);
        LocalDate date;
        try {
            date = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw RequestRejected.invalid(name + " '" + PlainText.excerpt(value) + "' is not a date of the form YYYY-MM-DD");
        }
        if (!ServedYears.contain(date)) {
            throw RequestRejected.invalid(name + " '" + PlainText.excerpt(value) + "' " + ServedYears.outside());
        }
        return date;
    }
}
