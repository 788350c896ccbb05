package com.sabiscore.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the data folders. For each kind of data the first of these wins: an explicit path (a
 * command-line flag or a configuration value), an environment variable, {@code ../shared/data/<kind>}
 * relative to the working directory and relative to the repository root (system property
 * {@code sabiscore.repo.root}, which {@code bin/sabiscore} and the test runner set), then the
 * per-user data folder ({@link #dataHome()}). Anything named explicitly must exist: a wrong flag or
 * variable is reported, not silently replaced by a default.
 */
public final class DataLocation {

    /** Environment variable naming the per-user data folder. */
    public static final String DATA_HOME_ENV = "SABISCORE_DATA_HOME";
    /** A download into a football folder writes this file last: until it is there, the folder is resumed, not used. */
    public static final String DOWNLOAD_COMPLETE = ".download-complete";

    /** What the data folders hold, with the flag and variable that name them. */
    public enum Kind {
        /** football-data.co.uk league files, {@code <Div>/<season>.csv} */
        FOOTBALL("football", "--data", "SABISCORE_DATA"),
        /** martj42's international {@code results.csv} */
        INTERNATIONAL("international", "--international-data", "SABISCORE_INTERNATIONAL_DATA");

        private final String folder;
        private final String flag;
        private final String envName;

        Kind(String folder, String flag, String envName) {
            this.folder = folder;
            this.flag = flag;
            this.envName = envName;
        }

        /** The folder's name under the data home and under {@code ../shared/data}; also how messages call it. */
        public String folder() {
            return folder;
        }

        public String flag() {
            return flag;
        }

        public String envName() {
            return envName;
        }

        /** A folder of the data home holds this data once its download finished. */
        boolean complete(Path folder) {
            return this == FOOTBALL
                    ? Files.isRegularFile(folder.resolve(DOWNLOAD_COMPLETE))
                    : Files.isRegularFile(folder.resolve(InternationalResultsReader.RESULTS_FILE));
        }
    }

    private final Map<String, String> environment;
    private final Path workingDirectory;
    private final Path repoRoot;
    private final Path userHome;

    /**
     * @param repoRoot the repository root, or null when not known
     * @param userHome the user's home folder, the last fallback of the data home
     */
    public DataLocation(Map<String, String> environment, Path workingDirectory, Path repoRoot, Path userHome) {
        this.environment = Map.copyOf(environment);
        this.workingDirectory = workingDirectory;
        this.repoRoot = repoRoot;
        this.userHome = userHome;
    }

    /** Reads the real environment, working directory, {@code sabiscore.repo.root} and {@code user.home}. */
    public static DataLocation fromSystem() {
        String root = System.getProperty("sabiscore.repo.root");
        return new DataLocation(System.getenv(), Path.of("").toAbsolutePath(), root == null ? null : Path.of(root),
                Path.of(System.getProperty("user.home")));
    }

    /**
     * The per-user data folder: {@code SABISCORE_DATA_HOME}, else {@code $XDG_DATA_HOME/sabiscore}, else
     * {@code ~/.local/share/sabiscore} (the XDG base directory convention).
     */
    public Path dataHome() {
        String own = environment.get(DATA_HOME_ENV);
        if (own != null && !own.isBlank()) {
            return workingDirectory.resolve(own.strip()).normalize();
        }
        String xdg = environment.get("XDG_DATA_HOME");
        // the XDG specification ignores a relative value
        if (xdg != null && !xdg.isBlank() && Path.of(xdg.strip()).isAbsolute()) {
            return Path.of(xdg.strip(), "sabiscore");
        }
        return userHome.resolve(".local/share/sabiscore");
    }

    /** Where a download puts this kind of data: {@code <data home>/football} or {@code <data home>/international}. */
    public Path home(Kind kind) {
        return dataHome().resolve(kind.folder());
    }

    /**
     * The folder holding this kind of data, or empty when no candidate holds any.
     *
     * @param explicit the flag or configuration value, or null/blank when not given
     * @throws DataNotFoundException when the flag or the environment variable names no directory
     */
    public Optional<Path> find(Kind kind, String explicit) {
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(existingDirectory(workingDirectory.resolve(explicit.strip()), kind.flag() + " " + explicit));
        }
        String fromEnv = environment.get(kind.envName());
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(existingDirectory(workingDirectory.resolve(fromEnv.strip()), kind.envName() + "=" + fromEnv));
        }
        Optional<Path> shared = sharedCandidates(kind).stream().filter(Files::isDirectory).findFirst();
        if (shared.isPresent()) {
            return shared;
        }
        return Optional.of(home(kind)).filter(kind::complete);
    }

    /** "No football data found (looked in ...)": the start of every message about missing data. */
    public String notFound(Kind kind) {
        List<Path> tried = new ArrayList<>(sharedCandidates(kind));
        tried.add(home(kind));
        return "No " + kind.folder() + " data found (looked in " + tried + ")";
    }

    private List<Path> sharedCandidates(Kind kind) {
        List<Path> candidates = new ArrayList<>();
        candidates.add(workingDirectory.resolve("../shared/data/" + kind.folder()).normalize());
        if (repoRoot != null) {
            Path besideRepo = repoRoot.resolve("../shared/data/" + kind.folder()).normalize();
            if (!candidates.contains(besideRepo)) {
                candidates.add(besideRepo);
            }
        }
        return candidates;
    }

    private static Path existingDirectory(Path path, String origin) {
        if (!Files.isDirectory(path)) {
            throw new DataNotFoundException(origin + " is not a directory: " + path.toAbsolutePath().normalize()
                    + " (point it at a folder that holds the data, or leave it unset to use the per-user data folder)");
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
