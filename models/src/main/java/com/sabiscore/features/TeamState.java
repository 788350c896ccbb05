package com.sabiscore.features;

import java.util.Objects;

/**
 * Everything the engine remembers about one club in one competition, as it stood after the club's
 * last match: Elo and pi-ratings, time-decayed goal sums behind the Poisson attack and defence
 * rates, recent form and the dates that give rest days and season progress. Immutable; a result
 * yields a new state through {@link FeatureEngine#apply}. The stream keeps it in a state store as
 * the Avro contract {@code com.sabiscore.state.TeamState} ({@link StateCodec}).
 */
public final class TeamState {

    /** {@link #lastMatchEpochSecond()} of a club that has not played yet. */
    public static final long NO_MATCH = Long.MIN_VALUE;

    private final String season;
    private final long lastMatchEpochSecond;
    private final int matchesPlayed;
    private final int matchesThisSeason;
    private final boolean newEntrant;
    private final double elo;
    private final double piHome;
    private final double piAway;
    private final double goalsFor;
    private final double expectedGoalsFor;
    private final double goalsAgainst;
    private final double expectedGoalsAgainst;
    private final RecentForm form;
    private final RecentForm homeForm;
    private final RecentForm awayForm;
    private final double marketRating;
    private final int marketMatches;

    private TeamState(Builder b) {
        this.season = Objects.requireNonNull(b.season, "season");
        this.lastMatchEpochSecond = b.lastMatchEpochSecond;
        this.matchesPlayed = b.matchesPlayed;
        this.matchesThisSeason = b.matchesThisSeason;
        this.newEntrant = b.newEntrant;
        this.elo = b.elo;
        this.piHome = b.piHome;
        this.piAway = b.piAway;
        this.goalsFor = b.goalsFor;
        this.expectedGoalsFor = b.expectedGoalsFor;
        this.goalsAgainst = b.goalsAgainst;
        this.expectedGoalsAgainst = b.expectedGoalsAgainst;
        this.form = b.form;
        this.homeForm = b.homeForm;
        this.awayForm = b.awayForm;
        this.marketRating = b.marketRating;
        this.marketMatches = b.marketMatches;
    }

    /** A club that has not played in the competition yet, rated as given. */
    static TeamState fresh(String season, double elo, double piHome, double piAway, boolean newEntrant,
                           double goalsFor, double expectedGoalsFor, double goalsAgainst, double expectedGoalsAgainst,
                           double marketRating) {
        Builder b = new Builder();
        b.season = season;
        b.lastMatchEpochSecond = NO_MATCH;
        b.newEntrant = newEntrant;
        b.elo = elo;
        b.piHome = piHome;
        b.piAway = piAway;
        b.goalsFor = goalsFor;
        b.expectedGoalsFor = expectedGoalsFor;
        b.goalsAgainst = goalsAgainst;
        b.expectedGoalsAgainst = expectedGoalsAgainst;
        b.marketRating = marketRating;
        return b.build();
    }

    /** Season of the club's last match (or of its entry). */
    public String season() {
        return season;
    }

    /** Kick-off of the club's last match in epoch seconds, {@link #NO_MATCH} if none. */
    public long lastMatchEpochSecond() {
        return lastMatchEpochSecond;
    }

    /** Matches played in this competition since the club was (re-)entered. */
    public int matchesPlayed() {
        return matchesPlayed;
    }

    public int matchesThisSeason() {
        return matchesThisSeason;
    }

    /** The club came up (or back) this season and started from the league's promoted-club prior. */
    public boolean newEntrant() {
        return newEntrant;
    }

    public double elo() {
        return elo;
    }

    /** pi-rating for matches at home. */
    public double piHome() {
        return piHome;
    }

    /** pi-rating for matches away. */
    public double piAway() {
        return piAway;
    }

    /**
     * Strength as the betting market has priced the club: in units of log(P(home win) / P(away win)),
     * learned from the de-vigged pre-match prices of the club's past matches (and, less, their results).
     */
    public double marketRating() {
        return marketRating;
    }

