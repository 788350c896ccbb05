package com.sabiscore.features;

/**
 * The features, in vector order. The without-odds head is the prefix of non-market features; the
 * with-odds head is all of them. Every value is finite: a missing input is imputed as documented
 * here, and the market's secondary lines carry missing indicators.
 */
public enum Feature {
    NEUTRAL("neutral", "1 on neutral ground, else 0"),
    ELO_HOME("elo_home", "home club Elo minus the league mean Elo"),
    ELO_AWAY("elo_away", "away club Elo minus the league mean Elo"),
    ELO_DIFF("elo_diff", "home minus away Elo plus the league home advantage (0 on neutral ground)"),
    ELO_EXPECTED_HOME("elo_expected_home", "Elo expected score of the home club (win 1, draw 0.5)"),
    PI_HOME("pi_home", "home club's home pi-rating (its mean pi-rating on neutral ground)"),
    PI_AWAY("pi_away", "away club's away pi-rating (its mean pi-rating on neutral ground)"),
    PI_GOAL_DIFF("pi_goal_diff", "pi-ratings expected goal difference, home minus away"),
    XG_HOME("xg_home", "expected home goals: league mean x home attack x away defence, time-decayed"),
    XG_AWAY("xg_away", "expected away goals"),
    DC_HOME("dc_home", "Dixon-Coles grid probability of a home win"),
    DC_DRAW("dc_draw", "Dixon-Coles grid probability of a draw"),
    DC_AWAY("dc_away", "Dixon-Coles grid probability of an away win"),
    DC_OVER25("dc_over25", "Dixon-Coles grid probability of 3+ goals"),
    DC_BTTS("dc_btts", "Dixon-Coles grid probability that both teams score"),
    FORM_POINTS_HOME("form_points_home", "home club points per match over its last 5 (imputed: league-typical 1.37)"),
    FORM_POINTS_AWAY("form_points_away", "away club points per match over its last 5"),
    FORM_GOAL_DIFF_HOME("form_goal_diff_home", "home club goal difference per match over its last 5 (imputed 0)"),
    FORM_GOAL_DIFF_AWAY("form_goal_diff_away", "away club goal difference per match over its last 5"),
    VENUE_FORM_HOME("venue_form_home", "home club points per match over its last 5 home matches"),
    VENUE_FORM_AWAY("venue_form_away", "away club points per match over its last 5 away matches"),
    REST_DAYS_HOME("rest_days_home", "days since the home club's last match, capped (first match: the cap)"),
    REST_DAYS_AWAY("rest_days_away", "days since the away club's last match, capped"),
    MATCHES_HOME("matches_home", "home club matches played this season (early-season uncertainty)"),
    MATCHES_AWAY("matches_away", "away club matches played this season"),
    NEW_ENTRANT_HOME("new_entrant_home", "1 if the home club was promoted or is new this season"),
    NEW_ENTRANT_AWAY("new_entrant_away", "1 if the away club was promoted or is new this season"),
    LEAGUE_GOALS("league_goals", "league mean goals per match (home + away)"),
    LEAGUE_HOME_ADVANTAGE("league_home_advantage", "league home advantage in Elo points (0 on neutral ground)"),
    PRICE_RATING_HOME("price_rating_home", "home win probability from the clubs' market ratings (learned from past matches' prices) "
            + "and the league's market home advantage and draw factor (Davidson model)"),
    PRICE_RATING_DRAW("price_rating_draw", "draw probability from the market ratings"),
    PRICE_RATING_AWAY("price_rating_away", "away win probability from the market ratings"),
    PRICE_RATING_MATCHES("price_rating_matches", "priced matches behind the less-known club's market rating, capped at 20"),

    MARKET_HOME("market_home", "de-vigged market probability of a home win", true),
    MARKET_DRAW("market_draw", "de-vigged market probability of a draw", true),
    MARKET_AWAY("market_away", "de-vigged market probability of an away win", true),
    MARKET_OVERROUND("market_overround", "booksum of the reference prices", true),
    BEST_IMPLIED_HOME("best_implied_home", "1 / best home price over all books and the market maximum", true),
    BEST_IMPLIED_DRAW("best_implied_draw", "1 / best draw price", true),
    BEST_IMPLIED_AWAY("best_implied_away", "1 / best away price", true),
    SPREAD_HOME("spread_home", "highest minus lowest implied home probability across books (0 with < 2 books)", true),
    SPREAD_DRAW("spread_draw", "same for the draw", true),
    SPREAD_AWAY("spread_away", "same for the away win", true),
    BOOK_COUNT("book_count", "number of individual books quoting", true),
    SHARP_HOME("sharp_home", "de-vigged home probability of the lowest-margin book (imputed: market_home)", true),
    SHARP_DRAW("sharp_draw", "de-vigged draw probability of the lowest-margin book", true),
    SHARP_AWAY("sharp_away", "de-vigged away probability of the lowest-margin book", true),
    MARKET_OVER25("market_over25", "de-vigged over-2.5 probability (imputed: dc_over25)", true),
    MARKET_OVER25_MISSING("market_over25_missing", "1 when no over/under 2.5 prices", true),
    ASIAN_LINE("asian_line", "Asian handicap line for the home club (imputed: minus the expected goal difference)", true),
    ASIAN_HOME("asian_home", "de-vigged probability the home club covers the line (imputed 0.5)", true),
    ASIAN_MISSING("asian_missing", "1 when no Asian handicap prices", true);

    private final String featureName;
    private final String meaning;
    private final boolean market;

    Feature(String featureName, String meaning) {
        this(featureName, meaning, false);
    }

    Feature(String featureName, String meaning, boolean market) {
        this.featureName = featureName;
        this.meaning = meaning;
        this.market = market;
    }

    /** The name models and model cards use. */
    public String featureName() {
        return featureName;
    }

    public String meaning() {
        return meaning;
    }

    /** Only in the with-odds head. */
    public boolean market() {
        return market;
    }
}
