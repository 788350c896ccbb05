package com.sabiscore.features;

import com.sabiscore.market.MarketView;
import com.sabiscore.ratings.ScoreGrid;

/**
 * The human-meaningful numbers behind a fixture's features, for confidence, bets and reasoning.
 *
 * @param eloHome            home club Elo (absolute)
 * @param eloAway            away club Elo
 * @param homeAdvantage      Elo home advantage applied (0 on neutral ground)
 * @param eloExpectedHome    Elo expected score of the home club
 * @param piHome             home club's pi-rating for this venue
 * @param piAway             away club's pi-rating for this venue
 * @param piGoalDifference   pi-ratings expected goal difference
 * @param expectedGoalsHome  Poisson expected home goals
 * @param expectedGoalsAway  Poisson expected away goals
 * @param grid               Dixon-Coles score grid summary
 * @param formPointsHome     points from the home club's last {@code formMatchesHome} matches (at most 5)
 * @param restDaysHome       days since the home club's last match, capped; -1 when it has not played yet
 * @param matchesHome        home club matches played this season
 * @param newEntrantHome     home club promoted or new this season
 * @param market             the market view, {@link MarketView#NONE} without odds (never null)
 */
public record FixtureContext(
        String homeTeam,
        String awayTeam,
        boolean neutral,
        double eloHome,
        double eloAway,
        double homeAdvantage,
        double eloExpectedHome,
        double piHome,
        double piAway,
        double piGoalDifference,
        double expectedGoalsHome,
        double expectedGoalsAway,
        ScoreGrid grid,
        int formPointsHome,
        int formMatchesHome,
        int formPointsAway,
        int formMatchesAway,
        int restDaysHome,
        int restDaysAway,
        int matchesHome,
        int matchesAway,
        boolean newEntrantHome,
        boolean newEntrantAway,
        MarketView market) {

    public boolean hasOdds() {
        return market.present();
    }
}
