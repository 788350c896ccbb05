package com.sabiscore.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sabiscore.match.Fixture;
import com.sabiscore.match.FixtureId;
import com.sabiscore.match.HistoricalMatch;
import com.sabiscore.match.MarketOdds;
import com.sabiscore.match.MatchResult;
import com.sabiscore.match.MatchStats;
import com.sabiscore.match.Outcome;

/**
 * Reads one football-data.co.uk league-season CSV into {@link HistoricalMatch}es, in file order.
 *
 * <p>Every quirk listed in the shared data README is handled: byte order mark, ISO-8859-1 files,
 * CR CR LF and CRLF endings, comma-only padding rows and rows without {@code Div} (skipped),
 * ragged rows, trailing empty header columns, dd/mm/yy and dd/mm/yyyy dates, the optional
 * {@code Time} column (UK local time; 15:00 UK when absent) and the few aliased team names
 * ({@link TeamNames}). Columns are looked up by name only. Odds become {@link MarketOdds} as
 * described in {@link OddsColumns}; shots, corners and red cards become {@link MatchStats}.
 * League matches are never neutral.
 */
public final class FootballDataReader {

    /** The columns without which a file is not a football-data results file. */
    public static final List<String> REQUIRED_COLUMNS = List.of("Div", "Date", "HomeTeam", "AwayTeam", "FTHG", "FTAG");
    /** The columns without which a file is not football-data's {@code fixtures.csv}. */
    public static final List<String> FIXTURE_COLUMNS = List.of("Div", "Date", "HomeTeam", "AwayTeam");

    /** football-data's times and dates are UK local time. */
    public static final ZoneId UK = ZoneId.of("Europe/London");
    /** The traditional Saturday kick-off, used when a file has no {@code Time} column. */
    public static final LocalTime DEFAULT_KICKOFF = LocalTime.of(15, 0);

    /** Two-digit years from this one on are 19xx; football-data starts in 1993. */
    private static final int FIRST_TWO_DIGIT_YEAR_OF_1900S = 93;

