package com.sabiscore.query;

import com.sabiscore.features.LeagueState;
import com.sabiscore.features.TeamState;
import com.sabiscore.features.TeamStateSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Team and league state for an on-demand prediction, read from the stream's state stores. Each
 * state is fetched once and then remembered, so one request (or one batch) sees one consistent
 * view and pays for each read once. Use one instance per request; not thread-safe.
 */
public final class StoreTeamStateSource implements TeamStateSource {

    private final BiFunction<String, String, Optional<TeamState>> readTeam;
    private final Function<String, Optional<LeagueState>> readLeague;
    private final Map<String, Optional<TeamState>> teams = new HashMap<>();
    private final Map<String, Optional<LeagueState>> leagues = new HashMap<>();

    private StoreTeamStateSource(BiFunction<String, String, Optional<TeamState>> readTeam,
                                 Function<String, Optional<LeagueState>> readLeague) {
        this.readTeam = readTeam;
        this.readLeague = readLeague;
    }

    /**
     * Reads wherever the stores live, forwarding to other instances and waiting out a rebalance
     * when it must; a read throws {@link UnavailableException} when no copy can be read now.
     */
    public static StoreTeamStateSource wherever(PredictionQueryService queries) {
        return new StoreTeamStateSource(
                (competition, team) -> found(() -> queries.teamState(competition, team).value()),
                competition -> found(() -> queries.leagueState(competition).value()));
    }

    /**
     * Reads this instance's active copies only, never blocking (for an event loop); a read throws
     * {@link NotLocalException} when the competition's active copy is not readable here.
     */
    public static StoreTeamStateSource activeCopyHere(PredictionQueryService queries) {
        return new StoreTeamStateSource(queries::activeCopyTeamState, queries::activeCopyLeagueState);
    }

    @Override
    public Optional<TeamState> team(String competition, String team) {
        return teams.computeIfAbsent(TeamStateSource.teamKey(competition, team), key -> readTeam.apply(competition, team));
    }

    @Override
    public Optional<LeagueState> league(String competition) {
        return leagues.computeIfAbsent(competition, readLeague);
    }

    private static <T> Optional<T> found(Supplier<T> read) {
        try {
            return Optional.of(read.get());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }
}
