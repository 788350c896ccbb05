package com.sabiscore.data;

import com.sabiscore.data.download.DataFolders;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The real match history, for the tests that need it (every module's, through the models
 * test-jar), found exactly as the commands find it: {@code SABISCORE_DATA} /
 * {@code SABISCORE_INTERNATIONAL_DATA}, {@code ../shared/data} beside the repository, then the
 * per-user data folder. When none holds it, it is downloaded into the per-user data folder first,
 * from {@code SABISCORE_DOWNLOAD_URL} / {@code SABISCORE_INTERNATIONAL_URL} (a mirror) or the
 * public sources; {@code SABISCORE_OFFLINE=1} forbids that.
 */
public final class RealHistory {

    private RealHistory() {
    }

    /** The football-data folder, {@code <Div>/<season>.csv}. */
    public static synchronized Path football() {
        return found(folders -> folders.football(null));
    }

    /** The folder holding the international {@code results.csv}. */
    public static synchronized Path international() {
        return found(folders -> folders.international(null));
    }

    private interface Lookup {
        Path in(DataFolders folders) throws InterruptedException;
    }

    private static Path found(Lookup lookup) {
        try {
            return lookup.in(folders());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while downloading the history", e);
        }
    }

    private static DataFolders folders() {
        if (System.getProperty("sabiscore.repo.root") == null) {
            throw new IllegalStateException("system property sabiscore.repo.root is not set; run the tests through Maven");
        }
        return DataFolders.fromEnvironment(new PrintWriter(System.err, true, StandardCharsets.UTF_8));
    }
}
