package com.sabiscore.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sabiscore.match.HistoricalMatch;

/**
 * Loads a football-data tree laid out as {@code <root>/<Div>/<season>.csv} (the shared data
 * folder, or what {@code sabiscore download} writes) into one chronological list. Files that are
 * not {@code <Div>/<YYYY-YY>.csv}, such as README.md and MANIFEST.csv, are ignored.
 */
public final class HistoryLoader {

    /**
     * The one order of history: kick-off, then competition, then fixture id, so that matches at
     * the same instant always come out the same way.
     */
    public static final Comparator<HistoricalMatch> CHRONOLOGICAL = Comparator
            .comparing((HistoricalMatch m) -> m.fixture().kickoff())
            .thenComparing(m -> m.fixture().competition())
            .thenComparing(m -> m.fixture().id().toString());

    private static final Logger LOG = LoggerFactory.getLogger(HistoryLoader.class);
    private static final Pattern SEASON_FILE = Pattern.compile("\\d{4}-\\d{2}\\.csv");

    private HistoryLoader() {
    }

    /** Every division and season under {@code root}. */
    public static List<HistoricalMatch> load(Path root) throws IOException {
        return load(root, Set.of(), SeasonRange.all());
    }

    /**
     * The matches of the chosen divisions and seasons, sorted {@link #CHRONOLOGICAL}ly.
     *
     * @param divisions division codes such as {@code E0}; empty means all
     */
    public static List<HistoricalMatch> load(Path root, Set<String> divisions, SeasonRange seasons) throws IOException {
        long started = System.nanoTime();
        List<Path> files = seasonFiles(root, divisions, seasons);
        List<HistoricalMatch> matches = new ArrayList<>();
        for (Path file : files) {
            matches.addAll(FootballDataReader.read(file));
        }
        matches.sort(CHRONOLOGICAL);
        LOG.info("Loaded {} matches from {} files under {} in {} ms",
                matches.size(), files.size(), root, (System.nanoTime() - started) / 1_000_000);
        return matches;
    }

    /** The {@code <Div>/<season>.csv} files of the chosen divisions and seasons, sorted by path. */
    public static List<Path> seasonFiles(Path root, Set<String> divisions, SeasonRange seasons) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("football data directory does not exist: " + root);
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> divisionDirs = Files.list(root)) {
            for (Path divisionDir : divisionDirs.filter(Files::isDirectory).sorted().toList()) {
                String division = divisionDir.getFileName().toString();
                if (divisions.isEmpty() || divisions.contains(division)) {
                    files.addAll(seasonFilesOf(divisionDir, seasons));
                }
            }
        }
        return files;
    }

    private static List<Path> seasonFilesOf(Path divisionDir, SeasonRange seasons) throws IOException {
        try (Stream<Path> entries = Files.list(divisionDir)) {
            return entries
                    .filter(Files::isRegularFile)
                    .filter(file -> SEASON_FILE.matcher(file.getFileName().toString()).matches())
                    .filter(file -> seasons.contains(FootballDataReader.seasonOf(file)))
                    .sorted()
                    .toList();
        }
    }
}
