package com.sabiscore.data.download;

import com.sabiscore.cli.SeasonRangeConverter;
import com.sabiscore.data.DataLocation;
import com.sabiscore.data.DataLocation.Kind;
import com.sabiscore.data.SeasonRange;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sabiscore download}: fetches football-data.co.uk league CSVs into the layout the
 * {@link com.sabiscore.data.HistoryLoader} reads, {@code <dir>/<Div>/<season>.csv}, and the
 * international {@code results.csv}; by default every season from 1993-94 up to the one in
 * progress into the per-user data folder, where {@code run}, {@code train} and {@code backtest}
 * look. Files already there are kept, except the season in progress and the international results,
 * which still grow and are fetched again.
 *
 * <pre>
 * bin/sabiscore download
 * bin/sabiscore download --leagues E0,D1 --seasons 2019-2024 --to my-data/football --no-international
 * </pre>
 */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = "Download football-data.co.uk league CSVs (<dir>/<Div>/<season>.csv) and the international results.")
public final class DownloadCommand implements Callable<Integer> {

    private static final Pattern DIVISION = Pattern.compile("[A-Za-z0-9]{1,8}");

    @Option(names = "--leagues", split = ",", paramLabel = "DIV", defaultValue = "E0,D1,I1,SP1,F1",
            description = "division codes, comma separated (default: ${DEFAULT-VALUE})")
    List<String> leagues;

    @Option(names = "--seasons", converter = SeasonRangeConverter.class,
            description = "2019-2024 means 2019-20 to 2023-24; one season is 2023-24 (default: 1993-94 up to the season in progress)")
    SeasonRange seasons;

    @Option(names = "--to", paramLabel = "DIR", description = "league folder; files go to DIR/<Div>/<season>.csv "
            + "(default: <data home>/football, the data home being $SABISCORE_DATA_HOME, $XDG_DATA_HOME/sabiscore or ~/.local/share/sabiscore)")
    Path target;

    @Option(names = "--international", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "also fetch the international results.csv (default: yes)")
    boolean international;

    @Option(names = "--international-to", paramLabel = "DIR", description = "folder for results.csv (default: <data home>/international)")
    Path internationalTarget;

    @Mixin
    SourceOptions source;

    @Option(names = "--international-url", paramLabel = "URL", converter = SourceOptions.HttpUrl.class,
            description = "the international results.csv itself; default: $" + DownloadSource.INTERNATIONAL_ENV
                    + ", else martj42/international_results on GitHub")
    URI internationalUrl;

    @Spec
    CommandSpec spec;

    private final FileDownloader downloader;
    private final DataLocation location;
    private final Clock clock;

    public DownloadCommand() {
        this(FileDownloader.withDefaults(), DataLocation.fromSystem(), Clock.systemDefaultZone());
    }

    DownloadCommand(FileDownloader downloader, DataLocation location, Clock clock) {
        this.downloader = downloader;
        this.location = location;
        this.clock = clock;
    }

    @Override
    public Integer call() throws InterruptedException {
        for (String division : leagues) {
            if (!DIVISION.matcher(division).matches()) {
                throw new ParameterException(spec.commandLine(), "--leagues: not a football-data division code: '" + division + "'");
            }
        }
        DownloadSource from = source.over(DownloadSource.fromEnvironment(System.getenv())).with(null, internationalUrl);
        int inProgress = SeasonRange.seasonInProgress(LocalDate.now(clock));
        Path leagueFolder = target != null ? target : location.home(Kind.FOOTBALL);
        HistoryDownload download = HistoryDownload.leagues(from, leagues,
                seasons != null ? seasons : SeasonRange.upToSeasonInProgress(clock), leagueFolder, inProgress);
        if (international) {
            download = download.and(HistoryDownload.international(from,
                    internationalTarget != null ? internationalTarget : location.home(Kind.INTERNATIONAL), true));
        }
        DownloadProgress progress = DownloadProgress.on(spec.commandLine().getErr());
        progress.say("Downloading from " + from.leagues() + (international ? " and " + from.international() : "")
                + " into " + leagueFolder);
        DownloadSummary summary = download.run(downloader, progress);
        progress.say(summary.line());
        if (!summary.complete()) {
            throw new DownloadFailedException("Download incomplete: " + summary.problem()
                    + ". Run it again to resume; check --download-url / $" + DownloadSource.LEAGUES_ENV + ", --leagues and --seasons");
        }
        return 0;
    }
}
