package com.sabiscore.data;

import java.nio.file.Path;
import java.util.Map;

/**
 * The shared data folders for tests, found through the {@code sabiscore.repo.root} system property
 * that surefire sets (the data lives beside the repository, never inside it).
 */
public final class SharedData {

    private SharedData() {
    }

    public static Path footballDir() {
        return location().football(null);
    }

    public static Path internationalDir() {
        return location().international(null);
    }

    private static DataLocation location() {
        String root = System.getProperty("sabiscore.repo.root");
        if (root == null) {
            throw new IllegalStateException("system property sabiscore.repo.root is not set; run the tests through Maven");
        }
        return new DataLocation(Map.of(), Path.of(root), Path.of(root));
    }
}