    /** Past matches whose pre-match prices taught {@link #marketRating()}. */
    public int marketMatches() {
        return marketMatches;
    }

    /** Time-decayed goals scored (as of the last match). */
    double goalsFor() {
        return goalsFor;
    }

    /** Time-decayed goals an average attack would have scored against the same opponents. */
    double expectedGoalsFor() {
        return expectedGoalsFor;
    }

    double goalsAgainst() {
        return goalsAgainst;
    }

    double expectedGoalsAgainst() {
        return expectedGoalsAgainst;
    }

    RecentForm form() {
        return form;
    }

    RecentForm homeForm() {
        return homeForm;
    }

    RecentForm awayForm() {
        return awayForm;
    }

    /** Points from the last (up to five) matches. */
    public int formPoints() {
        return form.points();
    }

    /** How many matches {@link #formPoints()} covers. */
    public int formMatches() {
        return form.matches();
    }

    Builder toBuilder() {
        Builder b = new Builder();
        b.season = season;
        b.lastMatchEpochSecond = lastMatchEpochSecond;
        b.matchesPlayed = matchesPlayed;
        b.matchesThisSeason = matchesThisSeason;
        b.newEntrant = newEntrant;
        b.elo = elo;
        b.piHome = piHome;
        b.piAway = piAway;
        b.goalsFor = goalsFor;
        b.expectedGoalsFor = expectedGoalsFor;
        b.goalsAgainst = goalsAgainst;
        b.expectedGoalsAgainst = expectedGoalsAgainst;
        b.form = form;
        b.homeForm = homeForm;
        b.awayForm = awayForm;
        b.marketRating = marketRating;
        b.marketMatches = marketMatches;
        return b;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TeamState that)) {
            return false;
        }
        return lastMatchEpochSecond == that.lastMatchEpochSecond
                && matchesPlayed == that.matchesPlayed
                && matchesThisSeason == that.matchesThisSeason
                && newEntrant == that.newEntrant
                && Double.compare(elo, that.elo) == 0
                && Double.compare(piHome, that.piHome) == 0
                && Double.compare(piAway, that.piAway) == 0
                && Double.compare(goalsFor, that.goalsFor) == 0
                && Double.compare(expectedGoalsFor, that.expectedGoalsFor) == 0
                && Double.compare(goalsAgainst, that.goalsAgainst) == 0
                && Double.compare(expectedGoalsAgainst, that.expectedGoalsAgainst) == 0
                && Double.compare(marketRating, that.marketRating) == 0
                && marketMatches == that.marketMatches
                && season.equals(that.season)
                && form.equals(that.form)
                && homeForm.equals(that.homeForm)
                && awayForm.equals(that.awayForm);
    }

    @Override
    public int hashCode() {
        return Objects.hash(season, lastMatchEpochSecond, matchesPlayed, matchesThisSeason, newEntrant, elo,
                piHome, piAway, goalsFor, expectedGoalsFor, goalsAgainst, expectedGoalsAgainst,
                form, homeForm, awayForm, marketRating, marketMatches);
    }

    @Override
    public String toString() {
        return "TeamState[season=" + season + ", matches=" + matchesPlayed + ", elo=" + elo
                + ", pi=" + piHome + "/" + piAway + ", market=" + marketRating + ", newEntrant=" + newEntrant + "]";
    }

    /** Mutable twin used while the engine derives a new state. */
    static final class Builder {
        String season;
        long lastMatchEpochSecond = NO_MATCH;
        int matchesPlayed;
        int matchesThisSeason;
        boolean newEntrant;
        double elo;
        double piHome;
        double piAway;
        double goalsFor;
        double expectedGoalsFor;
        double goalsAgainst;
        double expectedGoalsAgainst;
        RecentForm form = RecentForm.EMPTY;
        RecentForm homeForm = RecentForm.EMPTY;
        RecentForm awayForm = RecentForm.EMPTY;
        double marketRating;
        int marketMatches;

        TeamState build() {
            return new TeamState(this);
        }
    }
}
