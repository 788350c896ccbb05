package com.sabiscore.features;

import com.sabiscore.match.Fixture;
import com.sabiscore.match.MatchResult;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Team and league state in plain maps, for training and backtest: replay results in kick-off
 * order with {@link #apply}, asking {@link #features} for each fixture before its result.
 * Not thread-safe.
 */
public final class InMemoryTeamStates implements TeamStateSource {

    // nested by competition so a lookup needs no key string to be built
    private final Map<String, Map<String, TeamState>> teams = new HashMap<>();
    private final Map<String, LeagueState> leagues = new HashMap<>();

    @Override
    public Optional<TeamState> team(String competition, String team) {
        Map<String, TeamState> clubs = teams.get(competition);
        return clubs == null ? Optional.empty() : Optional.ofNullable(clubs.get(team));
    }

    @Override
    public Optional<LeagueState> league(String competition) {
        return Optional.ofNullable(leagues.get(competition));
    }

    /** Stores the states a result produced. */
    public void put(StateUpdate update, MatchResult result) {
        String competition = result.fixtureId().competition();
        Map<String, TeamState> clubs = teams.computeIfAbsent(competition, c -> new HashMap<>());
        clubs.put(result.fixtureId().homeTeam(), update.home());
        clubs.put(result.fixtureId().awayTeam(), update.away());
        leagues.put(competition, update.league());
    }

    /** The fixture's features from the states stored so far. */
    public FeatureVector features(FeatureEngine engine, Fixture fixture) {
        return engine.features(this, fixture);
    }

    /** Learns from a result: computes the new states and stores them. */
    public void apply(FeatureEngine engine, MatchResult result) {
        put(engine.apply(this, result), result);
    }
}
