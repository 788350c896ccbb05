package com.sabiscore.query;

import com.sabiscore.features.LeagueState;
import com.sabiscore.features.TeamState;
import com.sabiscore.features.TeamStateSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Team and league state for an on-demand prediction, read from the stream's state stores wherever
 * they live. Each state is fetched once and then remembered, so one request (or one batch) sees
 * one consistent view and pays for each remote read once. Use one instance per request; not
 * thread-safe. A read throws {@link UnavailableException} when no copy of its store can be read now.
 */
public final class StoreTeamStateSource implements TeamStateSource {

    private final PredictionQueryService queries;
    private final Map<String, Optional<TeamState>> teams = new HashMap<>();
    private final Map<String, Optional<LeagueState>> leagues = new HashMap<>();

    public StoreTeamStateSource(PredictionQueryService queries) {
        this.queries = queries;
    }

    @Override
    public Optional<TeamState> team(String competition, String team) {
        return teams.computeIfAbsent(TeamStateSource.teamKey(competition, team), key -> {
            try {
                return Optional.of(queries.teamState(competition, team).value());
            } catch (NotFoundException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public Optional<LeagueState> league(String competition) {
        return leagues.computeIfAbsent(competition, key -> {
            try {
                return Optional.of(queries.leagueState(competition).value());
            } catch (NotFoundException e) {
                return Optional.empty();
            }
        });
    }
}
