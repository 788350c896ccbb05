package com.sabiscore.connect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The season files under the feed folder: {@code <Div>/<YYYY-YY>.csv}, the layout of the shared
 * data and of {@code sabiscore download}. Other files (README.md, MANIFEST.csv) are not feed files.
 */
final class FeedFolder {

    private static final Pattern SEASON_FILE = Pattern.compile("\\d{4}-\\d{2}\\.csv");

    private final Path root;
    private final Set<String> divisions;

    /** @param divisions division folders to include; empty includes every one */
    FeedFolder(Path root, Set<String> divisions) {
        this.root = root;
        this.divisions = divisions;
    }

    Path root() {
        return root;
    }

    /**
     * Every season file by its name relative to the root ({@code E0/2023-24.csv}), sorted by
     * that name: a division's seasons come oldest first, so its events stay in order.
     */
    TreeMap<String, Path> seasonFiles() throws IOException {
        TreeMap<String, Path> files = new TreeMap<>();
        try (Stream<Path> divisionDirs = Files.list(root)) {
            for (Path divisionDir : divisionDirs.filter(Files::isDirectory).toList()) {
                String division = divisionDir.getFileName().toString();
                if (divisions.isEmpty() || divisions.contains(division)) {
                    try (Stream<Path> entries = Files.list(divisionDir)) {
                        entries.filter(file -> SEASON_FILE.matcher(file.getFileName().toString()).matches())
                                .filter(Files::isRegularFile)
                                .forEach(file -> files.put(division + "/" + file.getFileName(), file));
                    }
                }
            }
        }
        return files;
    }
}
