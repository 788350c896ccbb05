package com.sabiscore.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sabiscore.cache.PredictionCache;
import com.sabiscore.data.FootballDataReader;
import com.sabiscore.data.TeamNames;
import com.sabiscore.match.Competition;
import com.sabiscore.match.DecimalDigits;
import com.sabiscore.match.Fixture;
import com.sabiscore.match.FixtureId;
import com.sabiscore.match.MarketOdds;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A validated {@code POST /api/v1/predict} request, the classic predict contract:
 * {@code {"home_team", "away_team", "league", "kickoff_time"}}. Team names are football-data's
 * (known spelling variants mapped to one name); {@code league} is a code ({@code E0}) or a common
 * name ({@code Premier League}); {@code kickoff_time} is ISO-8601 with a UTC offset
 * ({@code 2024-12-01T16:30:00Z}, {@code 2024-12-01T17:30:00+01:00}) in the years {@link ServedYears}
 * covers. Names hold no control characters and no unpaired surrogates ({@link PlainText}).
 */
record PredictRequest(Competition competition, String homeTeam, String awayTeam, Instant kickoff) {

    private static final int MAX_TEAM_NAME = 100;
    private static final String KNOWN_LEAGUES = Arrays.stream(Competition.values())
            .map(c -> c.code() + " (" + c.commonName() + ")").collect(Collectors.joining(", "));

    /**
     * Reads one request object.
     *
     * @param where prefix naming the request in messages: empty, or e.g. {@code [3].} in a batch
     * @throws RequestRejected naming the first field at fault
     */
    static PredictRequest parse(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw RequestRejected.malformed(where.isEmpty() ? "the request body must be a JSON object"
                    : where.substring(0, where.length() - 1) + " must be a JSON object");
        }
        String home = teamName(node, where, "home_team");
        String away = teamName(node, where, "away_team");
        String league = text(node, where, "league");
        Competition competition = Competition.parse(league).orElseThrow(() -> RequestRejected.invalid(
                where + "league '" + PlainText.excerpt(league) + "' is unknown: use one of " + KNOWN_LEAGUES));
        Instant kickoff = kickoff(text(node, where, "kickoff_time"), where);
        if (home.equalsIgnoreCase(away)) {
            throw RequestRejected.invalid(where + "home_team and away_team must be different teams, both are '" + home + "'");
        }
        return new PredictRequest(competition, home, away, kickoff);
    }

    private static String text(JsonNode node, String where, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw RequestRejected.invalid(where + field + " is required");
        }
        if (!value.isTextual()) {
            throw RequestRejected.invalid(where + field + " must be a string");
        }
        String text = value.asText().strip();
        if (text.isEmpty()) {
            throw RequestRejected.invalid(where + field + " must not be blank");
        }
        String fault = PlainText.fault(text);
        if (fault != null) {
            throw RequestRejected.invalid(where + field + " " + fault);
        }
        return text;
    }

    private static String teamName(JsonNode node, String where, String field) {
        String name = text(node, where, field);
        if (name.length() > MAX_TEAM_NAME) {
            throw RequestRejected.invalid(where + field + " is longer than " + MAX_TEAM_NAME + " characters");
        }
        if (name.indexOf(':') >= 0) {
            // ':' separates the parts of fixture ids and store keys
            throw RequestRejected.invalid(where + field + " must not contain ':'");
        }
        return TeamNames.canonical(name);
    }

    private static Instant kickoff(String text, String where) {
        Instant kickoff = utcSeconds(text);
        if (kickoff == null) {
            kickoff = withOffset(text, where);
        }
        if (!ServedYears.contain(kickoff)) {
            throw RequestRejected.invalid(where + "kickoff_time '" + PlainText.excerpt(text) + "' " + ServedYears.outside());
        }
        return kickoff;
    }

    private static Instant withOffset(String text, String where) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            if (isLocalDateTime(text)) {
                // a local time means a different instant in every time zone: the caller must say which
                throw RequestRejected.invalid(where + "kickoff_time '" + PlainText.excerpt(text)
                        + "' has no UTC offset: end it with Z or an offset such as +01:00");
            }
            throw RequestRejected.invalid(where + "kickoff_time '" + PlainText.excerpt(text)
                    + "' is not an ISO-8601 date-time, e.g. 2024-12-01T16:30:00Z");
        }
    }

    private static boolean isLocalDateTime(String text) {
        try {
            LocalDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /**
     * The common shape {@code yyyy-MM-ddTHH:mm:ssZ} read digit by digit: the general ISO parser
     * cost more than the rest of a cached answer. Null for any other shape or an impossible date,
     * which the general parser then reads or rejects.
     */
    private static Instant utcSeconds(String text) {
        if (text.length() != 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != 'Z') {
            return null;
        }
        int year = DecimalDigits.value(text, 0, 4);
        int month = DecimalDigits.value(text, 5, 7);
        int day = DecimalDigits.value(text, 8, 10);
        int hour = DecimalDigits.value(text, 11, 13);
        int minute = DecimalDigits.value(text, 14, 16);
        int second = DecimalDigits.value(text, 17, 19);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The cache key, {@code pred:{competition}:{home}:{away}:{kickoff}}. */
    /** @param modelVersion the version of the champion that answers */
    String cacheKey(String modelVersion) {
        return PredictionCache.key(modelVersion, competition.code(), homeTeam, awayTeam, kickoff);
    }

    /**
     * The id the stream gives this fixture: the match date is the UK date of the kick-off, as in
     * football-data's files (a 00:30 UK kick-off in summer is on the UK date, not the UTC one).
     */
    FixtureId fixtureId() {
        return new FixtureId(competition.code(), kickoffDate(), homeTeam, awayTeam);
    }

    private LocalDate kickoffDate() {
        return kickoff.atZone(FootballDataReader.UK).toLocalDate();
    }

    /**
     * The fixture to predict on demand. No odds are known, so the without-odds head scores it; the
     * contract has no venue field, so the home side is taken to play at home.
     */
    Fixture fixture() {
        return new Fixture(fixtureId(), season(), kickoff, false, MarketOdds.NONE);
    }

    /**
     * The season label of the kick-off: {@code YYYY-YY} with the season turning on 1 July for
     * leagues, the calendar year for internationals.
     */
    String season() {
        LocalDate date = kickoffDate();
        if (competition == Competition.INT) {
            return Integer.toString(date.getYear());
        }
        int startYear = date.getMonthValue() >= 7 ? date.getYear() : date.getYear() - 1;
        int endYear = (startYear + 1) % 100;
        return startYear + (endYear < 10 ? "-0" : "-") + endYear;
    }
}
