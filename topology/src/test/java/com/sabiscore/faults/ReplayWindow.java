package com.sabiscore.faults;

import com.sabiscore.data.DataLocation;
import com.sabiscore.data.HistoryLoader;
import com.sabiscore.data.SeasonRange;
import com.sabiscore.match.HistoricalMatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The slice of history a scenario replays: some leagues (none named: all of them) between two
 * dates (either open). {@code bin/sabiscore run} replays it from the arguments of
 * {@link #runArguments}, and {@link #matches} is what it should then hold, loaded the way the app
 * loads it.
 *
 * @param leagues division codes such as E0; empty for every league of the data folder
 * @param from    first kick-off date, or null for the start of the history
 * @param to      last kick-off date, or null for its end
 */
record ReplayWindow(Set<String> leagues, LocalDate from, LocalDate to) {

    ReplayWindow {
        leagues = Set.copyOf(leagues);
    }

    /** Every league, every season. */
    static ReplayWindow wholeHistory() {
        return new ReplayWindow(Set.of(), null, null);
    }

    /** {@code E0,D1:2022-08-01:2023-06-30}, {@code :2015-01-01:} or empty for the whole history. */
    static ReplayWindow parse(String text) {
        if (text == null || text.isBlank()) {
            return wholeHistory();
        }
        String[] parts = text.split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a window is LEAGUES:FROM:TO (each may be empty), got " + text);
        }
        Set<String> leagues = parts[0].isBlank() ? Set.of() : Set.of(parts[0].split(","));
        return new ReplayWindow(leagues, parts[1].isBlank() ? null : LocalDate.parse(parts[1]),
                parts[2].isBlank() ? null : LocalDate.parse(parts[2]));
    }

    /** The form {@link #parse} reads; also names reference files. */
    String label() {
        return String.join(",", new TreeSet<>(leagues)) + ":" + (from == null ? "" : from) + ":" + (to == null ? "" : to);
    }

    /** For people: {@code E0,D1 from 2022-08-01 to 2023-06-30}. */
    String describe() {
        return (leagues.isEmpty() ? "every league" : String.join(",", new TreeSet<>(leagues)))
                + (from == null ? " from the start" : " from " + from) + (to == null ? " to the end" : " to " + to);
    }

    /** The football-data folder the app finds by itself, looked up the same way. */
    static Path footballData() {
        DataLocation location = DataLocation.fromSystem();
        return location.find(DataLocation.Kind.FOOTBALL, null)
                .orElseThrow(() -> new ScenarioFailure(location.notFound(DataLocation.Kind.FOOTBALL)));
    }

    /**
     * {@code run}/{@code replay} arguments that replay this window. A league subset is a folder of
     * links to the chosen leagues' folders, made under {@code workDir}: the app replays a data
     * folder whole.
     */
    List<String> runArguments(Path workDir) {
        List<String> arguments = new ArrayList<>();
        if (!leagues.isEmpty()) {
            arguments.addAll(List.of("--data", linkedLeagues(footballData(), workDir).toString()));
        }
        if (from != null) {
            arguments.addAll(List.of("--from", from.toString()));
        }
        if (to != null) {
            arguments.addAll(List.of("--to", to.toString()));
        }
        return arguments;
    }

    private Path linkedLeagues(Path football, Path workDir) {
        Path folder = workDir.resolve("data");
        try {
            Files.createDirectories(folder);
            for (String league : leagues) {
                Path link = folder.resolve(league);
                if (!Files.exists(link)) {
                    Files.createSymbolicLink(link, football.resolve(league).toAbsolutePath());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot link the leagues " + leagues + " under " + folder, e);
        }
        return folder;
    }

    /** The matches of this window, in the one order of history. */
    List<HistoricalMatch> matches() {
        try {
            return HistoryLoader.load(footballData(), leagues, SeasonRange.all()).stream()
                    .filter(m -> from == null || !m.fixture().kickoff().isBefore(from.atStartOfDay(ZoneOffset.UTC).toInstant()))
                    .filter(m -> to == null || m.fixture().kickoff().isBefore(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
