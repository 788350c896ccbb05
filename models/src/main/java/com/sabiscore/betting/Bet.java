package com.sabiscore.betting;

import com.sabiscore.match.Outcome;

import java.util.Optional;

/** What to back, with the names used on the wire (JSON, Avro, HTTP). */
public enum Bet {
    HOME_WIN("home_win", Outcome.HOME),
    DRAW("draw", Outcome.DRAW),
    AWAY_WIN("away_win", Outcome.AWAY),
    NO_BET("no_bet", null);

    private final String wireName;
    private final Outcome outcome;

    Bet(String wireName, Outcome outcome) {
        this.wireName = wireName;
        this.outcome = outcome;
    }

    public String wireName() {
        return wireName;
    }

    /** The outcome backed; empty for {@link #NO_BET}. */
    public Optional<Outcome> outcome() {
        return Optional.ofNullable(outcome);
    }

    public static Bet on(Outcome outcome) {
        return switch (outcome) {
            case HOME -> HOME_WIN;
            case DRAW -> DRAW;
            case AWAY -> AWAY_WIN;
        };
    }

    /** @throws IllegalArgumentException for a name that is not a bet */
    public static Bet fromWireName(String name) {
        for (Bet bet : values()) {
            if (bet.wireName.equals(name)) {
                return bet;
            }
        }
        throw new IllegalArgumentException("not a bet: " + name);
    }
}
