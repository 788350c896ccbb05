package com.sabiscore.features;

import java.util.Objects;

/**
 * What the engine knows about a competition as a whole: its first and current season, mean home
 * and away goals, the home advantage in Elo points and the mean rating (both learned from the
 * results), and the promoted-club prior: how clubs that come up have turned out to rate after
 * their first matches, the start given to the next promoted or new club. Immutable; the stream
 * keeps it in a state store as the Avro contract {@code com.sabiscore.state.LeagueState}
 * ({@link StateCodec}).
 */
public final class LeagueState {

    private final String firstSeason;
    private final String currentSeason;
    private final int matchesPlayed;
    private final double meanHomeGoals;
    private final double meanAwayGoals;
    private final double homeAdvantage;
    private final double meanElo;
    private final double entrantElo;
    private final double entrantPiHome;
    private final double entrantPiAway;
    private final double entrantAttack;
    private final double entrantDefence;
    private final int entrantsSeen;
    private final double marketHomeAdvantage;
    private final double marketDrawFactor;

    private LeagueState(Builder b) {
        this.firstSeason = Objects.requireNonNull(b.firstSeason, "firstSeason");
        this.currentSeason = Objects.requireNonNull(b.currentSeason, "currentSeason");
        this.matchesPlayed = b.matchesPlayed;
        this.meanHomeGoals = b.meanHomeGoals;
        this.meanAwayGoals = b.meanAwayGoals;
        this.homeAdvantage = b.homeAdvantage;
        this.meanElo = b.meanElo;
        this.entrantElo = b.entrantElo;
        this.entrantPiHome = b.entrantPiHome;
        this.entrantPiAway = b.entrantPiAway;
        this.entrantAttack = b.entrantAttack;
        this.entrantDefence = b.entrantDefence;
        this.entrantsSeen = b.entrantsSeen;
        this.marketHomeAdvantage = b.marketHomeAdvantage;
        this.marketDrawFactor = b.marketDrawFactor;
    }

    /** A competition seen for the first time, in {@code season}: priors from the parameters. */
    static LeagueState initial(String season, EngineParameters params) {
        Builder b = new Builder();
        b.firstSeason = season;
        b.currentSeason = season;
        b.meanHomeGoals = params.initialHomeGoals();
        b.meanAwayGoals = params.initialAwayGoals();
        b.homeAdvantage = params.eloInitialHomeAdvantage();
        b.meanElo = params.eloStart();
        b.entrantElo = params.eloStart() + params.eloNewEntrantOffset();
        // before any promoted club was seen: slightly below average at both ends of the pitch
        b.entrantPiHome = -0.2;
        b.entrantPiAway = -0.2;
        b.entrantAttack = 0.85;
        b.entrantDefence = 1.15;
        b.marketHomeAdvantage = params.marketInitialHomeAdvantage();
        b.marketDrawFactor = params.marketInitialDrawFactor();
        return b.build();
    }

    /** The first season recorded: clubs appearing in it are founders, not promoted. */
    public String firstSeason() {
        return firstSeason;
    }

    /** Season of the latest result. */
    public String currentSeason() {
        return currentSeason;
    }

    public int matchesPlayed() {
        return matchesPlayed;
    }

    public double meanHomeGoals() {
        return meanHomeGoals;
    }

    public double meanAwayGoals() {
        return meanAwayGoals;
    }

    /** Home advantage in Elo points (not applied on neutral ground). */
    public double homeAdvantage() {
        return homeAdvantage;
    }

    /** Mean Elo rating of the clubs playing: the target of the between-season regression. */
    public double meanElo() {
        return meanElo;
    }

    /** Start rating of the next promoted or new club. */
    public double entrantElo() {
        return entrantElo;
    }

    public double entrantPiHome() {
        return entrantPiHome;
    }

    public double entrantPiAway() {
        return entrantPiAway;
    }

