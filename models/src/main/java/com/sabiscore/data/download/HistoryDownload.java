package com.sabiscore.data.download;

import com.sabiscore.data.DataLocation;
import com.sabiscore.data.FootballDataReader;
import com.sabiscore.data.InternationalResultsReader;
import com.sabiscore.data.MalformedDataException;
import com.sabiscore.data.SeasonRange;
import com.sabiscore.data.download.FileDownloader.ContentCheck;
import com.sabiscore.data.download.FileDownloader.InvalidFileException;
import com.sabiscore.data.download.FileDownloader.Missing;
import com.sabiscore.data.download.FileDownloader.Outcome;
import com.sabiscore.data.download.FileDownloader.Rejected;
import com.sabiscore.data.download.FileDownloader.Saved;
import com.sabiscore.data.download.FileDownloader.Unreachable;
import com.sabiscore.match.Competition;
import com.sabiscore.match.HistoricalMatch;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One download of history: league seasons into {@code <folder>/<Div>/<season>.csv} and the
 * international {@code results.csv}, fetched one after the other with progress, and summed up.
 * A file already there that still reads correctly is kept (an interrupted download resumes where
 * it stopped) unless it is one that still changes, which the caller names; a file the source does
 * not have is skipped and listed; when the source stops answering, the download stops. A league
 * folder whose download completed gets {@link DataLocation#DOWNLOAD_COMPLETE}.
 */
public final class HistoryDownload {

    /** The leagues SabiScore predicts. */
    public static final List<String> LEAGUES = Arrays.stream(Competition.values())
            .filter(competition -> competition != Competition.INT).map(Competition::code).toList();

    /**
     * One file to fetch.
     *
     * @param refresh fetch it even when a valid copy is there (a season still being played)
     */
    record Item(String label, URI uri, Path target, ContentCheck check, boolean refresh) {
    }

    private final List<Item> items;
    private final List<Path> completedFolders;
    private final URI source;

    private HistoryDownload(List<Item> items, List<Path> completedFolders, URI source) {
        this.items = List.copyOf(items);
        this.completedFolders = List.copyOf(completedFolders);
        this.source = source;
    }

    /**
     * The league seasons {@code divisions} x {@code seasons} into {@code folder}.
     *
     * @param refreshFrom seasons starting in this year or later are fetched even when present
     */
    public static HistoryDownload leagues(DownloadSource source, List<String> divisions, SeasonRange seasons, Path folder,
                                          int refreshFrom) {
        List<Item> items = new ArrayList<>();
        for (String division : divisions) {
            for (int startYear : seasons.startYears()) {
                String season = SeasonRange.label(startYear);
                URI uri = source.seasonFile(division, startYear);
                items.add(new Item(division + " " + season, uri, folder.resolve(division).resolve(season + ".csv"),
                        content -> leagueMatches(content, division, season, uri), startYear >= refreshFrom));
            }
        }
        return new HistoryDownload(items, List.of(folder), source.leagues());
    }

    /** The international {@code results.csv} into {@code folder}. */
    public static HistoryDownload international(DownloadSource source, Path folder, boolean refresh) {
        URI uri = source.international();
        return new HistoryDownload(List.of(new Item("international results", uri,
                folder.resolve(InternationalResultsReader.RESULTS_FILE), content -> internationalMatches(content, uri), refresh)),
                List.of(), uri);
    }

    /** Both downloads in one run, with one progress and one summary. */
    public HistoryDownload and(HistoryDownload other) {
        List<Item> all = new ArrayList<>(items);
        all.addAll(other.items);
        List<Path> folders = new ArrayList<>(completedFolders);
        folders.addAll(other.completedFolders);
        return new HistoryDownload(all, folders, source);
    }

    /** Fetches every file in order; stops early only when the source stops answering. */
    public DownloadSummary run(FileDownloader downloader, DownloadProgress progress) throws InterruptedException {
        long started = System.nanoTime();
        int saved = 0;
        int kept = 0;
        long bytes = 0;
        List<String> missing = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        String stoppedBy = null;
        progress.start(items.size());
        for (Item item : items) {
            progress.fileStarted(item.label());
            if (!item.refresh() && readsCorrectly(item)) {
                kept++;
                progress.fileFinished(item.label(), "already there");
                continue;
            }
            Outcome outcome = downloader.download(item.uri(), item.target(), item.check(), progress);
            if (outcome instanceof Saved file) {
                saved++;
                bytes += file.bytes();
                progress.fileFinished(item.label(), file.matches() + " matches, " + DownloadProgress.size(file.bytes()));
            } else if (outcome instanceof Missing absent) {
                missing.add(item.label());
                progress.fileFinished(item.label(), absent.reason());
            } else if (outcome instanceof Rejected rejected) {
                failed.add(item.label() + " (" + rejected.reason() + ")");
                progress.fileFinished(item.label(), "FAILED: " + rejected.reason());
            } else if (outcome instanceof Unreachable unreachable) {
                stoppedBy = unreachable.reason();
                progress.fileFinished(item.label(), "FAILED: " + unreachable.reason());
                break;
            }
        }
        progress.finish();
        DownloadSummary summary = new DownloadSummary(items.size(), saved, kept, bytes,
                Duration.ofNanos(System.nanoTime() - started), missing, failed, stoppedBy);
        if (summary.complete()) {
            for (Path folder : completedFolders) {
                FileDownloader.writeAtomically(("source=" + source + "\nfinished=" + Instant.now() + "\n")
                        .getBytes(StandardCharsets.UTF_8), folder.resolve(DataLocation.DOWNLOAD_COMPLETE));
            }
        }
        return summary;
    }

    private static boolean readsCorrectly(Item item) {
        if (!Files.isRegularFile(item.target())) {
            return false;
        }
        try {
            return item.check().matches(Files.readAllBytes(item.target())) > 0;
        } catch (IOException | InvalidFileException unreadable) {
            // fetched again, and replaced
            return false;
        }
    }

    /** A football-data results file of that division: what the loader will read later, checked now. */
    static int leagueMatches(byte[] content, String division, String season, URI uri) throws InvalidFileException {
        List<HistoricalMatch> matches;
        try {
            matches = FootballDataReader.read(content, season, uri.toString());
        } catch (MalformedDataException e) {
            throw new InvalidFileException("not football-data results: " + e.getMessage());
        }
        for (HistoricalMatch match : matches) {
            if (!match.fixture().competition().equals(division)) {
                throw new InvalidFileException("holds a match of division " + match.fixture().competition() + ", not " + division);
            }
        }
        return matches.size();
    }

    /** martj42's {@code results.csv}: its header columns (date, home_team, ... neutral) and rows the reader takes. */
    static int internationalMatches(byte[] content, URI uri) throws InvalidFileException {
        try {
            return InternationalResultsReader.read(content, uri.toString()).matches().size();
        } catch (MalformedDataException e) {
            throw new InvalidFileException("not martj42 results.csv: " + e.getMessage());
        }
    }
}
