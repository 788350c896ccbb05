package com.sabiscore.data;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An inclusive run of league seasons, identified by the years they start in.
 * Written the way people say it: {@code 2019-2024} means 2019-20 up to 2023-24 (the first season
 * starts in 2019, the last one ends in 2024); a single season is {@code 2023-24} or {@code 2023-2024}.
 *
 * @param firstStartYear the year the first season starts
 * @param lastStartYear  the year the last season starts
 */
public record SeasonRange(int firstStartYear, int lastStartYear) {

    /** The first season football-data.co.uk publishes for the five leagues: 1993-94. */
    public static final int FIRST_START_YEAR = 1993;

    private static final Pattern SEASON_LABEL = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern YEAR_SPAN = Pattern.compile("(\\d{4})-(\\d{4})");

    public SeasonRange {
        if (firstStartYear > lastStartYear) {
            throw new IllegalArgumentException("season range starts after it ends: " + firstStartYear + " > " + lastStartYear);
        }
    }

    /** Every season. */
    public static SeasonRange all() {
        return new SeasonRange(Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** 1993-94 up to the season in progress on {@code clock}'s date: what users want to have. */
    public static SeasonRange upToSeasonInProgress(Clock clock) {
        return new SeasonRange(FIRST_START_YEAR, seasonInProgress(LocalDate.now(clock)));
    }

    /** The start year of the season {@code date} falls in: a season starts in July, so 2024-06-30 is in 2023-24. */
    public static int seasonInProgress(LocalDate date) {
        return date.getMonth().compareTo(Month.JULY) >= 0 ? date.getYear() : date.getYear() - 1;
    }

    /** Parses {@code 2019-2024} (2019-20 .. 2023-24) or a single season label {@code 2023-24}. */
    public static SeasonRange parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        Matcher span = YEAR_SPAN.matcher(trimmed);
        if (span.matches()) {
            int first = Integer.parseInt(span.group(1));
            int lastEnd = Integer.parseInt(span.group(2));
            if (lastEnd <= first) {
                throw new IllegalArgumentException("season range " + trimmed + " must end after it starts, e.g. 2019-2024");
            }
            return new SeasonRange(first, lastEnd - 1);
        }
        if (SEASON_LABEL.matcher(trimmed).matches()) {
            int start = startYear(trimmed);
            return new SeasonRange(start, start);
        }
        throw new IllegalArgumentException("season range must look like 2019-2024 or 2023-24, got: " + text);
    }

    /** The start year of a {@code YYYY-YY} label; the two parts must be consecutive years. */
    public static int startYear(String seasonLabel) {
        Matcher m = SEASON_LABEL.matcher(seasonLabel == null ? "" : seasonLabel);
        if (!m.matches()) {
            throw new IllegalArgumentException("season label must look like 2023-24, got: " + seasonLabel);
        }
        int start = Integer.parseInt(m.group(1));
        if ((start + 1) % 100 != Integer.parseInt(m.group(2))) {
            throw new IllegalArgumentException("season label must span two consecutive years, got: " + seasonLabel);
        }
        return start;
    }

    /** The {@code YYYY-YY} label of the season starting in {@code startYear}, e.g. 1999 gives {@code 1999-00}. */
    public static String label(int startYear) {
        return String.format("%d-%02d", startYear, (startYear + 1) % 100);
    }

    public boolean contains(int startYear) {
        return startYear >= firstStartYear && startYear <= lastStartYear;
    }

    /** Whether the season with this {@code YYYY-YY} label lies in the range. */
    public boolean contains(String seasonLabel) {
        return contains(startYear(seasonLabel));
    }

    /** The start years in order; only for a bounded range. */
    public List<Integer> startYears() {
        if (lastStartYear - (long) firstStartYear > 1000) {
            throw new IllegalStateException("cannot list every season of an unbounded range");
        }
        List<Integer> years = new ArrayList<>();
        for (int year = firstStartYear; year <= lastStartYear; year++) {
            years.add(year);
        }
        return years;
    }

    @Override
    public String toString() {
        return equals(all()) ? "all seasons" : label(firstStartYear) + ".." + label(lastStartYear);
    }
}
