package com.sabiscore.data.download;

import static org.assertj.core.api.Assertions.assertThat;

import com.sabiscore.data.download.FileDownloader.ContentCheck;
import com.sabiscore.data.download.FileDownloader.InvalidFileException;
import com.sabiscore.data.download.FileDownloader.Missing;
import com.sabiscore.data.download.FileDownloader.Outcome;
import com.sabiscore.data.download.FileDownloader.Rejected;
import com.sabiscore.data.download.FileDownloader.Saved;
import com.sabiscore.data.download.FileDownloader.Unreachable;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDownloaderTest {

    private static final String PATH = FootballDataSite.seasonPath("E0", 2023);
    /** Counts lines after the header; refuses anything that does not start like a football-data file. */
    private static final ContentCheck LINES_AFTER_HEADER = content -> {
        String text = new String(content, StandardCharsets.UTF_8);
        if (!text.startsWith("Div,")) {
            throw new InvalidFileException("no football-data header");
        }
        return (int) text.lines().count() - 1;
    };

    @TempDir
    Path folder;

    private final FootballDataSite site = FootballDataSite.start();
    private final FileDownloader downloader = new FileDownloader(Duration.ofSeconds(5), Duration.ofSeconds(5), 3, Duration.ZERO);
    private final Heard heard = new Heard();

    @AfterEach
    void closeSite() {
        site.close();
    }

    @Test
    void shouldSaveWhatTheSourceServesAndCountItsBytes() throws Exception {
        byte[] season = FootballDataSite.twoMatches("E0", 2023);
        site.serve(PATH, season);

        Outcome outcome = download(downloader, site.url(PATH));

        assertThat(outcome).isEqualTo(new Saved(target(), season.length, 2));
        assertThat(target()).hasBinaryContent(season);
        assertThat(heard.bytes.get()).isEqualTo(season.length);
        assertThat(filesIn(folder)).containsExactly(target());
    }

    @Test
    void shouldRetryAfterServerErrorsAndThenSave() throws Exception {
        site.serve(PATH, FootballDataSite.twoMatches("E0", 2023)).failWithServerError(PATH, 2);

        Outcome outcome = download(downloader, site.url(PATH));

        assertThat(outcome).isInstanceOf(Saved.class);
        assertThat(site.requests(PATH)).isEqualTo(3);
        assertThat(heard.retries).containsExactly("HTTP 500 (wait 0 ms)", "HTTP 500 (wait 0 ms)");
    }

    @Test
    void shouldWaitTwiceAsLongBeforeEachFurtherAttempt() throws Exception {
        site.serve(PATH, FootballDataSite.twoMatches("E0", 2023)).failWithServerError(PATH, 2);
        FileDownloader patient = new FileDownloader(Duration.ofSeconds(5), Duration.ofSeconds(5), 3, Duration.ofMillis(1));

        download(patient, site.url(PATH));

        assertThat(heard.retries).containsExactly("HTTP 500 (wait 1 ms)", "HTTP 500 (wait 2 ms)");
    }

    @Test
    void shouldGiveUpAfterTheLastAttemptAndSaveNothing() throws Exception {
        site.serve(PATH, FootballDataSite.twoMatches("E0", 2023)).failWithServerError(PATH, 100);

        Outcome outcome = download(downloader, site.url(PATH));

        assertThat(outcome).isInstanceOf(Rejected.class);
        assertThat(((Rejected) outcome).reason()).contains("HTTP 500", "3 attempts", PATH);
        assertThat(site.requests(PATH)).isEqualTo(3);
        assertThat(filesIn(folder)).isEmpty();
    }

    @Test
    void shouldCallAFileTheSourceDoesNotHaveMissingWithoutAskingAgain() throws Exception {
        Outcome outcome = download(downloader, site.url(PATH));

        assertThat(outcome).isEqualTo(new Missing("not on the source (HTTP 404)"));
        assertThat(site.requests(PATH)).isEqualTo(1);
        assertThat(filesIn(folder)).isEmpty();
    }

    @Test
    void shouldCallAFileWithoutAMatchYetMissing() throws Exception {
        site.serve(PATH, "Div,Date,HomeTeam,AwayTeam,FTHG,FTAG\n");

        assertThat(download(downloader, site.url(PATH))).isEqualTo(new Missing("no match in it yet"));
        assertThat(filesIn(folder)).isEmpty();
    }

    @Test
    void shouldLeaveNoPartialFileWhenTheConnectionDropsHalfway() throws Exception {
        site.serve(PATH, FootballDataSite.twoMatches("E0", 2023)).dropHalfway(PATH);

        Outcome outcome = download(downloader, site.url(PATH));

        assertThat(outcome).isInstanceOf(Unreachable.class);
        assertThat(site.requests(PATH)).isEqualTo(3);
        assertThat(filesIn(folder)).isEmpty();
    }

    @Test
    void shouldEndAnAttemptThatReceivesNothingForTheReadTimeout() throws Exception {
        site.serve(PATH, FootballDataSite.twoMatches("E0", 2023)).stallHalfway(PATH);
        FileDownloader impatient = new FileDownloader(Duration.ofSeconds(5), Duration.ofMillis(300), 2, Duration.ZERO);

        Outcome outcome = download(impatient, site.url(PATH));

        assertThat(outcome).isInstanceOf(Unreachable.class);
        assertThat(((Unreachable) outcome).reason()).contains("no data for 300 ms");
        assertThat(site.requests(PATH)).isEqualTo(2);
        assertThat(filesIn(folder)).isEmpty();
    }

    @Test
    void shouldCallASourceThatRefusesConnectionsUnreachable() throws Exception {
        URI closed = FootballDataSite.nowhere().resolve(PATH);

        Outcome outcome = download(downloader, closed);

        assertThat(outcome).isInstanceOf(Unreachable.class);
        assertThat(((Unreachable) outcome).reason()).contains("ConnectException", "3 attempts");
        assertThat(heard.retries).hasSize(2);
    }

    @Test
    void shouldRefuseContentTheCheckRejectsAndKeepTheFileThatWasThere() throws Exception {
        Files.writeString(target(), "Div,Date\nE0,12/08/2023\n");
        site.serve(PATH, "<html><body>Service temporarily unavailable</body></html>");

        Outcome outcome = download(downloader, site.url(PATH));

        assertThat(outcome).isInstanceOf(Rejected.class);
        assertThat(((Rejected) outcome).reason()).contains("is not the expected file: no football-data header");
        assertThat(site.requests(PATH)).isEqualTo(1);
        assertThat(target()).hasContent("Div,Date\nE0,12/08/2023");
        assertThat(filesIn(folder)).containsExactly(target());
    }

    private Outcome download(FileDownloader with, URI uri) throws InterruptedException {
        return with.download(uri, target(), LINES_AFTER_HEADER, heard);
    }

    private Path target() {
        return folder.resolve("2023-24.csv");
    }

    private static List<Path> filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    /** What the downloader told its listener. */
    private static final class Heard implements FileDownloader.Listener {
        final AtomicLong bytes = new AtomicLong();
        final List<String> retries = new ArrayList<>();

        @Override
        public void received(long count) {
            bytes.addAndGet(count);
        }

        @Override
        public synchronized void retrying(String problem, Duration wait) {
            retries.add(problem + " (wait " + wait.toMillis() + " ms)");
        }
    }
}
