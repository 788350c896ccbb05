package com.sabiscore.match;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The one fixture id format: {@code {Div}:{yyyy-MM-dd}:{HomeTeam}:{AwayTeam}} with football-data's
 * team names, e.g. {@code E0:2023-08-11:Burnley:Man City}. The date is the local match date.
 */
public record FixtureId(String competition, LocalDate date, String homeTeam, String awayTeam) {

    public FixtureId {
        Objects.requireNonNull(competition, "competition");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(homeTeam, "homeTeam");
        Objects.requireNonNull(awayTeam, "awayTeam");
    }

    /** Parses an id; team names may contain anything but ':'. */
    public static FixtureId parse(String id) {
        String[] parts = id == null ? new String[0] : id.split(":", -1);
        if (parts.length != 4 || parts[0].isBlank() || parts[2].isBlank() || parts[3].isBlank()) {
            throw new IllegalArgumentException(
                    "fixture id must look like {Div}:{yyyy-MM-dd}:{HomeTeam}:{AwayTeam}, got: " + id);
        }
        try {
            return new FixtureId(parts[0], LocalDate.parse(parts[1]), parts[2], parts[3]);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("fixture id has no valid yyyy-MM-dd date: " + id, e);
        }
    }

    @Override
    public String toString() {
        return competition + ":" + date + ":" + homeTeam + ":" + awayTeam;
    }
}
