package com.sabiscore.match;

import java.time.Instant;
import java.util.Objects;

/**
 * A match as known before kick-off.
 *
 * @param id       the stable fixture id
 * @param season   season label {@code YYYY-YY}, e.g. {@code 2023-24} (internationals: the calendar year)
 * @param kickoff  kick-off instant (football-data's UK time converted; 15:00 UK when no time is given)
 * @param neutral  played on neutral ground: no home advantage
 * @param odds     pre-match prices, {@link MarketOdds#NONE} when there are none
 */
public record Fixture(FixtureId id, String season, Instant kickoff, boolean neutral, MarketOdds odds) {

    public Fixture {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(season, "season");
        Objects.requireNonNull(kickoff, "kickoff");
        odds = odds == null ? MarketOdds.NONE : odds;
    }

    public String competition() {
        return id.competition();
    }

    public String homeTeam() {
        return id.homeTeam();
    }

    public String awayTeam() {
        return id.awayTeam();
    }
}