    private static final Pattern DATE = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{2}|\\d{4})");
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})");
    private static final Pattern COUNT = Pattern.compile("\\d{1,6}");

    private FootballDataReader() {
    }

    /** Reads {@code <anything>/<season>.csv}; the season label comes from the file name, e.g. {@code 2023-24.csv}. */
    public static List<HistoricalMatch> read(Path csvFile) throws IOException {
        return read(Files.readAllBytes(csvFile), seasonOf(csvFile), csvFile.toString());
    }

    /**
     * Reads the bytes of one league-season file.
     *
     * @param season the season label {@code YYYY-YY} every match gets
     * @param source names the file in error messages
     * @throws MalformedDataException when a required column is missing or a row's date or score cannot be read
     */
    public static List<HistoricalMatch> read(byte[] content, String season, String source) {
        return read(content, season, source, malformedRow -> {
            throw malformedRow;
        });
    }

    /**
     * Reads like {@link #read(byte[], String, String)}, except that a row which cannot be read is
     * handed to {@code onMalformedRow} and left out instead of failing the file: a live feed keeps
     * flowing past one bad line. A file without a usable header still throws.
     */
    public static List<HistoricalMatch> read(byte[] content, String season, String source,
                                             Consumer<MalformedDataException> onMalformedRow) {
        SeasonRange.startYear(season); // rejects a malformed label before any parsing
        CsvTable table = CsvTable.parse(CsvText.decode(content), source);
        table.requireColumns(REQUIRED_COLUMNS);
        OddsColumns odds = OddsColumns.discover(table.columns());
        List<HistoricalMatch> matches = new ArrayList<>();
        for (CsvTable.Row row : table) {
            if (!row.get("Div").isEmpty()) {
                try {
                    matches.add(toMatch(row, season, odds));
                } catch (MalformedDataException malformedRow) {
                    onMalformedRow.accept(new MalformedRowException(malformedRow, row.text()));
                }
            }
        }
        return matches;
    }

    /**
     * Reads football-data's {@code fixtures.csv}: the coming matches of every division in one file,
     * with the results files' columns up to the pre-match odds and no score. Each fixture's season
     * follows from its date ({@link SeasonRange#seasonInProgress}). Only the rows of
     * {@code divisions} are read; one of them that cannot be read is handed to
     * {@code onMalformedRow} and left out.
     *
     * @param source names the file in error messages
     * @throws MalformedDataException when the file has no usable header
     */
    public static List<Fixture> readFixtures(byte[] content, String source, Set<String> divisions,
                                             Consumer<MalformedDataException> onMalformedRow) {
        CsvTable table = CsvTable.parse(CsvText.decode(content), source);
        table.requireColumns(FIXTURE_COLUMNS);
        OddsColumns odds = OddsColumns.discover(table.columns());
        List<Fixture> fixtures = new ArrayList<>();
        for (CsvTable.Row row : table) {
            if (divisions.contains(row.get("Div"))) {
                try {
                    LocalDate date = date(row);
                    fixtures.add(toFixture(row, date, SeasonRange.label(SeasonRange.seasonInProgress(date)), odds));
                } catch (MalformedDataException malformedRow) {
                    onMalformedRow.accept(new MalformedRowException(malformedRow, row.text()));
                }
            }
        }
        return fixtures;
    }

    /** The season label a file name carries: {@code 2023-24.csv} gives {@code 2023-24}. */
    public static String seasonOf(Path csvFile) {
        String name = csvFile.getFileName().toString();
        String label = name.endsWith(".csv") ? name.substring(0, name.length() - ".csv".length()) : name;
        try {
            SeasonRange.startYear(label);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("football-data file names must be <season>.csv such as 2023-24.csv, got: " + csvFile, e);
        }
        return label;
    }

    private static HistoricalMatch toMatch(CsvTable.Row row, String season, OddsColumns odds) {
        Fixture fixture = toFixture(row, date(row), season, odds);
        int homeGoals = requiredCount(row, "FTHG");
        int awayGoals = requiredCount(row, "FTAG");
        checkResultLetter(row, homeGoals, awayGoals);
        MatchStats stats = new MatchStats(
                count(row, "HS"), count(row, "AS"),
                count(row, "HST"), count(row, "AST"),
                count(row, "HC"), count(row, "AC"),
                count(row, "HR"), count(row, "AR"));
        MatchResult result = new MatchResult(fixture.id(), season, fixture.kickoff(), false, homeGoals, awayGoals,
                count(row, "HTHG"), count(row, "HTAG"), stats, fixture.odds().reference());
        return new HistoricalMatch(fixture, result);
    }

    /** The match as known before kick-off: the same for a results row and a fixtures row. */
    private static Fixture toFixture(CsvTable.Row row, LocalDate date, String season, OddsColumns odds) {
        Instant kickoff = date.atTime(kickoffTime(row)).atZone(UK).toInstant();
        FixtureId id = new FixtureId(row.get("Div"), date, team(row, "HomeTeam"), team(row, "AwayTeam"));
        return new Fixture(id, season, kickoff, false, odds.read(row));
    }

    private static String team(CsvTable.Row row, String column) {
        String name = row.get(column);
        if (name.isEmpty()) {
            throw new MalformedDataException(row.location() + ": " + column + " is empty");
        }
        return TeamNames.canonical(name);
    }

    /** {@code dd/mm/yy} or {@code dd/mm/yyyy}; the format changes between files, so it is told by the year's length. */
    private static LocalDate date(CsvTable.Row row) {
        String cell = row.get("Date");
        Matcher m = DATE.matcher(cell);
        if (!m.matches()) {
            throw new MalformedDataException(row.location() + ": Date is not dd/mm/yy or dd/mm/yyyy: '" + cell + "'");
        }
        int year = Integer.parseInt(m.group(3));
        if (m.group(3).length() == 2) {
            year += year >= FIRST_TWO_DIGIT_YEAR_OF_1900S ? 1900 : 2000;
        }
        try {
            return LocalDate.of(year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)));
        } catch (DateTimeException e) {
            throw new MalformedDataException(row.location() + ": Date is not a calendar date: '" + cell + "'", e);
        }
    }

    private static LocalTime kickoffTime(CsvTable.Row row) {
        String cell = row.get("Time");
        if (cell.isEmpty()) {
            return DEFAULT_KICKOFF;
        }
        Matcher m = TIME.matcher(cell);
        if (!m.matches()) {
            throw new MalformedDataException(row.location() + ": Time is not HH:mm: '" + cell + "'");
        }
        try {
            return LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        } catch (DateTimeException e) {
            throw new MalformedDataException(row.location() + ": Time is not a time of day: '" + cell + "'", e);
        }
    }

    /** A disagreeing {@code FTR} means the columns were misread, so it stops the file rather than passing silently. */
    private static void checkResultLetter(CsvTable.Row row, int homeGoals, int awayGoals) {
        String letter = row.get("FTR");
        if (letter.isEmpty()) {
            return;
        }
        String expected = switch (Outcome.of(homeGoals, awayGoals)) {
            case HOME -> "H";
            case DRAW -> "D";
            case AWAY -> "A";
        };
        if (!letter.equals(expected)) {
            throw new MalformedDataException(row.location() + ": FTR '" + letter + "' disagrees with the score "
                    + homeGoals + "-" + awayGoals);
        }
    }

    private static int requiredCount(CsvTable.Row row, String column) {
        Integer value = count(row, column);
        if (value == null) {
            throw new MalformedDataException(row.location() + ": " + column + " is empty");
        }
        return value;
    }

    /** A goal, shot, corner or card count; empty means not recorded. */
    private static Integer count(CsvTable.Row row, String column) {
        String cell = row.get(column);
        if (cell.isEmpty()) {
            return null;
        }
        if (!COUNT.matcher(cell).matches()) {
            throw new MalformedDataException(row.location() + ": " + column + " is not a count: '" + cell + "'");
        }
        return Integer.parseInt(cell);
    }
}
