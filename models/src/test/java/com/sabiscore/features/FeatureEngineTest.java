package com.sabiscore.features;

import com.sabiscore.match.Fixture;
import com.sabiscore.match.MatchBuilder;
import com.sabiscore.match.MatchStats;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static com.sabiscore.match.MatchBuilder.aMatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FeatureEngineTest {

    private final FeatureEngine engine = FeatureEngine.withDefaults();
    private final EngineParameters params = engine.parameters();
    private final InMemoryTeamStates states = new InMemoryTeamStates();

    @Test
    void featureNamesMatchTheVectorAndTheWithoutOddsHeadIsAPrefix() {
        FeatureVector vector = states.features(engine, aMatch().odds(2.0, 3.4, 3.8).fixture());

        assertThat(engine.featureNames(true)).hasSize(vector.withOdds().length).doesNotHaveDuplicates();
        assertThat(engine.featureNames(false)).hasSize(vector.withoutOdds().length);
        assertThat(engine.featureNames(true).subList(0, vector.withoutOdds().length))
                .isEqualTo(engine.featureNames(false));
        assertThat(engine.featureNames(false)).noneMatch(name -> name.startsWith("market_"));
        for (Feature feature : Feature.values()) {
            boolean inPrefix = feature.ordinal() < vector.withoutOdds().length;
            assertThat(inPrefix).as(feature.name()).isEqualTo(!feature.market());
        }
    }

    @Test
    void everyValueIsFiniteWithAndWithoutOddsEvenForUnknownClubs() {
        FeatureVector withOdds = states.features(engine, aMatch().odds(2.0, 3.4, 3.8).fixture());
        FeatureVector withoutOdds = states.features(engine, aMatch().fixture());

        assertThat(withOdds.hasOdds()).isTrue();
        assertThat(withoutOdds.hasOdds()).isFalse();
        for (float value : withOdds.withOdds()) {
            assertThat(Float.isFinite(value)).isTrue();
        }
        for (float value : withoutOdds.withOdds()) {
            assertThat(Float.isFinite(value)).isTrue();
        }
        assertThat(withoutOdds.value(Feature.MARKET_OVER25_MISSING)).isEqualTo(1f);
        assertThat(withoutOdds.context().market().present()).isFalse();
    }

    @Test
    void aWinRaisesTheWinnersRatingsAndLowersTheLosers() {
        states.apply(engine, aMatch().home("Arsenal").away("Chelsea").score(3, 0).result());

        TeamState arsenal = states.team("E0", "Arsenal").orElseThrow();
        TeamState chelsea = states.team("E0", "Chelsea").orElseThrow();
        assertThat(arsenal.elo()).isGreaterThan(params.eloStart());
        assertThat(arsenal.elo() - params.eloStart()).isCloseTo(params.eloStart() - chelsea.elo(), within(1e-9));
        assertThat(arsenal.piHome()).isPositive();
        assertThat(chelsea.piAway()).isNegative();
        assertThat(arsenal.formPoints()).isEqualTo(3);
        assertThat(chelsea.formPoints()).isZero();

        FeatureVector next = states.features(engine,
                aMatch().home("Arsenal").away("Chelsea").on("2023-08-19").fixture());
        assertThat(next.context().expectedGoalsHome()).isGreaterThan(next.context().expectedGoalsAway());
        assertThat(next.value(Feature.FORM_POINTS_HOME)).isEqualTo(3f);
        assertThat(next.value(Feature.REST_DAYS_HOME)).isEqualTo(7f);
        assertThat(next.value(Feature.MATCHES_HOME)).isEqualTo(1f);
    }

    @Test
    void neutralGroundRemovesTheHomeAdvantage() {
        MatchBuilder match = aMatch().home("Brazil").away("Peru").competition("INT");

        FeatureVector atHome = states.features(engine, match.fixture());
        FeatureVector neutral = states.features(engine, match.neutral(true).fixture());

        assertThat(atHome.value(Feature.ELO_DIFF)).isEqualTo((float) params.eloInitialHomeAdvantage());
        assertThat(atHome.context().eloExpectedHome()).isGreaterThan(0.5);
        assertThat(atHome.context().expectedGoalsHome()).isGreaterThan(atHome.context().expectedGoalsAway());
        assertThat(neutral.value(Feature.ELO_DIFF)).isZero();
        assertThat(neutral.value(Feature.LEAGUE_HOME_ADVANTAGE)).isZero();
        assertThat(neutral.value(Feature.NEUTRAL)).isEqualTo(1f);
        assertThat(neutral.context().eloExpectedHome()).isCloseTo(0.5, within(1e-12));
        assertThat(neutral.context().expectedGoalsHome()).isCloseTo(neutral.context().expectedGoalsAway(), within(1e-12));
        assertThat(neutral.context().grid().pHome()).isCloseTo(neutral.context().grid().pAway(), within(1e-12));
    }

    @Test
    void aNeutralResultDoesNotTeachTheHomeAdvantage() {
        states.apply(engine, aMatch().competition("INT").home("Brazil").away("Peru").neutral(true).score(4, 0).result());

        assertThat(states.league("INT").orElseThrow().homeAdvantage()).isEqualTo(params.eloInitialHomeAdvantage());
    }

    @Test
    void clubsOfTheFirstSeasonStartEqualAndPromotedClubsStartBelow() {
        playSeason("2022-23", "Arsenal", "Chelsea", "Leeds", "Everton");

        FeatureVector promoted = states.features(engine,
                aMatch().home("Burnley").away("Arsenal").on("2023-08-12").fixture());

        LeagueState league = states.league("E0").orElseThrow();
        assertThat(promoted.context().newEntrantHome()).isTrue();
        assertThat(promoted.value(Feature.NEW_ENTRANT_HOME)).isEqualTo(1f);
        assertThat(promoted.context().eloHome()).isEqualTo(league.entrantElo()).isLessThan(league.meanElo());
        assertThat(promoted.context().piHome()).isEqualTo(league.entrantPiHome()).isNegative();
        assertThat(promoted.context().newEntrantAway()).isFalse();
        assertThat(promoted.value(Feature.REST_DAYS_HOME)).isEqualTo((float) params.restDaysCap());
        assertThat(promoted.context().restDaysHome()).isEqualTo(-1);
    }

    @Test
    void promotedClubsTeachTheLeagueHowGoodTheNextOneIs() {
        playSeason("2022-23", "Arsenal", "Chelsea", "Leeds", "Everton");
        double priorBefore = states.league("E0").orElseThrow().entrantElo();

        // a promoted club that wins its first matches ends above the prior it started from
        LocalDate day = LocalDate.of(2023, 8, 12);
        String[] opponents = {"Arsenal", "Chelsea", "Leeds", "Everton"};
        for (int i = 0; i < params.newEntrantCalibrationMatches(); i++) {
            states.apply(engine, aMatch().home("Burnley").away(opponents[i % 4]).on(day.plusWeeks(i)).score(2, 0).result());
        }

        LeagueState league = states.league("E0").orElseThrow();
        assertThat(league.entrantsSeen()).isEqualTo(1);
        assertThat(league.entrantElo()).isGreaterThan(priorBefore);
    }

    @Test
    void ratingsRegressTowardTheMeanAtTheFirstMatchOfANewSeason() {
        for (int week = 0; week < 6; week++) {
            states.apply(engine, aMatch().home("Arsenal").away("Chelsea")
                    .on(LocalDate.of(2023, 3, 4).plusWeeks(week)).score(3, 0).result());
        }
        TeamState stored = states.team("E0", "Arsenal").orElseThrow();
        double mean = states.league("E0").orElseThrow().meanElo();

        FeatureVector nextSeason = states.features(engine,
                aMatch().home("Arsenal").away("Chelsea").on("2023-08-12").fixture());

        double expected = mean + (stored.elo() - mean) * (1 - params.eloSeasonRegression());
        assertThat(nextSeason.context().eloHome()).isCloseTo(expected, within(1e-9));
        assertThat(nextSeason.context().matchesHome()).isZero();
        assertThat(nextSeason.context().piHome())
                .isCloseTo(stored.piHome() * (1 - params.piSeasonRegression()), within(1e-12));
        // regression is applied on read only: the stored state is still last season's
        assertThat(states.team("E0", "Arsenal").orElseThrow()).isEqualTo(stored);
    }

    @Test
    void aClubBackAfterMissingASeasonRestartsFromThePromotedPrior() {
        states.apply(engine, aMatch().home("Leeds").away("Arsenal").on("2021-09-04").score(5, 0).result());
        states.apply(engine, aMatch().home("Arsenal").away("Chelsea").on("2022-09-03").score(1, 0).result());

        FeatureVector back = states.features(engine, aMatch().home("Leeds").away("Chelsea").on("2023-09-02").fixture());

        assertThat(back.context().newEntrantHome()).isTrue();
        assertThat(back.context().eloHome()).isEqualTo(states.league("E0").orElseThrow().entrantElo());
    }

    @Test
    void shotsOnTargetTeachThePiRatingsButNotTheElo() {
        InMemoryTeamStates withShots = new InMemoryTeamStates();
        MatchBuilder match = aMatch().home("Arsenal").away("Chelsea").score(1, 1);
        states.apply(engine, match.result());
        withShots.apply(engine, match.stats(new MatchStats(null, null, 9, 1, null, null, null, null)).result());

        TeamState plain = states.team("E0", "Arsenal").orElseThrow();
        TeamState dominant = withShots.team("E0", "Arsenal").orElseThrow();
        assertThat(dominant.piHome()).isGreaterThan(plain.piHome());
        assertThat(dominant.elo()).isEqualTo(plain.elo());
    }

    @Test
    void marketFeaturesUseTheDeviggedAverageAndTheBestPriceOverBooks() {
        Fixture fixture = aMatch().odds(2.00, 3.40, 3.80).maximum(2.10, 3.60, 4.00)
                .book("B365", 1.95, 3.40, 3.75).book("PS", 2.15, 3.45, 3.90)
                .overUnder(1.90, 1.95).asian(-0.25, 1.95, 1.95).fixture();

        FeatureVector vector = states.features(engine, fixture);

        assertThat(vector.value(Feature.MARKET_HOME) + vector.value(Feature.MARKET_DRAW)
                + vector.value(Feature.MARKET_AWAY)).isCloseTo(1f, within(1e-6f));
        assertThat(vector.value(Feature.BEST_IMPLIED_HOME)).isCloseTo((float) (1 / 2.15), within(1e-6f));
        assertThat(vector.value(Feature.BEST_IMPLIED_AWAY)).isCloseTo((float) (1 / 4.00), within(1e-6f));
        assertThat(vector.value(Feature.SPREAD_HOME)).isCloseTo((float) (1 / 1.95 - 1 / 2.15), within(1e-6f));
        assertThat(vector.value(Feature.BOOK_COUNT)).isEqualTo(2f);
        assertThat(vector.value(Feature.MARKET_OVER25)).isGreaterThan(0.5f);
        assertThat(vector.value(Feature.MARKET_OVER25_MISSING)).isZero();
        assertThat(vector.value(Feature.ASIAN_LINE)).isEqualTo(-0.25f);
        assertThat(vector.value(Feature.ASIAN_HOME)).isCloseTo(0.5f, within(1e-6f));
    }

    @Test
    void withoutAnAverageTheMarketIsTheMeanOfTheBooks() {
        Fixture oneBook = aMatch().book("B365", 2.0, 3.4, 3.8).fixture();
        Fixture sameAsAverage = aMatch().odds(2.0, 3.4, 3.8).fixture();

        FeatureVector fromBook = states.features(engine, oneBook);
        FeatureVector fromAverage = states.features(engine, sameAsAverage);

        assertThat(fromBook.value(Feature.MARKET_HOME)).isEqualTo(fromAverage.value(Feature.MARKET_HOME));
        assertThat(fromBook.value(Feature.BOOK_COUNT)).isEqualTo(1f);
        assertThat(fromBook.value(Feature.SPREAD_HOME)).isZero();
    }

    @Test
    void equalInputsGiveEqualVectorsAndHashes() {
        Fixture fixture = aMatch().odds(2.0, 3.4, 3.8).fixture();

        FeatureVector first = states.features(engine, fixture);
        FeatureVector second = states.features(engine, fixture);
        FeatureVector other = states.features(engine, aMatch().odds(2.1, 3.4, 3.6).fixture());

        assertThat(first).isEqualTo(second);
        assertThat(first.hash()).isEqualTo(second.hash()).isNotEqualTo(other.hash());
    }

    @Test
    void pricesOfPlayedMatchesTeachTheMarketRatingsButAFixturesOwnPricesDoNot() {
        // the market made Arsenal clear favourites; the 0-0 does not undo what the prices said
        states.apply(engine, aMatch().home("Arsenal").away("Chelsea").odds(1.4, 4.8, 8.0).score(0, 0).result());

        TeamState arsenal = states.team("E0", "Arsenal").orElseThrow();
        TeamState chelsea = states.team("E0", "Chelsea").orElseThrow();
        assertThat(arsenal.marketRating()).isGreaterThan(chelsea.marketRating());
        assertThat(arsenal.marketMatches()).isEqualTo(1);
        MatchBuilder next = aMatch().home("Chelsea").away("Arsenal").on("2023-08-19");
        FeatureVector pricedForChelsea = states.features(engine, next.odds(1.5, 4.0, 7.0).fixture());
        FeatureVector pricedForArsenal = states.features(engine, next.odds(7.0, 4.0, 1.5).fixture());
        FeatureVector unpriced = states.features(engine, aMatch().home("Chelsea").away("Arsenal").on("2023-08-19").fixture());
        assertThat(pricedForChelsea.value(Feature.PRICE_RATING_AWAY))
                .isGreaterThan(pricedForChelsea.value(Feature.PRICE_RATING_HOME))
                .isEqualTo(pricedForArsenal.value(Feature.PRICE_RATING_AWAY))
                .isEqualTo(unpriced.value(Feature.PRICE_RATING_AWAY));
        assertThat(unpriced.value(Feature.PRICE_RATING_MATCHES)).isEqualTo(1f);
    }

    @Test
    void withoutPricesMarketRatingsMoveOnlyOnResults() {
        states.apply(engine, aMatch().home("Arsenal").away("Chelsea").score(2, 0).result());

        TeamState arsenal = states.team("E0", "Arsenal").orElseThrow();
        assertThat(arsenal.marketMatches()).isZero();
        assertThat(arsenal.marketRating()).isPositive();
        assertThat(states.league("E0").orElseThrow().marketHomeAdvantage()).isEqualTo(params.marketInitialHomeAdvantage());
    }

    /** Every club plays every other home and away, one round a week from August. */
    private void playSeason(String season, String... clubs) {
        LocalDate day = LocalDate.of(Integer.parseInt(season.substring(0, 4)), 8, 6);
        for (String home : clubs) {
            for (String away : clubs) {
                if (!home.equals(away)) {
                    states.apply(engine, aMatch().home(home).away(away).on(day).season(season)
                            .score(home.length() % 3, away.length() % 2).result());
                    day = day.plusDays(3);
                }
            }
        }
    }
}