    /** Start attack rate of a promoted club (1 = league average). */
    public double entrantAttack() {
        return entrantAttack;
    }

    /** Start defence rate of a promoted club (goals conceded relative to average; above 1 is worse). */
    public double entrantDefence() {
        return entrantDefence;
    }

    /** Promoted clubs whose ratings have taught the prior so far. */
    public int entrantsSeen() {
        return entrantsSeen;
    }

    /** Home advantage as the market prices it, in units of log(P(home win) / P(away win)). */
    public double marketHomeAdvantage() {
        return marketHomeAdvantage;
    }

    /**
     * How drawn the league's matches are priced: P(draw) / sqrt(P(home) P(away)), the draw
     * parameter of Davidson's model, learned from the de-vigged prices.
     */
    public double marketDrawFactor() {
        return marketDrawFactor;
    }

    Builder toBuilder() {
        Builder b = new Builder();
        b.firstSeason = firstSeason;
        b.currentSeason = currentSeason;
        b.matchesPlayed = matchesPlayed;
        b.meanHomeGoals = meanHomeGoals;
        b.meanAwayGoals = meanAwayGoals;
        b.homeAdvantage = homeAdvantage;
        b.meanElo = meanElo;
        b.entrantElo = entrantElo;
        b.entrantPiHome = entrantPiHome;
        b.entrantPiAway = entrantPiAway;
        b.entrantAttack = entrantAttack;
        b.entrantDefence = entrantDefence;
        b.entrantsSeen = entrantsSeen;
        b.marketHomeAdvantage = marketHomeAdvantage;
        b.marketDrawFactor = marketDrawFactor;
        return b;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LeagueState that)) {
            return false;
        }
        return matchesPlayed == that.matchesPlayed
                && entrantsSeen == that.entrantsSeen
                && Double.compare(meanHomeGoals, that.meanHomeGoals) == 0
                && Double.compare(meanAwayGoals, that.meanAwayGoals) == 0
                && Double.compare(homeAdvantage, that.homeAdvantage) == 0
                && Double.compare(meanElo, that.meanElo) == 0
                && Double.compare(entrantElo, that.entrantElo) == 0
                && Double.compare(entrantPiHome, that.entrantPiHome) == 0
                && Double.compare(entrantPiAway, that.entrantPiAway) == 0
                && Double.compare(entrantAttack, that.entrantAttack) == 0
                && Double.compare(entrantDefence, that.entrantDefence) == 0
                && Double.compare(marketHomeAdvantage, that.marketHomeAdvantage) == 0
                && Double.compare(marketDrawFactor, that.marketDrawFactor) == 0
                && firstSeason.equals(that.firstSeason)
                && currentSeason.equals(that.currentSeason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(firstSeason, currentSeason, matchesPlayed, meanHomeGoals, meanAwayGoals, homeAdvantage,
                meanElo, entrantElo, entrantPiHome, entrantPiAway, entrantAttack, entrantDefence, entrantsSeen,
                marketHomeAdvantage, marketDrawFactor);
    }

    @Override
    public String toString() {
        return "LeagueState[" + firstSeason + ".." + currentSeason + ", matches=" + matchesPlayed
                + ", goals=" + meanHomeGoals + "/" + meanAwayGoals + ", homeAdvantage=" + homeAdvantage
                + ", entrantElo=" + entrantElo + "]";
    }

    /** Mutable twin used while the engine derives a new state. */
    static final class Builder {
        String firstSeason;
        String currentSeason;
        int matchesPlayed;
        double meanHomeGoals;
        double meanAwayGoals;
        double homeAdvantage;
        double meanElo;
        double entrantElo;
        double entrantPiHome;
        double entrantPiAway;
        double entrantAttack;
        double entrantDefence;
        int entrantsSeen;
        double marketHomeAdvantage;
        double marketDrawFactor;

        LeagueState build() {
            return new LeagueState(this);
        }
    }
}
