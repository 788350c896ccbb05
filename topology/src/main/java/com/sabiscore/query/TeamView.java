package com.sabiscore.query;

import com.sabiscore.features.TeamState;
import java.time.Instant;

/**
 * A club's current ratings and form in one competition, as {@code GET /api/v1/teams} shows them.
 *
 * @param lastMatch kick-off of the club's last match, absent (left out of the JSON) before its first
 */
public record TeamView(
        String competition,
        String team,
        String season,
        double elo,
        double piHome,
        double piAway,
        int formPoints,
        int formMatches,
        int matchesPlayed,
        int matchesThisSeason,
        boolean newEntrant,
        String lastMatch) {

    public static TeamView of(String competition, String team, TeamState state) {
        String lastMatch = state.lastMatchEpochSecond() == TeamState.NO_MATCH
                ? null : Instant.ofEpochSecond(state.lastMatchEpochSecond()).toString();
        return new TeamView(competition, team, state.season(), state.elo(), state.piHome(), state.piAway(),
                state.formPoints(), state.formMatches(), state.matchesPlayed(), state.matchesThisSeason(),
                state.newEntrant(), lastMatch);
    }
}
