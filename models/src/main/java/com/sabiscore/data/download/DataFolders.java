package com.sabiscore.data.download;

import com.sabiscore.data.DataLocation;
import com.sabiscore.data.DataLocation.DataNotFoundException;
import com.sabiscore.data.DataLocation.Kind;
import com.sabiscore.data.HistoryLoader;
import com.sabiscore.data.SeasonRange;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The data folders a command reads: found through {@link DataLocation}, or, when none holds any,
 * downloaded into the per-user data folder first (every league season from 1993-94 up to the
 * season in progress, or the international results), with progress and a one-line summary.
 * Offline, nothing is downloaded: a folder whose download did not finish is used as it is, and
 * no folder at all is an error that says what to do instead.
 */
public final class DataFolders {

    /** Environment variable that forbids downloads, like {@code --offline}: {@code 1}, {@code true} or {@code yes}. */
    public static final String OFFLINE_ENV = "SABISCORE_OFFLINE";

    private static final Set<String> YES = Set.of("1", "true", "yes", "on");
    private static final String OFFLINE_HINT = "--offline (or SABISCORE_OFFLINE=1) forbids downloading it: "
            + "run once without --offline, or `bin/sabiscore download`, or pass %s DIR / set %s to a folder that holds it";

    private final DataLocation location;
    private final DownloadSource source;
    private final boolean offline;
    private final FileDownloader downloader;
    private final DownloadProgress progress;
    private final Clock clock;

    /** @param clock says which season is in progress, the last one downloaded */
    public DataFolders(DataLocation location, DownloadSource source, boolean offline, FileDownloader downloader,
                       DownloadProgress progress, Clock clock) {
        this.location = location;
        this.source = source;
        this.offline = offline;
        this.downloader = downloader;
        this.progress = progress;
        this.clock = clock;
    }

    /**
     * The folders as this process finds them with no command-line flags: lookup, download source
     * and offline switch from the environment, progress on {@code err}.
     */
    public static DataFolders fromEnvironment(PrintWriter err) {
        return new DataFolders(DataLocation.fromSystem(), DownloadSource.fromEnvironment(System.getenv()),
                offlineIn(System.getenv()), FileDownloader.withDefaults(), DownloadProgress.on(err), Clock.systemDefaultZone());
    }

    /** Whether {@code SABISCORE_OFFLINE} forbids downloads in this environment. */
    public static boolean offlineIn(Map<String, String> environment) {
        return YES.contains(environment.getOrDefault(OFFLINE_ENV, "").strip().toLowerCase(Locale.ROOT));
    }

    /**
     * The football-data folder ({@code <Div>/<season>.csv}).
     *
     * @param explicit {@code --data} or {@code data.dir}, or null/blank when not given
     * @throws DataNotFoundException   when a named folder does not exist, or none exists offline
     * @throws DownloadFailedException when the download could not complete
     */
    public Path football(String explicit) throws InterruptedException {
        return resolve(Kind.FOOTBALL, explicit, home -> HistoryDownload.leagues(source, HistoryDownload.LEAGUES,
                SeasonRange.upToSeasonInProgress(clock), home, Integer.MAX_VALUE), source.leagues().toString());
    }

    /**
     * The folder holding the international {@code results.csv}.
     *
     * @param explicit {@code --international-data}, or null/blank when not given
     */
    public Path international(String explicit) throws InterruptedException {
        return resolve(Kind.INTERNATIONAL, explicit, home -> HistoryDownload.international(source, home, false),
                source.international().toString());
    }

    private interface Plan {
        HistoryDownload into(Path home);
    }

    private Path resolve(Kind kind, String explicit, Plan plan, String from) throws InterruptedException {
        Optional<Path> found = location.find(kind, explicit);
        if (found.isPresent()) {
            return found.get();
        }
        Path home = location.home(kind);
        if (offline) {
            if (holdsAnyFile(kind, home)) {
                progress.say("Using " + home + " as it is: its download did not finish, and --offline forbids resuming it");
                return home;
            }
            throw new DataNotFoundException(location.notFound(kind) + "; " + String.format(OFFLINE_HINT, kind.flag(), kind.envName()));
        }
        progress.say(location.notFound(kind) + ": downloading it from " + from + " into " + home + " (--offline refuses)");
        DownloadSummary summary = plan.into(home).run(downloader, progress);
        progress.say(summary.line());
        if (!summary.complete()) {
            throw new DownloadFailedException("Cannot download the " + kind.folder() + " data: " + summary.problem()
                    + ". Run the command again to resume; check " + DownloadSource.LEAGUES_ENV + " / "
                    + DownloadSource.INTERNATIONAL_ENV + " (a mirror) or the network, or pass " + kind.flag()
                    + " DIR with data you already have"
                    + (kind == Kind.FOOTBALL ? " (with --offline the league files downloaded so far are used)" : ""));
        }
        return home;
    }

    private static boolean holdsAnyFile(Kind kind, Path home) {
        if (kind == Kind.INTERNATIONAL || !Files.isDirectory(home)) {
            // the international file is written whole or not at all: without it there is nothing
            return false;
        }
        try {
            return !HistoryLoader.seasonFiles(home, Set.of(), SeasonRange.all()).isEmpty();
        } catch (IOException unreadable) {
            return false;
        }
    }
}
