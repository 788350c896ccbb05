package com.sabiscore.query;

import com.sabiscore.features.LeagueState;
import com.sabiscore.features.TeamState;
import com.sabiscore.features.TeamStateSource;
import com.sabiscore.streams.PipelineObserver;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;

/**
 * Team and league state read from this instance's active copies, kept until the stream applies a
 * result of that team or league (it reports to this as one of the topology's
 * {@link PipelineObserver}s). An on-demand prediction reads three of them, so a repeat costs no
 * store lookup. A team or league without state is kept as empty too. Thread-safe.
 */
public final class KeptTeamStates implements PipelineObserver {

    private final KeptReads<Optional<TeamState>> teams;
    private final KeptReads<Optional<LeagueState>> leagues;

    /** @param maxTeams most teams kept, and most leagues; the caches' statistics go to {@code registry} */
    public KeptTeamStates(int maxTeams, MeterRegistry registry) {
        this.teams = new KeptReads<>("team_states", maxTeams, registry);
        this.leagues = new KeptReads<>("league_states", maxTeams, registry);
    }

    KeptReads<Optional<TeamState>> teams() {
        return teams;
    }

    KeptReads<Optional<LeagueState>> leagues() {
        return leagues;
    }

    @Override
    public void teamStatesWritten(String competition, String homeTeam, String awayTeam) {
        teams.written(TeamStateSource.teamKey(competition, homeTeam));
        teams.written(TeamStateSource.teamKey(competition, awayTeam));
        leagues.written(competition);
    }

    @Override
    public void tasksChanged() {
        teams.forgetAll();
        leagues.forgetAll();
    }
}
