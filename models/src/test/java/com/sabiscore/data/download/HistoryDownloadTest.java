package com.sabiscore.data.download;

import static com.sabiscore.data.download.FootballDataSite.seasonPath;
import static com.sabiscore.data.download.FootballDataSite.twoMatches;
import static org.assertj.core.api.Assertions.assertThat;

import com.sabiscore.data.DataLocation;
import com.sabiscore.data.HistoryLoader;
import com.sabiscore.data.SeasonRange;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryDownloadTest {

    private static final int NEVER = Integer.MAX_VALUE;

    @TempDir
    Path folder;

    private final FootballDataSite site = FootballDataSite.start();
    private final FileDownloader downloader = new FileDownloader(Duration.ofSeconds(5), Duration.ofSeconds(5), 2, Duration.ZERO);
    private final StringWriter printed = new StringWriter();
    private final DownloadProgress progress = new DownloadProgress(new PrintWriter(printed, true), false, System::nanoTime);

    @AfterEach
    void closeSite() {
        site.close();
    }

    @Test
    void shouldFetchEverySeasonOfEveryLeagueIntoDivAndSeasonFilesAndMarkTheFolderComplete() throws Exception {
        site.seasons("E0", 2022, 2023).seasons("D1", 2022, 2023);

        DownloadSummary summary = leagues(List.of("E0", "D1"), "2022-2024", NEVER).run(downloader, progress);

        assertThat(summary.complete()).isTrue();
        assertThat(summary.saved()).isEqualTo(4);
        for (String file : List.of("E0/2022-23.csv", "E0/2023-24.csv", "D1/2022-23.csv", "D1/2023-24.csv")) {
            assertThat(folder.resolve(file)).exists();
        }
        assertThat(folder.resolve("D1/2023-24.csv")).hasBinaryContent(twoMatches("D1", 2023));
        assertThat(HistoryLoader.load(folder)).hasSize(8);
        assertThat(folder.resolve(DataLocation.DOWNLOAD_COMPLETE)).content().contains("source=" + site.base());
        assertThat(summary.line()).startsWith("Downloaded 4 of 4 files (");
        assertThat(printed.toString()).contains("[1/4] E0 2022-23: 2 matches, ", "[4/4] D1 2023-24: 2 matches, ");
    }

    @Test
    void shouldKeepValidFilesAlreadyThereAndFetchOnlyTheOthers() throws Exception {
        site.seasons("E0", 2021, 2022, 2023);
        leagues(List.of("E0"), "2021-2023", NEVER).run(downloader, progress);
        int requestsSoFar = site.requests();

        DownloadSummary resumed = leagues(List.of("E0"), "2021-2024", NEVER).run(downloader, progress);

        assertThat(resumed.kept()).isEqualTo(2);
        assertThat(resumed.saved()).isEqualTo(1);
        assertThat(site.requests() - requestsSoFar).isEqualTo(1);
        assertThat(site.requests(seasonPath("E0", 2023))).isEqualTo(1);
        assertThat(resumed.line()).contains("Downloaded 1 of 3 files", "2 already there");
    }

    @Test
    void shouldFetchAgainAFileThereThatDoesNotRead() throws Exception {
        site.seasons("E0", 2023);
        Files.createDirectories(folder.resolve("E0"));
        Files.writeString(folder.resolve("E0/2023-24.csv"), "<html>half a page");

        DownloadSummary summary = leagues(List.of("E0"), "2023-24", NEVER).run(downloader, progress);

        assertThat(summary.saved()).isEqualTo(1);
        assertThat(folder.resolve("E0/2023-24.csv")).hasBinaryContent(twoMatches("E0", 2023));
    }

    @Test
    void shouldFetchTheSeasonsItIsToldStillChangeEvenWhenTheyAreThere() throws Exception {
        site.seasons("E0", 2022, 2023);
        leagues(List.of("E0"), "2022-2024", NEVER).run(downloader, progress);

        DownloadSummary refreshed = leagues(List.of("E0"), "2022-2024", 2023).run(downloader, progress);

        assertThat(refreshed.kept()).isEqualTo(1);
        assertThat(refreshed.saved()).isEqualTo(1);
        assertThat(site.requests(seasonPath("E0", 2022))).isEqualTo(1);
        assertThat(site.requests(seasonPath("E0", 2023))).isEqualTo(2);
    }

    @Test
    void shouldSkipASeasonTheSourceDoesNotHaveAndNameItInTheSummary() throws Exception {
        site.seasons("E0", 2024);

        DownloadSummary summary = leagues(List.of("E0"), "2024-2026", NEVER).run(downloader, progress);

        assertThat(summary.complete()).isTrue();
        assertThat(summary.missing()).containsExactly("E0 2025-26");
        assertThat(summary.line()).contains("Downloaded 1 of 2 files", "not on the source, skipped: E0 2025-26");
        assertThat(folder.resolve("E0/2025-26.csv")).doesNotExist();
        assertThat(folder.resolve(DataLocation.DOWNLOAD_COMPLETE)).exists();
    }

    @Test
    void shouldRefuseASeasonFileOfAnotherDivisionAndNotCallTheDownloadComplete() throws Exception {
        site.seasons("E0", 2022).serve(seasonPath("E0", 2023), twoMatches("D1", 2023));

        DownloadSummary summary = leagues(List.of("E0"), "2022-2024", NEVER).run(downloader, progress);

        assertThat(summary.complete()).isFalse();
        assertThat(summary.failed()).singleElement().asString()
                .startsWith("E0 2023-24 (").contains("holds a match of division D1, not E0");
        assertThat(summary.problem()).startsWith("1 of 2 files could not be downloaded, first E0 2023-24");
        assertThat(folder.resolve("E0/2023-24.csv")).doesNotExist();
        assertThat(folder.resolve("E0/2022-23.csv")).exists();
        assertThat(folder.resolve(DataLocation.DOWNLOAD_COMPLETE)).doesNotExist();
    }

    @Test
    void shouldRefuseAPageThatIsNotFootballDataResults() throws Exception {
        site.serve(seasonPath("E0", 2023), "<html><body>Service temporarily unavailable</body></html>");

        DownloadSummary summary = leagues(List.of("E0"), "2023-24", NEVER).run(downloader, progress);

        assertThat(summary.failed()).singleElement().asString().contains("not football-data results", "missing column");
        assertThat(filesUnder(folder)).isEmpty();
    }

    @Test
    void shouldStopAtTheFirstFileWhenTheSourceDoesNotAnswer() throws Exception {
        URI closed = FootballDataSite.nowhere();
        DownloadSource nowhere = new DownloadSource(closed, closed.resolve("/results.csv"));

        DownloadSummary summary = HistoryDownload.leagues(nowhere, List.of("E0", "D1"), SeasonRange.parse("2022-2024"), folder, NEVER)
                .run(downloader, progress);

        assertThat(summary.complete()).isFalse();
        assertThat(summary.stoppedBy()).contains("ConnectException", "/mmz4281/2223/E0.csv");
        assertThat(summary.problem()).startsWith("the download source does not answer: ");
        assertThat(printed.toString()).contains("[1/4] E0 2022-23: FAILED").doesNotContain("[2/4]");
        assertThat(filesUnder(folder)).isEmpty();
    }

    @Test
    void shouldNotCallItCompleteWhenTheSourceHasNoneOfTheFiles() throws Exception {
        DownloadSummary summary = leagues(List.of("X9"), "2022-2024", NEVER).run(downloader, progress);

        assertThat(summary.complete()).isFalse();
        assertThat(summary.problem()).isEqualTo("the download source has none of the 2 files asked for (every one is missing)");
        assertThat(folder.resolve(DataLocation.DOWNLOAD_COMPLETE)).doesNotExist();
    }

    @Test
    void shouldTakeMartj42ResultsAndRefuseAFileWithAnotherHeader() throws Exception {
        site.internationals();
        Path international = folder.resolve("international");

        DownloadSummary fetched = HistoryDownload.international(site.source(), international, false).run(downloader, progress);

        assertThat(fetched.complete()).isTrue();
        assertThat(international.resolve("results.csv")).hasBinaryContent(FootballDataSite.twoInternationals());

        site.serve(FootballDataSite.INTERNATIONAL_PATH, "date,home,away,hs,as\n1872-11-30,Scotland,England,0,0\n");
        DownloadSummary refused = HistoryDownload.international(site.source(), international, true).run(downloader, progress);

        assertThat(refused.failed()).singleElement().asString()
                .contains("not martj42 results.csv", "missing column(s) [home_team, away_team, home_score, away_score, tournament, city, country, neutral]");
        assertThat(international.resolve("results.csv")).hasBinaryContent(FootballDataSite.twoInternationals());
    }

    private HistoryDownload leagues(List<String> divisions, String seasons, int refreshFrom) {
        return HistoryDownload.leagues(site.source(), divisions, SeasonRange.parse(seasons), folder, refreshFrom);
    }

    private static List<Path> filesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
