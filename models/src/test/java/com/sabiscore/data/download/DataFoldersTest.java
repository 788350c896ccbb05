package com.sabiscore.data.download;

import static com.sabiscore.data.download.FootballDataSite.seasonPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sabiscore.data.DataLocation;
import com.sabiscore.data.DataLocation.DataNotFoundException;
import com.sabiscore.data.HistoryLoader;
import com.sabiscore.data.SeasonRange;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data a command reads when no folder holds any: downloaded into the per-user data folder,
 * 1993-94 up to the season in progress, or refused offline with what to do instead.
 */
class DataFoldersTest {

    /** Mid-September 1994: the seasons up to the one in progress are 1993-94 and 1994-95. */
    private static final Clock SEPTEMBER_1994 = Clock.fixed(Instant.parse("1994-09-15T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path workspace;

    private final FootballDataSite site = FootballDataSite.start();
    private final FileDownloader downloader = new FileDownloader(Duration.ofSeconds(5), Duration.ofSeconds(5), 2, Duration.ZERO);
    private final StringWriter printed = new StringWriter();
    private Path dataHome;
    private Path elsewhere;

    @BeforeEach
    void serveTwoSeasonsOfEveryLeague() throws IOException {
        for (String league : HistoryDownload.LEAGUES) {
            site.seasons(league, 1993, 1994);
        }
        site.internationals();
        dataHome = workspace.resolve("data-home");
        elsewhere = Files.createDirectories(workspace.resolve("a/working/folder"));
    }

    @AfterEach
    void closeSite() {
        site.close();
    }

    @Test
    void shouldDownloadIntoTheDataHomeWhenNoFolderHoldsDataAndThenGoOn() throws Exception {
        Path football = folders(false).football(null);

        assertThat(football).isEqualTo(dataHome.resolve("football"));
        assertThat(HistoryLoader.seasonFiles(football, Set.of(), SeasonRange.all())).hasSize(10);
        assertThat(football.resolve("SP1/1994-95.csv")).exists();
        assertThat(site.requests()).isEqualTo(10);
        assertThat(printed.toString().lines().toList())
                .first().asString().startsWith("No football data found (looked in [")
                .endsWith(": downloading it from " + site.base() + " into " + football + " (--offline refuses)");
        assertThat(printed.toString().lines().toList())
                .last().asString().startsWith("Downloaded 10 of 10 files (");
    }

    @Test
    void shouldUseACompletedDownloadWithoutAskingTheSourceAgain() throws Exception {
        folders(false).football(null);
        int requests = site.requests();

        Path again = folders(false).football(null);

        assertThat(again).isEqualTo(dataHome.resolve("football"));
        assertThat(site.requests()).isEqualTo(requests);
    }

    @Test
    void shouldResumeADownloadThatDidNotFinish() throws Exception {
        site.failWithServerError(seasonPath("F1", 1994), 100);
        assertThatThrownBy(() -> folders(false).football(null)).isInstanceOf(DownloadFailedException.class);
        site.failWithServerError(seasonPath("F1", 1994), 0);

        folders(false).football(null);

        // the first run's two attempts at F1 1994-95, then only that file again
        assertThat(site.requests(seasonPath("F1", 1994))).isEqualTo(3);
        assertThat(site.requests(seasonPath("E0", 1993))).isEqualTo(1);
        assertThat(dataHome.resolve("football").resolve(DataLocation.DOWNLOAD_COMPLETE)).exists();
    }

    @Test
    void shouldDownloadNothingWhenAnEarlierFolderInTheLookupHoldsData() throws Exception {
        Path shared = Files.createDirectories(workspace.resolve("a/working/shared/data/football"));
        Path own = Files.createDirectories(workspace.resolve("own"));

        assertThat(folders(false).football(null)).isEqualTo(shared.normalize());
        assertThat(folders(false).football(own.toString())).isEqualTo(own);
        assertThat(site.requests()).isZero();
    }

    @Test
    void shouldRefuseToDownloadOfflineAndSayWhatToDoInstead() {
        assertThatThrownBy(() -> folders(true).football(null))
                .isInstanceOf(DataNotFoundException.class)
                .hasMessageStartingWith("No football data found (looked in [")
                .hasMessageContaining("--offline (or SABISCORE_OFFLINE=1) forbids downloading it: run once without --offline, "
                        + "or `bin/sabiscore download`, or pass --data DIR / set SABISCORE_DATA to a folder that holds it");
        assertThat(site.requests()).isZero();
    }

    @Test
    void shouldUseTheFilesOfAnUnfinishedDownloadOffline() throws Exception {
        site.failWithServerError(seasonPath("F1", 1994), 100);
        assertThatThrownBy(() -> folders(false).football(null)).isInstanceOf(DownloadFailedException.class);
        int requests = site.requests();

        Path football = folders(true).football(null);

        assertThat(football).isEqualTo(dataHome.resolve("football"));
        assertThat(HistoryLoader.load(football)).hasSize(18);
        assertThat(site.requests()).isEqualTo(requests);
        assertThat(printed.toString()).contains("Using " + football + " as it is: its download did not finish");
    }

    @Test
    void shouldFailWithWhatToDoWhenTheSourceDoesNotAnswer() {
        DataFolders unreachable = new DataFolders(location(), new DownloadSource(FootballDataSite.nowhere(),
                FootballDataSite.nowhere()), false, downloader, progress(), SEPTEMBER_1994);

        assertThatThrownBy(() -> unreachable.football(null))
                .isInstanceOf(DownloadFailedException.class)
                .hasMessageStartingWith("Cannot download the football data: the download source does not answer: ConnectException")
                .hasMessageContaining("Run the command again to resume; check SABISCORE_DOWNLOAD_URL / SABISCORE_INTERNATIONAL_URL")
                .hasMessageContaining("pass --data DIR");
    }

    @Test
    void shouldDownloadTheInternationalResultsWhenNoneAreFound() throws Exception {
        Path international = folders(false).international(null);

        assertThat(international).isEqualTo(dataHome.resolve("international"));
        assertThat(international.resolve("results.csv")).hasBinaryContent(FootballDataSite.twoInternationals());
        assertThat(folders(true).international(null)).isEqualTo(international);
    }

    @Test
    void shouldTakeSabiscoreOfflineAsOneTrueOrYes() {
        for (String yes : List.of("1", "true", "YES", " on ")) {
            assertThat(DataFolders.offlineIn(Map.of(DataFolders.OFFLINE_ENV, yes))).as(yes).isTrue();
        }
        for (String no : List.of("0", "false", "", "no")) {
            assertThat(DataFolders.offlineIn(Map.of(DataFolders.OFFLINE_ENV, no))).as(no).isFalse();
        }
        assertThat(DataFolders.offlineIn(Map.of())).isFalse();
    }

    private DataFolders folders(boolean offline) {
        return new DataFolders(location(), site.source(), offline, downloader, progress(), SEPTEMBER_1994);
    }

    private DataLocation location() {
        return new DataLocation(Map.of(DataLocation.DATA_HOME_ENV, dataHome.toString()), elsewhere, null, workspace.resolve("home"));
    }

    private DownloadProgress progress() {
        return new DownloadProgress(new PrintWriter(printed, true), false, System::nanoTime);
    }
}
