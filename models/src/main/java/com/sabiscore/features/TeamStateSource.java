package com.sabiscore.features;

import java.util.Optional;

/**
 * Where the engine reads pre-match state from: a map in training and backtest
 * ({@link InMemoryTeamStates}), key-value state stores in the stream. The engine never writes
 * through it; it returns a {@link StateUpdate} instead.
 */
public interface TeamStateSource {

    Optional<TeamState> team(String competition, String team);

    Optional<LeagueState> league(String competition);

    /** The one key format for per-team state: {@code {competition}:{team}}. */
    static String teamKey(String competition, String team) {
        return competition + ":" + team;
    }
}
