package com.sabiscore.data;

import static com.sabiscore.match.MatchBuilder.aMatch;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.sabiscore.match.HistoricalMatch;

class HistoryLoaderTest {

    @Test
    void shouldFindOnlySeasonFilesAndIgnoreReadmeManifestAndOtherFiles() throws IOException {
        Path root = QuirkFiles.root();

        List<Path> files = HistoryLoader.seasonFiles(root, Set.of(), SeasonRange.all());

        assertThat(files).extracting(f -> root.relativize(f).toString().replace('\\', '/'))
                .containsExactly("D1/2000-01.csv", "E0/1995-96.csv", "E0/2023-24.csv", "SP1/2010-11.csv");
    }

    @Test
    void shouldMergeEveryFileInKickoffOrder() throws IOException {
        List<HistoricalMatch> matches = HistoryLoader.load(QuirkFiles.root());

        assertThat(matches).hasSize(4 + 2 + 2 + 2);
        assertThat(matches).extracting(m -> m.fixture().id().toString()).startsWith(
                "E0:1995-08-19:Arsenal:Middlesbrough",
                "E0:1995-08-20:Chelsea:Everton",
                "E0:1995-12-23:Leeds:Wimbledon",
                "E0:1996-05-05:Arsenal:Bolton",
                "D1:2000-08-12:Kickers W\u00fcrzburg:M'gladbach");
        assertThat(matches).isSortedAccordingTo(HistoryLoader.CHRONOLOGICAL);
    }

    @Test
    void shouldBreakKickoffTiesByCompetitionThenFixtureId() {
        HistoricalMatch spain = aMatch().competition("SP1").home("Betis").away("Celta").on("2023-08-12").build();
        HistoricalMatch england = aMatch().competition("E0").home("Wolves").away("Brighton").on("2023-08-12").build();
        HistoricalMatch englandEarlierId = aMatch().competition("E0").home("Arsenal").away("Fulham").on("2023-08-12").build();

        List<HistoricalMatch> sorted = new ArrayList<>(List.of(spain, england, englandEarlierId));
        sorted.sort(HistoryLoader.CHRONOLOGICAL);

        assertThat(sorted).containsExactly(englandEarlierId, england, spain);
    }

    @Test
    void shouldKeepOnlyTheChosenDivisionsAndSeasons() throws IOException {
        List<HistoricalMatch> matches = HistoryLoader.load(QuirkFiles.root(), Set.of("E0", "SP1"), SeasonRange.parse("2000-2024"));

        assertThat(matches).extracting(m -> m.fixture().season()).containsOnly("2010-11", "2023-24");
        assertThat(matches).hasSize(4);
    }
}
