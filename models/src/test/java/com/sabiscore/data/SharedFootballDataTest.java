package com.sabiscore.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sabiscore.match.BookPrice;
import com.sabiscore.match.HistoricalMatch;

/**
 * The reader against every file of the real football-data history, 1993-94 to 2023-24 (the seasons
 * these counts describe; a downloaded history also holds later ones).
 */
class SharedFootballDataTest {

    private static final Logger LOG = LoggerFactory.getLogger(SharedFootballDataTest.class);
    private static final SeasonRange COUNTED = SeasonRange.parse("1993-2024");

    private static Path root;
    private static List<HistoricalMatch> all;

    @BeforeAll
    static void loadEverything() throws IOException {
        root = RealHistory.football();
        long started = System.nanoTime();
        all = HistoryLoader.load(root, Set.of(), COUNTED);
        LOG.info("Loading all shared football-data files took {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    @Test
    void shouldLoadEveryMatchOfThe155Files() throws IOException {
        assertThat(HistoryLoader.seasonFiles(root, Set.of(), COUNTED)).hasSize(155);
        assertThat(all).hasSize(55_575);
    }

    @Test
    void shouldReadAsManyMatchesFromEachFileAsTheManifestLists() throws IOException {
        // the shared copy documents each file in a manifest; a downloaded history has none
        assumeTrue(Files.exists(root.resolve("MANIFEST.csv")), "no MANIFEST.csv beside this copy of the history");
        Map<String, Integer> manifestRows = new HashMap<>();
        try (Reader manifest = Files.newBufferedReader(root.resolve("MANIFEST.csv"))) {
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(manifest)) {
                manifestRows.put(row.get("file"), Integer.parseInt(row.get("rows")));
            }
        }
        Map<String, Integer> readRows = new HashMap<>();
        for (Path file : HistoryLoader.seasonFiles(root, Set.of(), COUNTED)) {
            readRows.put(root.relativize(file).toString().replace('\\', '/'), FootballDataReader.read(file).size());
        }
        assertThat(readRows).isEqualTo(manifestRows);
    }

    @Test
    void shouldComeOutInKickoffOrderWithUniqueIds() {
        assertThat(all).isSortedAccordingTo(HistoryLoader.CHRONOLOGICAL);
        assertThat(all.stream().map(m -> m.fixture().id()).distinct().count()).isEqualTo(all.size());
    }

    @Test
    void shouldKeepOnlySaneIndividualPreMatchBooks() {
        Set<String> books = all.stream()
                .flatMap(m -> m.fixture().odds().books().stream())
                .peek(book -> assertThat(book.isSane()).as("%s", book).isTrue())
                .map(BookPrice::bookmaker)
                .collect(Collectors.toSet());
        assertThat(books).containsExactlyInAnyOrder(
                "B365", "BW", "GB", "IW", "LB", "PS", "SO", "SB", "SJ", "SY", "VC", "WH", "BS");
    }

    @Test
    void shouldHaveAMarketAverageForNearlyEveryMatchFrom2005On() {
        List<HistoricalMatch> bbAndAvgEra = all.stream()
                .filter(m -> SeasonRange.startYear(m.fixture().season()) >= 2005)
                .toList();
        long withAverage = bbAndAvgEra.stream().filter(m -> m.fixture().odds().average() != null).count();
        assertThat((double) withAverage / bbAndAvgEra.size()).isGreaterThan(0.99);
    }

    @Test
    void shouldHaveNoOddsBefore2000() {
        assertThat(all.stream()
                .filter(m -> SeasonRange.startYear(m.fixture().season()) < 2000)
                .filter(m -> m.fixture().odds().hasOneXTwo()))
                .isEmpty();
    }

    @Test
    void shouldUseOnlyCanonicalTeamNames() {
        Set<String> teams = all.stream()
                .flatMap(m -> java.util.stream.Stream.of(m.fixture().homeTeam(), m.fixture().awayTeam()))
                .collect(Collectors.toSet());
        assertThat(teams)
                .contains("Middlesbrough", "M'gladbach", "Fortuna Dusseldorf", "Villarreal", "Leipzig", "RB Leipzig")
                .doesNotContain("Middlesboro", "M'Gladbach", "Dusseldorf", "Villareal");
    }

    @Test
    void shouldFilterByDivisionAndSeasonRange() throws IOException {
        List<HistoricalMatch> recentEngland = HistoryLoader.load(root, Set.of("E0"), SeasonRange.parse("2019-2024"));

        assertThat(recentEngland).hasSize(5 * 380);
        assertThat(recentEngland).extracting(m -> m.fixture().season()).containsOnly("2019-20", "2020-21", "2021-22", "2022-23", "2023-24");
        assertThat(recentEngland).extracting(m -> m.fixture().competition()).containsOnly("E0");
    }
}
