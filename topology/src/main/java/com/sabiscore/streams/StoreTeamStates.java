package com.sabiscore.streams;

import com.sabiscore.features.LeagueState;
import com.sabiscore.features.StateCodec;
import com.sabiscore.features.StateUpdate;
import com.sabiscore.features.TeamState;
import com.sabiscore.features.TeamStateSource;
import com.sabiscore.match.MatchResult;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;

/** The feature engine's view of team and league state, read from and written to the task's state stores. */
final class StoreTeamStates implements TeamStateSource {

    private final KeyValueStore<String, byte[]> teams;
    private final KeyValueStore<String, byte[]> leagues;

    StoreTeamStates(KeyValueStore<String, byte[]> teams, KeyValueStore<String, byte[]> leagues) {
        this.teams = teams;
        this.leagues = leagues;
    }

    @Override
    public Optional<TeamState> team(String competition, String team) {
        byte[] bytes = teams.get(TeamStateSource.teamKey(competition, team));
        return bytes == null ? Optional.empty() : Optional.of(StateCodec.decodeTeam(bytes));
    }

    @Override
    public Optional<LeagueState> league(String competition) {
        byte[] bytes = leagues.get(competition);
        return bytes == null ? Optional.empty() : Optional.of(StateCodec.decodeLeague(bytes));
    }

    void write(MatchResult result, StateUpdate update) {
        String competition = result.fixtureId().competition();
        teams.put(TeamStateSource.teamKey(competition, result.fixtureId().homeTeam()), StateCodec.encode(update.home()));
        teams.put(TeamStateSource.teamKey(competition, result.fixtureId().awayTeam()), StateCodec.encode(update.away()));
        leagues.put(competition, StateCodec.encode(update.league()));
    }
}
