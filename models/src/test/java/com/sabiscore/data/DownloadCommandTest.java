package com.sabiscore.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import picocli.CommandLine;

/**
 * The download command against a local stand-in for football-data.co.uk that serves the shared
 * files under the site's {@code mmz4281/<yyzz>/<Div>.csv} addresses.
 */
class DownloadCommandTest {

    private static final Pattern SITE_PATH = Pattern.compile("/mmz4281/(\\d{2})(\\d{2})/([A-Za-z0-9]+)\\.csv");

    @TempDir
    Path target;

    private final Path sharedFootball = SharedData.footballDir();
    private final Map<String, Integer> requests = new ConcurrentHashMap<>();
    private final Map<String, Integer> serverErrorsToSend = new ConcurrentHashMap<>();
    private final Map<String, String> bodiesToReplace = new ConcurrentHashMap<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private HttpServer site;

    @BeforeEach
    void startSite() throws IOException {
        site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        site.createContext("/", this::serve);
        site.start();
    }

    @AfterEach
    void stopSite() {
        site.stop(0);
    }

    @Test
    void shouldStoreEachLeagueSeasonUnderDivAndSeasonByteForByte() throws IOException {
        int exitCode = download("--leagues", "E0,D1", "--seasons", "2021-2023");

        assertThat(exitCode).isZero();
        for (String file : List.of("E0/2021-22.csv", "E0/2022-23.csv", "D1/2021-22.csv", "D1/2022-23.csv")) {
            assertThat(target.resolve(file)).hasSameBinaryContentAs(sharedFootball.resolve(file));
        }
        assertThat(HistoryLoader.load(target)).hasSize(2 * 380 + 2 * 306);
        assertThat(out.toString()).contains("[1/4] E0 2021-22", "[4/4] D1 2022-23: 306 matches", "Downloaded 4 of 4 files");
        assertThat(requests).containsOnlyKeys("/mmz4281/2122/E0.csv", "/mmz4281/2223/E0.csv",
                "/mmz4281/2122/D1.csv", "/mmz4281/2223/D1.csv");
    }

    @Test
    void shouldRetryAfterServerErrors() throws IOException {
        serverErrorsToSend.put("/mmz4281/2324/E0.csv", 2);

        int exitCode = download("--leagues", "E0", "--seasons", "2023-24");

        assertThat(exitCode).isZero();
        assertThat(requests).containsEntry("/mmz4281/2324/E0.csv", 3);
        assertThat(out.toString()).contains("HTTP 500, retrying");
        assertThat(target.resolve("E0/2023-24.csv")).hasSameBinaryContentAs(sharedFootball.resolve("E0/2023-24.csv"));
    }

    @Test
    void shouldGiveUpAfterTheLastAttempt() {
        serverErrorsToSend.put("/mmz4281/2324/E0.csv", 100);

        int exitCode = download("--leagues", "E0", "--seasons", "2023-24");

        assertThat(exitCode).isEqualTo(1);
        assertThat(requests).containsEntry("/mmz4281/2324/E0.csv", 3);
        assertThat(err.toString()).contains("gave up", "after 3 attempts", "HTTP 500");
        assertThat(target.resolve("E0")).doesNotExist();
    }

    @Test
    void shouldReportAMissingFileClearlyAndStillFetchTheOthers() throws IOException {
        int exitCode = download("--leagues", "E0,X9", "--seasons", "2023-24");

        assertThat(exitCode).isEqualTo(1);
        assertThat(requests).containsEntry("/mmz4281/2324/X9.csv", 1);
        assertThat(err.toString()).contains("X9 2023-24 FAILED", "HTTP 404", "/mmz4281/2324/X9.csv", "check --leagues and --seasons");
        assertThat(target.resolve("E0/2023-24.csv")).exists();
        assertThat(target.resolve("X9")).doesNotExist();
    }

    @Test
    void shouldRefuseAFileThatIsNotFootballDataResults() throws IOException {
        bodiesToReplace.put("/mmz4281/2324/E0.csv", "<html><body>Service temporarily unavailable</body></html>");

        int exitCode = download("--leagues", "E0", "--seasons", "2023-24");

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString()).contains("not a football-data results file", "missing column");
        assertThat(filesUnder(target)).isEmpty();
    }

    @Test
    void shouldReplaceAnExistingFileWithoutLeavingPartialFiles() throws IOException {
        Files.createDirectories(target.resolve("E0"));
        Files.writeString(target.resolve("E0/2023-24.csv"), "stale");

        int exitCode = download("--leagues", "E0", "--seasons", "2023-24");

        assertThat(exitCode).isZero();
        assertThat(target.resolve("E0/2023-24.csv")).hasSameBinaryContentAs(sharedFootball.resolve("E0/2023-24.csv"));
        assertThat(filesUnder(target)).containsExactly(target.resolve("E0/2023-24.csv"));
    }

    @Test
    void shouldRefuseHeldOutSeasonsBeforeFetchingAnything() {
        int exitCode = download("--leagues", "E0", "--seasons", "2022-2025");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("held out");
        assertThat(requests).isEmpty();
    }

    @Test
    void shouldBuildFootballDataAddresses() {
        DownloadCommand command = new DownloadCommand();
        new CommandLine(command).parseArgs("--to", target.toString());

        assertThat(command.fileUri("SP1", 1999)).hasToString("https://www.football-data.co.uk/mmz4281/9900/SP1.csv");
        assertThat(command.fileUri("E0", 2023)).hasToString("https://www.football-data.co.uk/mmz4281/2324/E0.csv");
    }

    private int download(String... options) {
        CommandLine commandLine = new CommandLine(new DownloadCommand(Duration.ofMillis(10), 3));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        String base = "http://127.0.0.1:" + site.getAddress().getPort();
        String[] args = Stream.concat(Stream.of(options), Stream.of("--to", target.toString(), "--base-url", base))
                .toArray(String[]::new);
        return commandLine.execute(args);
    }

    /** football-data's {@code mmz4281/2324/E0.csv} is the shared {@code E0/2023-24.csv}. */
    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.merge(path, 1, Integer::sum);
        if (serverErrorsToSend.merge(path, -1, Integer::sum) >= 0) {
            respond(exchange, 500, "Internal Server Error".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        if (bodiesToReplace.containsKey(path)) {
            respond(exchange, 200, bodiesToReplace.get(path).getBytes(StandardCharsets.UTF_8));
            return;
        }
        Matcher m = SITE_PATH.matcher(path);
        Path file = m.matches() ? sharedFootball.resolve(m.group(3)).resolve("20" + m.group(1) + "-" + m.group(2) + ".csv") : null;
        if (file == null || !Files.isRegularFile(file)) {
            respond(exchange, 404, "Not Found".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        respond(exchange, 200, Files.readAllBytes(file));
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream stream = exchange.getResponseBody()) {
            stream.write(body);
        }
    }

    private static List<Path> filesUnder(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
