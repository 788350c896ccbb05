package com.sabiscore.data;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The small edge-case football-data tree under {@code src/test/resources/data/football}. */
final class QuirkFiles {

    private QuirkFiles() {
    }

    static Path root() {
        try {
            return Path.of(QuirkFiles.class.getResource("/data/football").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path file(String divisionAndSeason) {
        return root().resolve(divisionAndSeason + ".csv");
    }
}
