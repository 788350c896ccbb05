package com.sabiscore.events.mapping;

import com.sabiscore.events.BookOdds;
import com.sabiscore.events.Fixture;
import com.sabiscore.events.MatchResult;
import com.sabiscore.events.MatchStats;
import com.sabiscore.match.Competition;
import com.sabiscore.match.FixtureId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Says why a decoded event cannot be used, or nothing when it can. Checks what the schema cannot:
 * <ul>
 *   <li>every name is present and home differs from away;</li>
 *   <li>the kickoff is set and after the epoch ("missing kickoff" otherwise);</li>
 *   <li>the competition is one of {@link Competition};</li>
 *   <li>the fixture id is {@code {Div}:{yyyy-MM-dd}:{HomeTeam}:{AwayTeam}[:{n}]} of the event's own
 *       competition and teams, dated within a day of the kickoff (ids use the local date);</li>
 *   <li>prices are positive numbers; goals, half-time goals and statistics are not negative, and
 *       half-time goals do not exceed full-time goals.</li>
 * </ul>
 * Only the first problem found is reported.
 */
public final class EventValidator {

    /** Ids carry the local match date, kickoffs are instants: a day either way covers every time zone. */
    private static final Duration DATE_TOLERANCE = Duration.ofHours(36);

    private static final String KNOWN_COMPETITIONS =
            Arrays.stream(Competition.values()).map(Competition::code).collect(Collectors.joining(", "));

    private EventValidator() {
    }

    public static Optional<String> reasonToReject(Fixture event) {
        return firstOf(
                matchProblem(event.getFixtureId(), event.getCompetition(), event.getSeason(),
                        event.getHomeTeam(), event.getAwayTeam(), event.getKickoff()),
                oddsProblem(event));
    }

    public static Optional<String> reasonToReject(MatchResult event) {
        return firstOf(
                matchProblem(event.getFixtureId(), event.getCompetition(), event.getSeason(),
                        event.getHomeTeam(), event.getAwayTeam(), event.getKickoff()),
                scoreProblem(event));
    }

    @SafeVarargs
    private static Optional<String> firstOf(Optional<String>... problems) {
        return Arrays.stream(problems).flatMap(Optional::stream).findFirst();
    }

    private static Optional<String> matchProblem(String fixtureId, String competition, String season,
                                                 String homeTeam, String awayTeam, Instant kickoff) {
        if (isBlank(fixtureId)) {
            return Optional.of("missing fixture id");
        }
        if (isBlank(competition) || isBlank(season) || isBlank(homeTeam) || isBlank(awayTeam)) {
            return Optional.of("missing competition, season or team name");
        }
        if (homeTeam.equals(awayTeam)) {
            return Optional.of("home team equals away team: " + homeTeam);
        }
        if (kickoff == null || !kickoff.isAfter(Instant.EPOCH)) {
            return Optional.of("missing kickoff");
        }
        if (Competition.parse(competition).filter(known -> known.code().equals(competition)).isEmpty()) {
            return Optional.of("unknown competition '" + competition + "' (known: " + KNOWN_COMPETITIONS + ")");
        }
        return idProblem(fixtureId, competition, homeTeam, awayTeam, kickoff);
    }

    private static Optional<String> idProblem(String fixtureId, String competition, String homeTeam, String awayTeam,
                                              Instant kickoff) {
        FixtureId id;
        try {
            id = FixtureId.parse(fixtureId);
        } catch (IllegalArgumentException e) {
            return Optional.of("malformed fixture id: " + e.getMessage());
        }
        if (!id.competition().equals(competition) || !id.homeTeam().equals(homeTeam) || !id.awayTeam().equals(awayTeam)) {
            return Optional.of("fixture id '" + fixtureId + "' does not match the event's fields "
                    + competition + ", " + homeTeam + " v " + awayTeam);
        }
        Instant idNoon = id.date().atTime(12, 0).toInstant(ZoneOffset.UTC);
        if (Duration.between(idNoon, kickoff).abs().compareTo(DATE_TOLERANCE) > 0) {
            LocalDate kickoffDate = LocalDate.ofInstant(kickoff, ZoneOffset.UTC);
            return Optional.of("fixture id '" + fixtureId + "' is dated " + id.date() + " but the kickoff is on " + kickoffDate);
        }
        return Optional.empty();
    }

    private static Optional<String> oddsProblem(Fixture event) {
        List<BookOdds> books = new ArrayList<>(event.getOdds());
        if (event.getMarketAverage() != null) {
            books.add(event.getMarketAverage());
        }
        if (event.getMarketMaximum() != null) {
            books.add(event.getMarketMaximum());
        }
        for (BookOdds book : books) {
            if (!isPrice(book.getHome()) || !isPrice(book.getDraw()) || !isPrice(book.getAway())) {
                return Optional.of("odds of " + book.getBookmaker() + " are not positive prices: "
                        + book.getHome() + "/" + book.getDraw() + "/" + book.getAway());
            }
        }
        List<Double> goalPrices = Arrays.asList(event.getOver25(), event.getUnder25(), event.getAsianHome(), event.getAsianAway());
        if (goalPrices.stream().anyMatch(price -> price != null && !isPrice(price))) {
            return Optional.of("over/under or Asian handicap prices are not positive: " + goalPrices);
        }
        return Optional.empty();
    }

    private static Optional<String> scoreProblem(MatchResult event) {
        int home = event.getHomeGoals();
        int away = event.getAwayGoals();
        if (home < 0 || away < 0) {
            return Optional.of("negative goals: " + home + "-" + away);
        }
        Integer halfHome = event.getHalfTimeHome();
        Integer halfAway = event.getHalfTimeAway();
        if ((halfHome != null && (halfHome < 0 || halfHome > home)) || (halfAway != null && (halfAway < 0 || halfAway > away))) {
            return Optional.of("half-time score " + halfHome + "-" + halfAway + " impossible for full-time " + home + "-" + away);
        }
        MatchStats stats = event.getStats();
        if (stats != null && statsValues(stats).stream().anyMatch(value -> value != null && value < 0)) {
            return Optional.of("negative match statistics: " + stats);
        }
        return Optional.empty();
    }

    private static List<Integer> statsValues(MatchStats stats) {
        return Arrays.asList(stats.getHomeShots(), stats.getAwayShots(), stats.getHomeShotsOnTarget(),
                stats.getAwayShotsOnTarget(), stats.getHomeCorners(), stats.getAwayCorners(),
                stats.getHomeRedCards(), stats.getAwayRedCards());
    }

    private static boolean isPrice(double price) {
        return Double.isFinite(price) && price > 0;
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
