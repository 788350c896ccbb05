package com.sabiscore.data.download;

import static com.sabiscore.data.download.FootballDataSite.seasonPath;
import static org.assertj.core.api.Assertions.assertThat;

import com.sabiscore.cli.CommandFailures;
import com.sabiscore.data.DataLocation;
import com.sabiscore.data.HistoryLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sabiscore download} against a loopback stand-in for football-data.co.uk. */
class DownloadCommandTest {

    /** January 1995: the season in progress is 1994-95. */
    private static final Clock JANUARY_1995 = Clock.fixed(Instant.parse("1995-01-10T09:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path workspace;

    private final FootballDataSite site = FootballDataSite.start();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void closeSite() {
        site.close();
    }

    @Test
    void shouldFetchEveryLeagueFrom1993UpToTheSeasonInProgressAndTheInternationalsIntoTheDataHome() {
        for (String league : HistoryDownload.LEAGUES) {
            site.seasons(league, 1993, 1994);
        }
        site.internationals();

        int exit = download();

        assertThat(exit).isZero();
        Path home = workspace.resolve("data-home");
        assertThat(home.resolve("football/I1/1993-94.csv")).hasBinaryContent(FootballDataSite.twoMatches("I1", 1993));
        assertThat(home.resolve("football/F1/1994-95.csv")).exists();
        assertThat(home.resolve("football").resolve(DataLocation.DOWNLOAD_COMPLETE)).exists();
        assertThat(home.resolve("international/results.csv")).hasBinaryContent(FootballDataSite.twoInternationals());
        assertThat(site.requests()).isEqualTo(11);
        assertThat(err.toString()).contains("Downloaded 11 of 11 files (");
    }

    @Test
    void shouldStoreTheChosenLeaguesAndSeasonsUnderTheTargetFolder() throws Exception {
        site.seasons("E0", 2021, 2022).seasons("D1", 2021, 2022);
        Path target = workspace.resolve("my-football");

        int exit = download("--leagues", "E0,D1", "--seasons", "2021-2023", "--to", target.toString(), "--no-international");

        assertThat(exit).isZero();
        assertThat(HistoryLoader.load(target)).hasSize(8);
        assertThat(site.requests()).isEqualTo(4);
        assertThat(err.toString()).contains("[1/4] E0 2021-22: 2 matches", "[4/4] D1 2022-23: 2 matches", "Downloaded 4 of 4 files");
    }

    @Test
    void shouldKeepFinishedSeasonsButFetchTheSeasonInProgressAndTheInternationalsAgain() {
        site.seasons("E0", 1993, 1994).internationals();
        download("--leagues", "E0");

        int exit = download("--leagues", "E0");

        assertThat(exit).isZero();
        assertThat(site.requests(seasonPath("E0", 1993))).isEqualTo(1);
        assertThat(site.requests(seasonPath("E0", 1994))).isEqualTo(2);
        assertThat(site.requests(FootballDataSite.INTERNATIONAL_PATH)).isEqualTo(2);
        assertThat(err.toString()).contains("Downloaded 2 of 3 files", "1 already there");
    }

    @Test
    void shouldSucceedWhenTheSourceLacksASeasonAndSayWhichOne() {
        site.seasons("E0", 1993);

        int exit = download("--leagues", "E0", "--no-international");

        assertThat(exit).isZero();
        assertThat(err.toString()).contains("Downloaded 1 of 2 files", "not on the source, skipped: E0 1994-95");
    }

    @Test
    void shouldDownloadSeasonsFrom2024OnLikeAnyOther() {
        site.seasons("E0", 2024, 2025);

        int exit = download("--leagues", "E0", "--seasons", "2024-2026", "--no-international");

        assertThat(exit).isZero();
        assertThat(site.requests(seasonPath("E0", 2025))).isEqualTo(1);
        assertThat(workspace.resolve("data-home/football/E0/2025-26.csv")).exists();
    }

    @Test
    void shouldFailInOneLineWhenTheSourceDoesNotAnswer() {
        int exit = download("--leagues", "E0", "--no-international", "--download-url", FootballDataSite.nowhere().toString());

        assertThat(exit).isEqualTo(1);
        String lastLine = err.toString().lines().reduce((first, second) -> second).orElseThrow();
        assertThat(lastLine).startsWith("download: Download incomplete: the download source does not answer: ConnectException")
                .endsWith("Run it again to resume; check --download-url / $SABISCORE_DOWNLOAD_URL, --leagues and --seasons");
        assertThat(err.toString()).doesNotContain("\tat ");
    }

    @Test
    void shouldRefuseMalformedOptionsAsUsageErrorsBeforeFetchingAnything() {
        assertThat(download("--seasons", "2099")).isEqualTo(2);
        assertThat(download("--leagues", "E0,../x")).isEqualTo(2);
        assertThat(download("--download-url", "ftp://mirror")).isEqualTo(2);

        assertThat(err.toString().lines()).containsExactly(
                "download: Invalid value for option '--seasons': season range must look like 2019-2024 or 2023-24, got: 2099; see 'download --help'",
                "download: --leagues: not a football-data division code: '../x'; see 'download --help'",
                "download: Invalid value for option '--download-url': the URL must be an http:// or https:// URL with a host, got 'ftp://mirror'; see 'download --help'");
        assertThat(site.requests()).isZero();
    }

    /** Runs the command with the data home in the workspace, against the site unless the options name a source. */
    private int download(String... options) {
        DataLocation location = new DataLocation(Map.of(DataLocation.DATA_HOME_ENV, workspace.resolve("data-home").toString()),
                workspace, null, workspace);
        FileDownloader downloader = new FileDownloader(Duration.ofSeconds(5), Duration.ofSeconds(5), 2, Duration.ZERO);
        CommandLine commandLine = CommandFailures.install(new CommandLine(new DownloadCommand(downloader, location, JANUARY_1995)));
        commandLine.setErr(new PrintWriter(err, true));
        String[] source = {"--download-url", site.base().toString(), "--international-url", site.url(FootballDataSite.INTERNATIONAL_PATH).toString()};
        boolean ownSource = Stream.of(options).anyMatch(option -> option.equals("--download-url"));
        return commandLine.execute(ownSource ? options : Stream.concat(Stream.of(options), Stream.of(source)).toArray(String[]::new));
    }
}
