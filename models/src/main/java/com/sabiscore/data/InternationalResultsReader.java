package com.sabiscore.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.sabiscore.match.Competition;
import com.sabiscore.match.Fixture;
import com.sabiscore.match.FixtureId;
import com.sabiscore.match.HistoricalMatch;
import com.sabiscore.match.MarketOdds;
import com.sabiscore.match.MatchResult;
import com.sabiscore.match.MatchStats;

/**
 * Reads the men's international results ({@code results.csv} of martj42/international_results)
 * into {@link HistoricalMatch}es of competition {@link Competition#INT}: season = calendar year,
 * kick-off = the date at 15:00 UTC (the file has no times), neutral flag from the file, no odds.
 * Rows without a score (none in the current snapshot) are skipped and counted.
 *
 * <p>When the same teams meet twice on one day (Tahiti v New Caledonia on 1974-02-17) both matches
 * are kept; the second gets fixture id sequence 2 ({@code INT:1974-02-17:Tahiti:New Caledonia:2}).
 */
public final class InternationalResultsReader {

    /** The file name inside the international data folder. */
    public static final String RESULTS_FILE = "results.csv";
    public static final LocalTime DEFAULT_KICKOFF = LocalTime.of(15, 0);

    /** The header of {@code results.csv}; a file without every one of these columns is refused. */
    public static final List<String> COLUMNS = List.of(
            "date", "home_team", "away_team", "home_score", "away_score", "tournament", "city", "country", "neutral");
    private static final Pattern SCORE = Pattern.compile("\\d{1,3}");

    /**
     * What the file held.
     *
     * @param matches             the played matches in file order (which is date order)
     * @param skippedWithoutScore rows left out because a score was missing
     */
    public record InternationalResults(List<HistoricalMatch> matches, int skippedWithoutScore) {
        public InternationalResults {
            matches = List.copyOf(matches);
        }
    }

    private InternationalResultsReader() {
    }

    /** Reads {@code results.csv}; pass the file itself or the folder that holds it. */
    public static InternationalResults read(Path fileOrFolder) throws IOException {
        Path file = Files.isDirectory(fileOrFolder) ? fileOrFolder.resolve(RESULTS_FILE) : fileOrFolder;
        return read(Files.readAllBytes(file), file.toString());
    }

    /** Reads the bytes of a results file; {@code source} names it in error messages. */
    public static InternationalResults read(byte[] content, String source) {
        CsvTable table = CsvTable.parse(CsvText.decode(content), source);
        table.requireColumns(COLUMNS);
        List<HistoricalMatch> matches = new ArrayList<>();
        Map<String, Integer> meetingsPerDay = new HashMap<>();
        int skipped = 0;
        for (CsvTable.Row row : table) {
            String homeScore = row.get("home_score");
            String awayScore = row.get("away_score");
            if (isMissing(homeScore) || isMissing(awayScore)) {
                skipped++;
                continue;
            }
            LocalDate date = date(row);
            String home = requiredTeam(row, "home_team");
            String away = requiredTeam(row, "away_team");
            int sequence = meetingsPerDay.merge(date + ":" + home + ":" + away, 1, Integer::sum);
            FixtureId id = new FixtureId(Competition.INT.code(), date, home, away, sequence);
            String season = Integer.toString(date.getYear());
            Instant kickoff = date.atTime(DEFAULT_KICKOFF).toInstant(ZoneOffset.UTC);
            boolean neutral = neutral(row);
            matches.add(new HistoricalMatch(
                    new Fixture(id, season, kickoff, neutral, MarketOdds.NONE),
                    new MatchResult(id, season, kickoff, neutral, score(row, "home_score"), score(row, "away_score"),
                            null, null, MatchStats.NONE)));
        }
        return new InternationalResults(matches, skipped);
    }

    /** The source writes NA for a match whose score is unknown. */
    private static boolean isMissing(String score) {
        return score.isEmpty() || score.equalsIgnoreCase("NA");
    }

    private static int score(CsvTable.Row row, String column) {
        String cell = row.get(column);
        if (!SCORE.matcher(cell).matches()) {
            throw new MalformedDataException(row.location() + ": " + column + " is not a score: '" + cell + "'");
        }
        return Integer.parseInt(cell);
    }

    private static LocalDate date(CsvTable.Row row) {
        String cell = row.get("date");
        try {
            return LocalDate.parse(cell);
        } catch (DateTimeException e) {
            throw new MalformedDataException(row.location() + ": date is not yyyy-MM-dd: '" + cell + "'", e);
        }
    }

    private static String requiredTeam(CsvTable.Row row, String column) {
        String team = row.get(column);
        if (team.isEmpty()) {
            throw new MalformedDataException(row.location() + ": " + column + " is empty");
        }
        return team;
    }

    private static boolean neutral(CsvTable.Row row) {
        String cell = row.get("neutral");
        if (cell.equalsIgnoreCase("TRUE")) {
            return true;
        }
        if (cell.equalsIgnoreCase("FALSE")) {
            return false;
        }
        throw new MalformedDataException(row.location() + ": neutral is not TRUE or FALSE: '" + cell + "'");
    }
}
