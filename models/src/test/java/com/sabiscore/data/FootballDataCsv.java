package com.sabiscore.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.stream.Collectors;

import com.sabiscore.match.BookPrice;
import com.sabiscore.match.Fixture;
import com.sabiscore.match.HistoricalMatch;
import com.sabiscore.match.MatchResult;

/**
 * Writes football-data.co.uk season files for tests, shared with every module's tests through the
 * models test-jar: a header and one row per match built with {@code MatchBuilder}, dates and times
 * in UK local time as the site writes them.
 */
public final class FootballDataCsv {

    public static final String HEADER = "Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR,HS,AS,AvgH,AvgD,AvgA";
    /** The header of {@code fixtures.csv}: the coming matches, no score. */
    public static final String FIXTURES_HEADER = "Div,Date,Time,HomeTeam,AwayTeam,AvgH,AvgD,AvgA";

    private static final ZoneId UK = ZoneId.of("Europe/London");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private FootballDataCsv() {
    }

    /** The line of one match, without its line break. */
    public static String row(HistoricalMatch match) {
        MatchResult result = match.result();
        ZonedDateTime kickoff = result.kickoff().atZone(UK);
        BookPrice average = match.fixture().odds().average();
        return String.join(",",
                result.fixtureId().competition(), DATE.format(kickoff), TIME.format(kickoff),
                result.fixtureId().homeTeam(), result.fixtureId().awayTeam(),
                String.valueOf(result.homeGoals()), String.valueOf(result.awayGoals()), resultLetter(result),
                blankIfNull(result.stats().homeShots()), blankIfNull(result.stats().awayShots()),
                average == null ? "" : String.valueOf(average.home()),
                average == null ? "" : String.valueOf(average.draw()),
                average == null ? "" : String.valueOf(average.away()));
    }

    /** The {@code fixtures.csv} line of one fixture, without its line break. */
    public static String fixtureRow(Fixture fixture) {
        ZonedDateTime kickoff = fixture.kickoff().atZone(UK);
        BookPrice average = fixture.odds().average();
        return String.join(",",
                fixture.competition(), DATE.format(kickoff), TIME.format(kickoff), fixture.homeTeam(), fixture.awayTeam(),
                average == null ? "" : String.valueOf(average.home()),
                average == null ? "" : String.valueOf(average.draw()),
                average == null ? "" : String.valueOf(average.away()));
    }

    /** The bytes of a {@code fixtures.csv}: its header and a line per fixture. */
    public static byte[] fixtures(Fixture... fixtures) {
        return (FIXTURES_HEADER + "\n" + linesOf(Arrays.stream(fixtures).map(FootballDataCsv::fixtureRow).toArray(String[]::new)))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The bytes of a season file made of the header and these lines (e.g. a malformed one among rows). */
    public static byte[] ofLines(String... lines) {
        return (HEADER + "\n" + linesOf(lines)).getBytes(StandardCharsets.UTF_8);
    }

    /** Writes {@code <feedDir>/<name>} with the header and the given lines, each ended by a line break. */
    public static Path write(Path feedDir, String name, String... lines) {
        Path file = feedDir.resolve(name);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, HEADER + "\n" + linesOf(lines), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Writes the file from matches. */
    public static Path write(Path feedDir, String name, HistoricalMatch... matches) {
        return write(feedDir, name, Arrays.stream(matches).map(FootballDataCsv::row).toArray(String[]::new));
    }

    /** The bytes of a whole file, as the site serves it: the header and a line per match. */
    public static byte[] of(HistoricalMatch... matches) {
        return (HEADER + "\n" + linesOf(Arrays.stream(matches).map(FootballDataCsv::row).toArray(String[]::new)))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Appends raw text, as a live feed does (possibly half a line). */
    public static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String linesOf(String... lines) {
        return Arrays.stream(lines).map(line -> line + "\n").collect(Collectors.joining());
    }

    private static String resultLetter(MatchResult result) {
        return switch (result.outcome()) {
            case HOME -> "H";
            case DRAW -> "D";
            case AWAY -> "A";
        };
    }

    private static String blankIfNull(Integer count) {
        return count == null ? "" : count.toString();
    }
}
