package com.sabiscore.data;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import com.sabiscore.match.HistoricalMatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sabiscore download}: fetches football-data.co.uk league CSVs into the layout the
 * {@link HistoryLoader} reads, {@code <dir>/<Div>/<season>.csv}. Each file is checked (it must parse
 * as football-data results with at least one match of that division) before it is moved into place
 * atomically, so an interrupted or bad download never leaves a half-written season behind.
 *
 * <pre>
 * bin/sabiscore download --leagues E0,D1 --seasons 2019-2024 --to ../shared/data/football
 * </pre>
 * Seasons from 2024-25 on are held out for evaluation and are refused.
 */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = "Download football-data.co.uk league CSVs into <dir>/<Div>/<season>.csv.")
public final class DownloadCommand implements Callable<Integer> {

    public static final String DEFAULT_BASE_URL = "https://www.football-data.co.uk";
    /** 2024-25 and every later season are kept for the final evaluation only. */
    public static final int FIRST_HELD_OUT_SEASON = 2024;

    private static final Pattern DIVISION = Pattern.compile("[A-Za-z0-9]{1,8}");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    @Option(names = "--leagues", split = ",", defaultValue = "E0,D1,I1,SP1,F1",
            description = "Division codes, comma separated (default: ${DEFAULT-VALUE}).")
    List<String> leagues;

    @Option(names = "--seasons", defaultValue = "1993-2024", converter = SeasonRangeConverter.class,
            description = "Seasons: 2019-2024 means 2019-20 to 2023-24; one season is 2023-24 (default: ${DEFAULT-VALUE}).")
    SeasonRange seasons;

    @Option(names = "--to", required = true, description = "Target folder; files go to <dir>/<Div>/<season>.csv.")
    Path target;

    @Option(names = "--base-url", defaultValue = DEFAULT_BASE_URL, description = "Site to fetch from (default: ${DEFAULT-VALUE}).")
    URI baseUrl;

    @Spec
    CommandSpec spec;

    private final Duration firstRetryDelay;
    private final int maxAttempts;

    /** Four attempts per file, waiting 2 s, 4 s and 8 s between them. */
    public DownloadCommand() {
        this(Duration.ofSeconds(2), 4);
    }

    DownloadCommand(Duration firstRetryDelay, int maxAttempts) {
        this.firstRetryDelay = firstRetryDelay;
        this.maxAttempts = maxAttempts;
    }

    @Override
    public Integer call() throws InterruptedException {
        checkOptions();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        List<Integer> startYears = seasons.startYears();
        int total = leagues.size() * startYears.size();
        int done = 0;
        int failed = 0;
        for (String division : leagues) {
            for (int startYear : startYears) {
                done++;
                String season = SeasonRange.label(startYear);
                URI uri = fileUri(division, startYear);
                out.printf("[%d/%d] %s %s <- %s%n", done, total, division, season, uri);
                out.flush();
                try {
                    Downloaded file = download(client, uri, division, season, out);
                    out.printf("[%d/%d] %s %s: %d matches, %d bytes -> %s%n",
                            done, total, division, season, file.matches(), file.bytes(), file.path());
                } catch (DownloadException e) {
                    failed++;
                    err.printf("[%d/%d] %s %s FAILED: %s%n", done, total, division, season, e.getMessage());
                }
                out.flush();
                err.flush();
            }
        }
        out.printf("Downloaded %d of %d files into %s%n", total - failed, total, target);
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    private void checkOptions() {
        for (String division : leagues) {
            if (!DIVISION.matcher(division).matches()) {
                throw new ParameterException(spec.commandLine(), "--leagues: not a football-data division code: '" + division + "'");
            }
        }
        if (seasons.lastStartYear() >= FIRST_HELD_OUT_SEASON) {
            throw new ParameterException(spec.commandLine(), "--seasons " + seasons + ": seasons from "
                    + SeasonRange.label(FIRST_HELD_OUT_SEASON) + " on are held out for evaluation and are not downloaded");
        }
    }

    /** football-data's address for a season: {@code mmz4281/2324/E0.csv} is E0 2023-24. */
    URI fileUri(String division, int startYear) {
        String base = baseUrl.toString().replaceAll("/+$", "");
        String seasonCode = String.format("%02d%02d", startYear % 100, (startYear + 1) % 100);
        return URI.create(base + "/mmz4281/" + seasonCode + "/" + division + ".csv");
    }

    private record Downloaded(Path path, int matches, int bytes) {
    }

    private Downloaded download(HttpClient client, URI uri, String division, String season, PrintWriter out)
            throws DownloadException, InterruptedException {
        byte[] content = fetch(client, uri, out);
        List<HistoricalMatch> matches = check(content, division, season, uri);
        return new Downloaded(writeAtomically(content, division, season), matches.size(), content.length);
    }

    private byte[] fetch(HttpClient client, URI uri, PrintWriter out) throws DownloadException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build();
        Duration delay = firstRetryDelay;
        String problem = "";
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if (status == 200) {
                    return response.body();
                }
                if (status < 500) {
                    throw new DownloadException("HTTP " + status + " for " + uri
                            + (status == 404 ? " (football-data has no such file: check --leagues and --seasons)" : ""));
                }
                problem = "HTTP " + status;
            } catch (IOException e) {
                problem = e.toString();
            }
            if (attempt < maxAttempts) {
                out.printf("    %s, retrying in %d ms%n", problem, delay.toMillis());
                out.flush();
                Thread.sleep(delay.toMillis());
                delay = delay.multipliedBy(2);
            }
        }
        throw new DownloadException("gave up on " + uri + " after " + maxAttempts + " attempts, last: " + problem);
    }

    private static List<HistoricalMatch> check(byte[] content, String division, String season, URI uri) throws DownloadException {
        List<HistoricalMatch> matches;
        try {
            matches = FootballDataReader.read(content, season, uri.toString());
        } catch (MalformedDataException e) {
            throw new DownloadException("not a football-data results file: " + e.getMessage());
        }
        if (matches.isEmpty()) {
            throw new DownloadException(uri + " holds no matches");
        }
        boolean otherDivision = matches.stream().anyMatch(m -> !m.fixture().competition().equals(division));
        if (otherDivision) {
            throw new DownloadException(uri + " holds matches of another division than " + division);
        }
        return matches;
    }

    /** Writes beside the target and renames, so readers never see a partial file. */
    private Path writeAtomically(byte[] content, String division, String season) throws DownloadException {
        Path folder = target.resolve(division);
        Path file = folder.resolve(season + ".csv");
        Path partial;
        try {
            Files.createDirectories(folder);
            partial = Files.createTempFile(folder, "." + season + "-", ".part");
        } catch (IOException e) {
            throw new DownloadException("cannot write into " + folder + ": " + e);
        }
        try {
            Files.write(partial, content);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            // best effort: the write error is what the user needs to see
            partial.toFile().delete();
            throw new DownloadException("cannot write " + file + ": " + e);
        }
    }

    /** One file could not be fetched or was not what it should be; the others still run. */
    static final class DownloadException extends Exception {
        DownloadException(String message) {
            super(message);
        }
    }

    /** Lets picocli read {@code --seasons 2019-2024}. */
    static final class SeasonRangeConverter implements ITypeConverter<SeasonRange> {
        @Override
        public SeasonRange convert(String value) {
            return SeasonRange.parse(value);
        }
    }
}
