package com.sabiscore.features;

import com.sabiscore.market.MarketView;
import com.sabiscore.match.BookPrice;
import com.sabiscore.match.Fixture;
import com.sabiscore.match.MatchResult;
import com.sabiscore.match.MatchStats;
import com.sabiscore.ratings.Elo;
import com.sabiscore.ratings.PiRatings;
import com.sabiscore.ratings.ScoreGrid;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one feature engine of SabiScore, shared by training, backtest and the stream. It keeps no
 * state of its own: {@link #features} reads the clubs' and the league's state as it was before
 * kick-off and never changes it; {@link #apply} returns the states a result produces and the
 * caller stores them. Season changes (regression to the mean, promoted clubs) are applied
 * lazily on read, so a state written at the end of one season is valid input for the next.
 */
public final class FeatureEngine {

    private static final double SECONDS_PER_DAY = 86_400.0;
    /** Elo points to market-rating units: log(P(home)/P(away)) moves about ln(10)/400 per Elo point. */
    private static final double MARKET_RATING_PER_ELO = Math.log(10.0) / 400.0;
    private static final int MARKET_RATING_MATCHES_CAP = 20;

    private final EngineParameters params;
    private final PiRatings piRatings;
    private final List<String> namesWithOdds;
    private final List<String> namesWithoutOdds;

    public FeatureEngine(EngineParameters params) {
        this.params = params;
        this.piRatings = new PiRatings(params.piLearningRate(), params.piCrossLearningRate(), params.piScale());
        List<String> all = new ArrayList<>();
        for (Feature feature : Feature.values()) {
            all.add(feature.featureName());
        }
        this.namesWithOdds = List.copyOf(all);
        this.namesWithoutOdds = List.copyOf(all.subList(0, FeatureVector.WITHOUT_ODDS_LENGTH));
    }

    public static FeatureEngine withDefaults() {
        return new FeatureEngine(EngineParameters.defaults());
    }

    public EngineParameters parameters() {
        return params;
    }

    /** Feature names of one head, in vector order. */
    public List<String> featureNames(boolean withOdds) {
        return withOdds ? namesWithOdds : namesWithoutOdds;
    }

    /** The fixture's features from pre-match state only. Pure: reads {@code state}, never changes it. */
    public FeatureVector features(TeamStateSource state, Fixture fixture) {
        PreMatch m = preMatch(state, fixture.competition(), fixture.homeTeam(), fixture.awayTeam(),
                fixture.season(), fixture.kickoff().getEpochSecond(), fixture.neutral());
        ScoreGrid grid = ScoreGrid.of(m.expectedGoalsHome, m.expectedGoalsAway, params.dixonColesRho());
        MarketView market = MarketView.of(fixture.odds(), params.devig());
        double eloExpected = Elo.expectedHomeScore(m.home.elo(), m.away.elo(), m.homeAdvantage);
        double piGoalDifference = piRatings.expectedGoalDifference(m.piHome, m.piAway);
        int restHome = restDays(m.home, m.kickoff);
        int restAway = restDays(m.away, m.kickoff);

        float[] v = new float[FeatureVector.WITH_ODDS_LENGTH];
        v[Feature.NEUTRAL.ordinal()] = m.neutral ? 1f : 0f;
        v[Feature.ELO_HOME.ordinal()] = (float) (m.home.elo() - m.league.meanElo());
        v[Feature.ELO_AWAY.ordinal()] = (float) (m.away.elo() - m.league.meanElo());
        v[Feature.ELO_DIFF.ordinal()] = (float) (m.home.elo() - m.away.elo() + m.homeAdvantage);
        v[Feature.ELO_EXPECTED_HOME.ordinal()] = (float) eloExpected;
        v[Feature.PI_HOME.ordinal()] = (float) m.piHome;
        v[Feature.PI_AWAY.ordinal()] = (float) m.piAway;
        v[Feature.PI_GOAL_DIFF.ordinal()] = (float) piGoalDifference;
        v[Feature.XG_HOME.ordinal()] = (float) m.expectedGoalsHome;
        v[Feature.XG_AWAY.ordinal()] = (float) m.expectedGoalsAway;
        v[Feature.DC_HOME.ordinal()] = (float) grid.pHome();
        v[Feature.DC_DRAW.ordinal()] = (float) grid.pDraw();
        v[Feature.DC_AWAY.ordinal()] = (float) grid.pAway();
        v[Feature.DC_OVER25.ordinal()] = (float) grid.pOver25();
        v[Feature.DC_BTTS.ordinal()] = (float) grid.pBothTeamsScore();
        double imputedPoints = params.imputedPointsPerMatch();
        v[Feature.FORM_POINTS_HOME.ordinal()] = (float) m.home.form().pointsPerMatch(imputedPoints);
        v[Feature.FORM_POINTS_AWAY.ordinal()] = (float) m.away.form().pointsPerMatch(imputedPoints);
        v[Feature.FORM_GOAL_DIFF_HOME.ordinal()] = (float) m.home.form().goalDifferencePerMatch();
        v[Feature.FORM_GOAL_DIFF_AWAY.ordinal()] = (float) m.away.form().goalDifferencePerMatch();
        v[Feature.VENUE_FORM_HOME.ordinal()] = (float) m.home.homeForm().pointsPerMatch(imputedPoints);
        v[Feature.VENUE_FORM_AWAY.ordinal()] = (float) m.away.awayForm().pointsPerMatch(imputedPoints);
        v[Feature.REST_DAYS_HOME.ordinal()] = restHome < 0 ? params.restDaysCap() : restHome;
        v[Feature.REST_DAYS_AWAY.ordinal()] = restAway < 0 ? params.restDaysCap() : restAway;
        v[Feature.MATCHES_HOME.ordinal()] = m.home.matchesThisSeason();
        v[Feature.MATCHES_AWAY.ordinal()] = m.away.matchesThisSeason();
        v[Feature.NEW_ENTRANT_HOME.ordinal()] = m.home.newEntrant() ? 1f : 0f;
        v[Feature.NEW_ENTRANT_AWAY.ordinal()] = m.away.newEntrant() ? 1f : 0f;
        v[Feature.LEAGUE_GOALS.ordinal()] = (float) (m.league.meanHomeGoals() + m.league.meanAwayGoals());
        v[Feature.LEAGUE_HOME_ADVANTAGE.ordinal()] = (float) m.homeAdvantage;
        double[] marketRating = m.marketRatingProbabilities();
        v[Feature.PRICE_RATING_HOME.ordinal()] = (float) marketRating[0];
        v[Feature.PRICE_RATING_DRAW.ordinal()] = (float) marketRating[1];
        v[Feature.PRICE_RATING_AWAY.ordinal()] = (float) marketRating[2];
        v[Feature.PRICE_RATING_MATCHES.ordinal()] = Math.min(MARKET_RATING_MATCHES_CAP,
                Math.min(m.home.marketMatches(), m.away.marketMatches()));
        writeMarket(v, market, grid, m);

        FixtureContext context = new FixtureContext(fixture.homeTeam(), fixture.awayTeam(), m.neutral,
                m.home.elo(), m.away.elo(), m.homeAdvantage, eloExpected, m.piHome, m.piAway, piGoalDifference,
                m.expectedGoalsHome, m.expectedGoalsAway, grid,
                m.home.formPoints(), m.home.formMatches(), m.away.formPoints(), m.away.formMatches(),
                restHome, restAway, m.home.matchesThisSeason(), m.away.matchesThisSeason(),
                m.home.newEntrant(), m.away.newEntrant(), market);
        return new FeatureVector(v, market.present(), context);
    }

    /** Market features; without a market they repeat the engine's own estimates (see {@link Feature}). */
    private static void writeMarket(float[] v, MarketView market, ScoreGrid grid, PreMatch m) {
        if (market.present()) {
            v[Feature.MARKET_HOME.ordinal()] = (float) market.pHome();
            v[Feature.MARKET_DRAW.ordinal()] = (float) market.pDraw();
            v[Feature.MARKET_AWAY.ordinal()] = (float) market.pAway();
            v[Feature.MARKET_OVERROUND.ordinal()] = (float) market.overround();
            v[Feature.BEST_IMPLIED_HOME.ordinal()] = (float) (1.0 / market.bestHome());
            v[Feature.BEST_IMPLIED_DRAW.ordinal()] = (float) (1.0 / market.bestDraw());
            v[Feature.BEST_IMPLIED_AWAY.ordinal()] = (float) (1.0 / market.bestAway());
            v[Feature.SHARP_HOME.ordinal()] = (float) market.sharpHome();
            v[Feature.SHARP_DRAW.ordinal()] = (float) market.sharpDraw();
            v[Feature.SHARP_AWAY.ordinal()] = (float) market.sharpAway();
        } else {
            v[Feature.MARKET_HOME.ordinal()] = (float) grid.pHome();
            v[Feature.MARKET_DRAW.ordinal()] = (float) grid.pDraw();
            v[Feature.MARKET_AWAY.ordinal()] = (float) grid.pAway();
            v[Feature.MARKET_OVERROUND.ordinal()] = 1f;
            v[Feature.BEST_IMPLIED_HOME.ordinal()] = (float) grid.pHome();
            v[Feature.BEST_IMPLIED_DRAW.ordinal()] = (float) grid.pDraw();
            v[Feature.BEST_IMPLIED_AWAY.ordinal()] = (float) grid.pAway();
            v[Feature.SHARP_HOME.ordinal()] = (float) grid.pHome();
            v[Feature.SHARP_DRAW.ordinal()] = (float) grid.pDraw();
            v[Feature.SHARP_AWAY.ordinal()] = (float) grid.pAway();
        }
        v[Feature.SPREAD_HOME.ordinal()] = (float) market.spreadHome();
        v[Feature.SPREAD_DRAW.ordinal()] = (float) market.spreadDraw();
        v[Feature.SPREAD_AWAY.ordinal()] = (float) market.spreadAway();
        v[Feature.BOOK_COUNT.ordinal()] = market.bookCount();
        boolean overMissing = Double.isNaN(market.pOver25());
        v[Feature.MARKET_OVER25.ordinal()] = (float) (overMissing ? grid.pOver25() : market.pOver25());
        v[Feature.MARKET_OVER25_MISSING.ordinal()] = overMissing ? 1f : 0f;
        boolean asianMissing = Double.isNaN(market.pAsianHome());
        v[Feature.ASIAN_LINE.ordinal()] = (float) (asianMissing
                ? m.expectedGoalsAway - m.expectedGoalsHome : market.asianLine());
        v[Feature.ASIAN_HOME.ordinal()] = (float) (asianMissing ? 0.5 : market.pAsianHome());
        v[Feature.ASIAN_MISSING.ordinal()] = asianMissing ? 1f : 0f;
    }

    /** The club and league states after {@code result}; {@code state} is not changed. */
    public StateUpdate apply(TeamStateSource state, MatchResult result) {
        String competition = result.fixtureId().competition();
        long kickoff = result.kickoff().getEpochSecond();
        PreMatch m = preMatch(state, competition, result.fixtureId().homeTeam(), result.fixtureId().awayTeam(),
                result.season(), kickoff, result.neutral());
        int homeGoals = result.homeGoals();
        int awayGoals = result.awayGoals();

        double expected = Elo.expectedHomeScore(m.home.elo(), m.away.elo(), m.homeAdvantage);
        double eloChange = Elo.homeRatingChange(params.eloK(), expected, homeGoals, awayGoals);

        double observed = observedGoalDifference(result);
        PiRatings.Update pi = m.neutral
                ? piRatings.updateNeutral(m.home.piHome(), m.home.piAway(), m.away.piHome(), m.away.piAway(), observed)
                : piRatings.update(m.home.piHome(), m.home.piAway(), m.away.piHome(), m.away.piAway(), observed);

        TeamState.Builder home = afterMatch(m.home, m.homeDecay, result, kickoff, true,
                m.home.elo() + eloChange, pi.homeTeamHome(), pi.homeTeamAway(), homeGoals, awayGoals,
                m.meanHomeGoals * m.defenceAway, m.meanAwayGoals * m.attackAway);
        TeamState.Builder away = afterMatch(m.away, m.awayDecay, result, kickoff, false,
                m.away.elo() - eloChange, pi.awayTeamHome(), pi.awayTeamAway(), awayGoals, homeGoals,
                m.meanAwayGoals * m.defenceHome, m.meanHomeGoals * m.attackHome);
        LeagueState.Builder league = leagueAfter(m, result, eloChange, home, away);
        learnMarketRatings(m, result, home, away, league);
        return new StateUpdate(home.build(), away.build(), league.build());
    }

    /**
     * Moves the clubs' market ratings towards what this match's own pre-match prices said of them
     * (the prices are pre-match information of a match now played, so the next fixtures may learn
     * from them), then by the result's surprise; the league learns its market home advantage and
     * draw factor from the same prices.
     */
    private void learnMarketRatings(PreMatch m, MatchResult result, TeamState.Builder home, TeamState.Builder away,
                                    LeagueState.Builder league) {
        double[] expected = m.marketRatingProbabilities();
        BookPrice prices = result.preMatchPrices();
        if (prices != null && prices.isSane()) {
            double[] fair = params.devig().fromPrices(prices.home(), prices.draw(), prices.away());
            double gap = Math.log(fair[0] / fair[2]) - m.marketSupremacy;
            double homeGain = marketGain(m.home.marketMatches());
            double awayGain = marketGain(m.away.marketMatches());
            double total = homeGain + awayGain;
            if (total > 1.0) {
                homeGain /= total;
                awayGain /= total;
            }
            home.marketRating += homeGain * gap;
            away.marketRating -= awayGain * gap;
            home.marketMatches++;
            away.marketMatches++;
            if (!m.neutral) {
                league.marketHomeAdvantage += params.marketHomeAdvantageLearningRate() * gap;
            }
            double drawFactor = fair[1] / Math.sqrt(fair[0] * fair[2]);
            league.marketDrawFactor += params.marketDrawLearningRate() * (drawFactor - league.marketDrawFactor);
        }
        double homeScore = switch (result.outcome()) {
            case HOME -> 1.0;
            case DRAW -> 0.5;
            case AWAY -> 0.0;
        };
        double surprise = homeScore - (expected[0] + expected[1] / 2.0);
        home.marketRating += params.marketRatingResultGain() * surprise;
        away.marketRating -= params.marketRatingResultGain() * surprise;
    }

    /** A club known from few priced matches takes more of the gap: 1/(n+2) until that falls to the gain. */
    private double marketGain(int pricedMatches) {
        return Math.max(params.marketRatingGain(), 1.0 / (pricedMatches + 2));
    }

    /** Goal difference the pi-ratings learn from: goals, optionally blended with shots on target. */
    private double observedGoalDifference(MatchResult result) {
        double goals = result.homeGoals() - result.awayGoals();
        MatchStats stats = result.stats();
        double weight = params.piShotsOnTargetWeight();
        if (weight == 0.0 || stats.homeShotsOnTarget() == null || stats.awayShotsOnTarget() == null) {
            return goals;
        }
        double shots = (stats.homeShotsOnTarget() - stats.awayShotsOnTarget()) * params.goalsPerShotOnTarget();
        return (1.0 - weight) * goals + weight * shots;
    }

    private TeamState.Builder afterMatch(TeamState before, double decay, MatchResult result, long kickoff, boolean atHome,
                                 double elo, double piHome, double piAway, int goalsFor, int goalsAgainst,
                                 double expectedFor, double expectedAgainst) {
        TeamState.Builder b = before.toBuilder();
        b.season = result.season();
        b.lastMatchEpochSecond = kickoff;
        b.matchesPlayed++;
        b.matchesThisSeason++;
        b.elo = elo;
        b.piHome = piHome;
        b.piAway = piAway;
        b.goalsFor = decay * before.goalsFor() + goalsFor;
        b.expectedGoalsFor = decay * before.expectedGoalsFor() + expectedFor;
        b.goalsAgainst = decay * before.goalsAgainst() + goalsAgainst;
        b.expectedGoalsAgainst = decay * before.expectedGoalsAgainst() + expectedAgainst;
        b.form = before.form().add(goalsFor, goalsAgainst);
        if (!result.neutral()) {
            if (atHome) {
                b.homeForm = before.homeForm().add(goalsFor, goalsAgainst);
            } else {
                b.awayForm = before.awayForm().add(goalsFor, goalsAgainst);
            }
        }
        return b;
    }

    private LeagueState.Builder leagueAfter(PreMatch m, MatchResult result, double eloChange, TeamState.Builder home,
                                           TeamState.Builder away) {
        LeagueState.Builder b = m.league.toBuilder();
        if (Seasons.gap(b.currentSeason, result.season()) > 0) {
            b.currentSeason = result.season();
        }
        b.matchesPlayed++;
        double rate = params.leagueLearningRate();
        if (!result.neutral()) {
            b.meanHomeGoals += rate * (result.homeGoals() - b.meanHomeGoals);
            b.meanAwayGoals += rate * (result.awayGoals() - b.meanAwayGoals);
            b.homeAdvantage += params.eloHomeAdvantageLearningRate() * eloChange;
        }
        b.meanElo += rate * ((home.elo + away.elo) / 2.0 - b.meanElo);
        calibrateEntrantPrior(b, home);
        calibrateEntrantPrior(b, away);
        return b;
    }

    /** A promoted club that has played enough matches shows what the next promoted club is worth. */
    private void calibrateEntrantPrior(LeagueState.Builder b, TeamState.Builder team) {
        if (!team.newEntrant || team.matchesThisSeason != params.newEntrantCalibrationMatches()) {
            return;
        }
        double rate = params.newEntrantPriorLearningRate();
        b.entrantElo += rate * (team.elo - b.entrantElo);
        b.entrantPiHome += rate * (team.piHome - b.entrantPiHome);
        b.entrantPiAway += rate * (team.piAway - b.entrantPiAway);
        b.entrantAttack += rate * (attack(team.goalsFor, team.expectedGoalsFor) - b.entrantAttack);
        b.entrantDefence += rate * (defence(team.goalsAgainst, team.expectedGoalsAgainst) - b.entrantDefence);
        b.entrantsSeen++;
    }

    private PreMatch preMatch(TeamStateSource state, String competition, String homeTeam, String awayTeam,
                              String season, long kickoff, boolean neutral) {
        Optional<LeagueState> storedLeague = state.league(competition);
        LeagueState league = storedLeague.isPresent() ? storedLeague.get() : LeagueState.initial(season, params);
        TeamState home = asOfSeason(state.team(competition, homeTeam), league, season);
        TeamState away = asOfSeason(state.team(competition, awayTeam), league, season);
        return new PreMatch(league, home, away, neutral, kickoff, decay(home, kickoff), decay(away, kickoff));
    }

    /**
     * The club as it enters a match of {@code season}: unchanged within a season; regressed towards
     * the league mean at the first match of the next season; the promoted-club prior for a club
     * new to the competition or back after missing a season; the league mean for founders.
     */
    private TeamState asOfSeason(Optional<TeamState> stored, LeagueState league, String season) {
        if (stored.isPresent()) {
            TeamState team = stored.get();
            if (team.season().equals(season)) {
                return team;
            }
            if (Seasons.gap(team.season(), season) <= 1) {
                TeamState.Builder b = team.toBuilder();
                b.season = season;
                b.matchesThisSeason = 0;
                b.newEntrant = false;
                b.elo = Elo.regressToMean(team.elo(), league.meanElo(), params.eloSeasonRegression());
                b.piHome = team.piHome() * (1.0 - params.piSeasonRegression());
                b.piAway = team.piAway() * (1.0 - params.piSeasonRegression());
                b.marketRating = team.marketRating() * (1.0 - params.marketRatingSeasonRegression());
                return b.build();
            }
            return entrant(league, season);
        }
        if (season.equals(league.firstSeason())) {
            return TeamState.fresh(season, league.meanElo(), 0.0, 0.0, false, 0.0, 0.0, 0.0, 0.0, 0.0);
        }
        return entrant(league, season);
    }

    private TeamState entrant(LeagueState league, String season) {
        double weight = params.newEntrantPriorMatches();
        return TeamState.fresh(season, league.entrantElo(), league.entrantPiHome(), league.entrantPiAway(), true,
                league.entrantAttack() * weight, weight, league.entrantDefence() * weight, weight,
                (league.entrantElo() - league.meanElo()) * MARKET_RATING_PER_ELO);
    }

    /** Weight left on the club's past goal sums at {@code kickoff}. */
    private double decay(TeamState team, long kickoff) {
        if (team.lastMatchEpochSecond() == TeamState.NO_MATCH) {
            return 1.0;
        }
        double days = Math.max(0, kickoff - team.lastMatchEpochSecond()) / SECONDS_PER_DAY;
        return Math.pow(0.5, days / params.poissonHalfLifeDays());
    }

    /** Goals scored relative to an average attack against the same opponents, shrunk towards 1. */
    private double attack(double goalsFor, double expectedGoalsFor) {
        double shrinkage = params.poissonShrinkageMatches();
        return (goalsFor + shrinkage) / (expectedGoalsFor + shrinkage);
    }

    /** Goals conceded relative to an average defence (above 1 concedes more), shrunk towards 1. */
    private double defence(double goalsAgainst, double expectedGoalsAgainst) {
        double shrinkage = params.poissonShrinkageMatches();
        return (goalsAgainst + shrinkage) / (expectedGoalsAgainst + shrinkage);
    }

    private int restDays(TeamState team, long kickoff) {
        if (team.lastMatchEpochSecond() == TeamState.NO_MATCH) {
            return -1;
        }
        long days = Math.max(0, kickoff - team.lastMatchEpochSecond()) / 86_400L;
        return (int) Math.min(days, params.restDaysCap());
    }

    /** Everything both {@link #features} and {@link #apply} derive from the pre-match state. */
    private final class PreMatch {
        final LeagueState league;
        final TeamState home;
        final TeamState away;
        final boolean neutral;
        final long kickoff;
        final double homeAdvantage;
        final double homeDecay;
        final double awayDecay;
        final double meanHomeGoals;
        final double meanAwayGoals;
        final double attackHome;
        final double defenceHome;
        final double attackAway;
        final double defenceAway;
        final double expectedGoalsHome;
        final double expectedGoalsAway;
        final double piHome;
        final double piAway;
        /** Expected log(P(home)/P(away)) from the clubs' market ratings and the league's market home advantage. */
        final double marketSupremacy;

        PreMatch(LeagueState league, TeamState home, TeamState away, boolean neutral, long kickoff,
                 double homeDecay, double awayDecay) {
            this.league = league;
            this.home = home;
            this.away = away;
            this.neutral = neutral;
            this.kickoff = kickoff;
            this.homeDecay = homeDecay;
            this.awayDecay = awayDecay;
            this.homeAdvantage = neutral ? 0.0 : league.homeAdvantage();
            double neutralGoals = (league.meanHomeGoals() + league.meanAwayGoals()) / 2.0;
            this.meanHomeGoals = neutral ? neutralGoals : league.meanHomeGoals();
            this.meanAwayGoals = neutral ? neutralGoals : league.meanAwayGoals();
            this.attackHome = attack(homeDecay * home.goalsFor(), homeDecay * home.expectedGoalsFor());
            this.defenceHome = defence(homeDecay * home.goalsAgainst(), homeDecay * home.expectedGoalsAgainst());
            this.attackAway = attack(awayDecay * away.goalsFor(), awayDecay * away.expectedGoalsFor());
            this.defenceAway = defence(awayDecay * away.goalsAgainst(), awayDecay * away.expectedGoalsAgainst());
            this.expectedGoalsHome = meanHomeGoals * attackHome * defenceAway;
            this.expectedGoalsAway = meanAwayGoals * attackAway * defenceHome;
            this.piHome = neutral ? (home.piHome() + home.piAway()) / 2.0 : home.piHome();
            this.piAway = neutral ? (away.piHome() + away.piAway()) / 2.0 : away.piAway();
            this.marketSupremacy = home.marketRating() - away.marketRating() + (neutral ? 0.0 : league.marketHomeAdvantage());
        }

        /** Davidson: P(home) : P(draw) : P(away) = e^(s/2) : draw factor : e^(-s/2), s the market supremacy. */
        double[] marketRatingProbabilities() {
            double home = Math.exp(marketSupremacy / 2.0);
            double away = 1.0 / home;
            double draw = league.marketDrawFactor();
            double total = home + draw + away;
            return new double[] {home / total, draw / total, away / total};
        }
    }
}
