package com.sabiscore.match;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The one fixture id format: {@code {Div}:{yyyy-MM-dd}:{HomeTeam}:{AwayTeam}} with football-data's
 * team names, e.g. {@code E0:2023-08-11:Burnley:Man City}. The date is the local match date.
 *
 * <p>Two meetings of the same teams on the same day (it happens once in the international results:
 * Tahiti v New Caledonia twice on 1974-02-17) are told apart by {@code sequence}: the first keeps
 * the plain id, the second gets {@code :2} appended, e.g. {@code INT:1974-02-17:Tahiti:New Caledonia:2}.
 *
 * @param sequence 1 for the first (normally only) meeting of these teams on this date, 2 for the next
 */
public record FixtureId(String competition, LocalDate date, String homeTeam, String awayTeam, int sequence) {

    public FixtureId {
        Objects.requireNonNull(competition, "competition");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(homeTeam, "homeTeam");
        Objects.requireNonNull(awayTeam, "awayTeam");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence starts at 1, got " + sequence);
        }
    }

    /** The id of the first (normally only) meeting of these teams on this date. */
    public FixtureId(String competition, LocalDate date, String homeTeam, String awayTeam) {
        this(competition, date, homeTeam, awayTeam, 1);
    }

    /** Parses an id; team names may contain anything but ':'. */
    public static FixtureId parse(String id) {
        String[] parts = id == null ? new String[0] : id.split(":", -1);
        if (parts.length < 4 || parts.length > 5 || parts[0].isBlank() || parts[2].isBlank() || parts[3].isBlank()) {
            throw new IllegalArgumentException(
                    "fixture id must look like {Div}:{yyyy-MM-dd}:{HomeTeam}:{AwayTeam}, got: " + id);
        }
        LocalDate date;
        try {
            date = parseDate(parts[1]);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("fixture id has no valid yyyy-MM-dd date: " + id, e);
        }
        return new FixtureId(parts[0], date, parts[2], parts[3], parts.length == 5 ? parseSequence(parts[4], id) : 1);
    }

    /*
     * Every event's id is parsed (validation, mapping, HTTP lookups), and DateTimeFormatter's parse
     * was a third of validation in the stream profile: plain yyyy-MM-dd is read directly, anything
     * else (e.g. a signed five-digit year) by LocalDate.parse, with the same strict rules.
     */
    private static LocalDate parseDate(String text) {
        if (text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
            int year = DecimalDigits.value(text, 0, 4);
            int month = DecimalDigits.value(text, 5, 7);
            int day = DecimalDigits.value(text, 8, 10);
            if (year >= 0 && month >= 0 && day >= 0) {
                return LocalDate.of(year, month, day);
            }
        }
        return LocalDate.parse(text);
    }

    private static int parseSequence(String sequence, String id) {
        int parsed = sequence.matches("\\d{1,6}") ? Integer.parseInt(sequence) : 0;
        if (parsed < 2) {
            throw new IllegalArgumentException("fixture id sequence suffix must be a number >= 2: " + id);
        }
        return parsed;
    }

    @Override
    public String toString() {
        String plain = competition + ":" + date + ":" + homeTeam + ":" + awayTeam;
        return sequence == 1 ? plain : plain + ":" + sequence;
    }
}
