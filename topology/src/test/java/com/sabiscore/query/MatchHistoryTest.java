package com.sabiscore.query;

import static com.sabiscore.match.MatchBuilder.aMatch;
import static com.sabiscore.query.PredictionEvents.aPrediction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.sabiscore.features.FeatureEngine;
import com.sabiscore.features.InMemoryTeamStates;
import com.sabiscore.features.StateUpdate;
import com.sabiscore.match.MatchResult;
import com.sabiscore.query.MatchHistory.FinishedMatch;
import com.sabiscore.query.MatchHistory.RatingPoint;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The results and rating histories kept from what the stream applies. */
class MatchHistoryTest {

    private final FeatureEngine engine = FeatureEngine.withDefaults();
    private final InMemoryTeamStates states = new InMemoryTeamStates();
    private final MatchHistory history = new MatchHistory();

    /** Applies the result as the stream does and reports it. */
    private StateUpdate apply(MatchResult result) {
        StateUpdate update = engine.apply(states, result);
        states.put(update, result);
        history.resultApplied(result, update);
        return update;
    }

    @Test
    void shouldKeepACompetitionsResultsNewestFirst() {
        apply(aMatch().home("Arsenal").away("Chelsea").on("2023-10-21").score(2, 1).result());
        apply(aMatch().home("Liverpool").away("Everton").on("2023-10-28").score(0, 0).result());
        apply(aMatch().competition("D1").home("Bayern Munich").away("Dortmund").on("2023-10-28").score(1, 3).result());

        assertThat(history.latestResults("E0", 10))
                .extracting(FinishedMatch::homeTeam, FinishedMatch::homeGoals, FinishedMatch::awayGoals, FinishedMatch::outcome)
                .containsExactly(
                        tuple("Liverpool", 0, 0, "draw"),
                        tuple("Arsenal", 2, 1, "home_win"));
        assertThat(history.latestResults("E0", 1)).extracting(FinishedMatch::homeTeam).containsExactly("Liverpool");
        assertThat(history.latestResults("D1", 10)).extracting(FinishedMatch::outcome).containsExactly("away_win");
        assertThat(history.latestResults("I1", 10)).isEmpty();
    }

    @Test
    void shouldKeepEachClubsRatingAfterEachOfItsMatchesFromItsSide() {
        StateUpdate first = apply(aMatch().home("Arsenal").away("Chelsea").on("2023-10-21").score(2, 1).result());
        StateUpdate second = apply(aMatch().home("Liverpool").away("Arsenal").on("2023-10-28").score(3, 0).result());

        assertThat(history.ratings("E0", "Arsenal"))
                .extracting(RatingPoint::opponent, RatingPoint::atHome, RatingPoint::score, RatingPoint::elo)
                .containsExactly(
                        tuple("Chelsea", true, "2-1", first.home().elo()),
                        tuple("Liverpool", false, "0-3", second.away().elo()));
        assertThat(history.ratings("E0", "Chelsea")).singleElement().extracting(RatingPoint::score).isEqualTo("1-2");
        assertThat(history.ratings("E0", "Tottenham")).isEmpty();
    }

    @Test
    void shouldKeepOneEntryWhenAResultIsReportedAgain() {
        // an aborted transaction is redone: the same result is reported twice
        MatchResult result = aMatch().home("Arsenal").away("Chelsea").on("2023-10-21").score(2, 1).result();
        StateUpdate update = engine.apply(states, result);

        history.resultApplied(result, update);
        history.resultApplied(result, update);

        assertThat(history.latestResults("E0", 10)).hasSize(1);
        assertThat(history.ratings("E0", "Arsenal")).hasSize(1);
    }

    @Test
    void shouldKeepOnlyTheNewestResultsOfACompetition() {
        LocalDate day = LocalDate.of(2000, 1, 1);
        for (int i = 0; i < MatchHistory.RESULTS_KEPT + 5; i++) {
            apply(aMatch().home("Home " + i).away("Away " + i).on(day.plusDays(i)).score(1, 0).result());
        }

        assertThat(history.latestResults("E0", Integer.MAX_VALUE)).hasSize(MatchHistory.RESULTS_KEPT)
                .first().extracting(FinishedMatch::homeTeam).isEqualTo("Home " + (MatchHistory.RESULTS_KEPT + 4));
    }

    @Test
    void shouldSayHowFarEachCompetitionsStreamHasGot() {
        history.predictionEmitted(aPrediction().competition("E0").asOf("2023-10-20T09:00:00Z").build());
        history.predictionEmitted(aPrediction().competition("E0").asOf("2023-10-14T09:00:00Z").build());

        assertThat(history.reached("E0")).contains(Instant.parse("2023-10-20T09:00:00Z"));
        assertThat(history.reached("D1")).isEmpty();
    }
}
