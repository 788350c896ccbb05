package com.sabiscore.data;

import com.sabiscore.match.HistoricalMatch;
import com.sabiscore.match.MatchResult;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Writes martj42's international {@code results.csv} for tests: its header and a line per match built with {@code MatchBuilder}. */
public final class InternationalResultsCsv {

    public static final String HEADER = String.join(",", InternationalResultsReader.COLUMNS);

    private InternationalResultsCsv() {
    }

    /** The bytes of a whole file; each match is a friendly played in the home team's country. */
    public static byte[] of(HistoricalMatch... matches) {
        return (HEADER + "\n" + Arrays.stream(matches).map(InternationalResultsCsv::row).map(line -> line + "\n")
                .collect(Collectors.joining())).getBytes(StandardCharsets.UTF_8);
    }

    private static String row(HistoricalMatch match) {
        MatchResult result = match.result();
        return String.join(",", result.kickoff().atZone(ZoneOffset.UTC).toLocalDate().toString(),
                result.fixtureId().homeTeam(), result.fixtureId().awayTeam(),
                String.valueOf(result.homeGoals()), String.valueOf(result.awayGoals()),
                "Friendly", "Capital", result.fixtureId().homeTeam(), result.neutral() ? "TRUE" : "FALSE");
    }
}
