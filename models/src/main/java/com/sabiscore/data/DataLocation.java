package com.sabiscore.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the data folders. For each kind of data the first of these wins: an explicit path (a
 * command-line flag), an environment variable, then {@code ../shared/data/<kind>} relative to the
 * working directory and relative to the repository root (system property
 * {@code sabiscore.repo.root}, which {@code bin/sabiscore} and the test runner set). Anything named
 * explicitly must exist: a wrong flag or variable is reported, not silently replaced by a default.
 */
public final class DataLocation {

    /** Environment variable naming the football-data folder ({@code <Div>/<season>.csv}). */
    public static final String FOOTBALL_ENV = "SABISCORE_DATA";
    /** Environment variable naming the folder holding the international {@code results.csv}. */
    public static final String INTERNATIONAL_ENV = "SABISCORE_INTERNATIONAL_DATA";
    /** Command-line flags the messages point to. */
    public static final String FOOTBALL_FLAG = "--data";
    public static final String INTERNATIONAL_FLAG = "--international-data";

    private final Map<String, String> environment;
    private final Path workingDirectory;
    private final Path repoRoot;

    /**
     * @param repoRoot the repository root, or null when not known
     */
    public DataLocation(Map<String, String> environment, Path workingDirectory, Path repoRoot) {
        this.environment = Map.copyOf(environment);
        this.workingDirectory = workingDirectory;
        this.repoRoot = repoRoot;
    }

    /** Reads the real environment, working directory and {@code sabiscore.repo.root}. */
    public static DataLocation fromSystem() {
        String root = System.getProperty("sabiscore.repo.root");
        return new DataLocation(System.getenv(), Path.of("").toAbsolutePath(), root == null ? null : Path.of(root));
    }

    /**
     * The football-data folder.
     *
     * @param explicit the {@code --data} value, or null/blank when not given
     * @throws DataNotFoundException when no candidate is a directory
     */
    public Path football(String explicit) {
        return resolve(explicit, FOOTBALL_FLAG, FOOTBALL_ENV, "football",
                "or run `bin/sabiscore download --to <dir>` to fetch the league files");
    }

    /**
     * The folder holding the international {@code results.csv}.
     *
     * @param explicit the {@code --international-data} value, or null/blank when not given
     * @throws DataNotFoundException when no candidate is a directory
     */
    public Path international(String explicit) {
        return resolve(explicit, INTERNATIONAL_FLAG, INTERNATIONAL_ENV, "international",
                "or put results.csv from github.com/martj42/international_results in ../shared/data/international");
    }

    private Path resolve(String explicit, String flag, String envName, String kind, String lastResort) {
        if (explicit != null && !explicit.isBlank()) {
            return existingDirectory(workingDirectory.resolve(explicit.strip()), flag + " " + explicit);
        }
        String fromEnv = environment.get(envName);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return existingDirectory(workingDirectory.resolve(fromEnv.strip()), envName + "=" + fromEnv);
        }
        List<Path> tried = new ArrayList<>();
        tried.add(workingDirectory.resolve("../shared/data/" + kind).normalize());
        Optional.ofNullable(repoRoot).ifPresent(root -> tried.add(root.resolve("../shared/data/" + kind).normalize()));
        return tried.stream().filter(Files::isDirectory).findFirst().orElseThrow(() -> new DataNotFoundException(
                "No " + kind + " data found (looked in " + tried + "). Pass " + flag + " <dir>, set " + envName + ", "
                        + lastResort + "."));
    }

    private static Path existingDirectory(Path path, String origin) {
        if (!Files.isDirectory(path)) {
            throw new DataNotFoundException(origin + " is not a directory: " + path.toAbsolutePath().normalize());
        }
        return path.normalize();
    }

    /** No data folder could be found; the message says how to provide one. */
    public static final class DataNotFoundException extends IllegalStateException {
        public DataNotFoundException(String message) {
            super(message);
        }
    }
}
