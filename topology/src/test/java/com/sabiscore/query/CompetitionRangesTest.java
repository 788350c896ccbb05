package com.sabiscore.query;

import static com.sabiscore.query.PredictionEvents.aPrediction;
import static com.sabiscore.query.QueriedInstance.OTHER;
import static com.sabiscore.query.QueriedInstance.SELF;
import static com.sabiscore.query.QueriedInstance.THIRD;
import static org.assertj.core.api.Assertions.assertThat;

import com.sabiscore.events.Prediction;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A competition's predictions gathered from every instance, over this instance's copies and other instances the test scripts. */
class CompetitionRangesTest {

    private static final LocalDate FROM = LocalDate.parse("2023-10-01");
    private static final LocalDate TO = LocalDate.parse("2023-10-31");

    private final QueriedInstance instance = new QueriedInstance();
    private final CompetitionRanges ranges = new CompetitionRanges(instance.placements, instance.local, instance.peers);

    private static PredictionEvents e0(String home, String away, String kickoff) {
        return aPrediction().home(home).away(away).kickoff(kickoff);
    }

    private void holdHere(Prediction prediction) {
        instance.copies.put(QueryableStore.PREDICTIONS.name(), prediction.getFixtureId(), prediction);
    }

    @Test
    void shouldMergeTheNewestVersionOfEachFixtureFromEveryInstanceInKickoffOrder() {
        // given this instance holds two fixtures, another a newer version of one of them and a third fixture
        holdHere(e0("Arsenal", "Chelsea", "2023-10-21T14:00:00Z").version(1).build());
        holdHere(e0("Everton", "Fulham", "2023-10-28T14:00:00Z").version(2).build());
        PredictionView newer = e0("Arsenal", "Chelsea", "2023-10-21T14:00:00Z").version(3).view();
        PredictionView earliest = e0("Wolves", "Brentford", "2023-10-07T14:00:00Z").view();
        instance.placements.hosting(SELF, OTHER);
        instance.peers.share(OTHER, new LocalRange(List.of(newer, earliest), "app-2:8080", false));

        // when
        CompetitionPredictions answer = ranges.predictions("E0", FROM, TO);

        // then
        assertThat(answer.predictions()).containsExactly(earliest, newer,
                e0("Everton", "Fulham", "2023-10-28T14:00:00Z").version(2).view());
        assertThat(answer.servedBy()).containsExactly("app-1:8080", "app-2:8080");
        assertThat(answer.stale()).isFalse();
        assertThat(answer.unreachable()).isEmpty();
    }

    @Test
    void shouldListAnInstanceThatDoesNotAnswerAndFlagAStaleShare() {
        // given a second instance restoring (its share stale) and a third that does not answer
        instance.placements.hosting(SELF, OTHER, THIRD);
        PredictionView restoring = e0("Arsenal", "Chelsea", "2023-10-21T14:00:00Z").view();
        instance.peers.share(OTHER, new LocalRange(List.of(restoring), "app-2:8080", true));

        // when
        CompetitionPredictions answer = ranges.predictions("E0", FROM, TO);

        // then
        assertThat(answer.predictions()).containsExactly(restoring);
        assertThat(answer.stale()).isTrue();
        assertThat(answer.unreachable()).containsExactly("app-3:8080");
    }

    @Test
    void shouldAskThisInstanceEvenWhenTheMetadataNamesNone() {
        // given no metadata (mid-rebalance) and a fixture held here
        Prediction held = e0("Arsenal", "Chelsea", "2023-10-21T14:00:00Z").build();
        holdHere(held);

        // when
        CompetitionPredictions answer = ranges.predictions("E0", FROM, TO);

        // then
        assertThat(answer.predictions()).containsExactly(PredictionView.of(held));
        assertThat(answer.servedBy()).containsExactly("app-1:8080");
    }

    @Test
    void shouldListThisInstanceWhenNoCopyOfItsIsReadable() {
        // given
        instance.placements.hosting(SELF, OTHER);
        instance.copies.close();
        PredictionView there = e0("Arsenal", "Chelsea", "2023-10-21T14:00:00Z").view();
        instance.peers.share(OTHER, new LocalRange(List.of(there), "app-2:8080", false));

        // when
        CompetitionPredictions answer = ranges.predictions("E0", FROM, TO);

        // then
        assertThat(answer.predictions()).containsExactly(there);
        assertThat(answer.unreachable()).containsExactly("app-1:8080");
    }
}
