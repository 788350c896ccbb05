package com.sabiscore.backtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Lays out a {@code <Div>/<season>.csv} folder of symbolic links into the shared data, so a
 * backtest can split history from evaluation seasons without copying any data.
 */
final class SeasonLinks {

    static final String[] DIVISIONS = {"D1", "E0", "F1", "I1", "SP1"};

    private SeasonLinks() {
    }

    /** Links every division's seasons starting in {@code firstStartYear..lastStartYear} under {@code target}. */
    static Path link(Path sharedFootball, Path target, int firstStartYear, int lastStartYear) throws IOException {
        for (String division : DIVISIONS) {
            Path divisionDir = Files.createDirectories(target.resolve(division));
            for (int year = firstStartYear; year <= lastStartYear; year++) {
                String season = String.format("%d-%02d.csv", year, (year + 1) % 100);
                Path source = sharedFootball.resolve(division).resolve(season);
                if (Files.exists(source)) {
                    Files.createSymbolicLink(divisionDir.resolve(season), source.toAbsolutePath());
                }
            }
        }
        return target;
    }
}
