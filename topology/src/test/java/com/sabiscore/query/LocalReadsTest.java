package com.sabiscore.query;

import static com.sabiscore.query.PredictionEvents.aPrediction;
import static com.sabiscore.query.QueriedInstance.OTHER;
import static com.sabiscore.query.QueriedInstance.SELF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sabiscore.events.Prediction;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/** What this instance's own copies answer, over copies, placements and a stream state the test sets. */
class LocalReadsTest {

    private final QueriedInstance instance = new QueriedInstance();
    private final LocalReads local = instance.local;
    private final Prediction arsenalChelsea = aPrediction().home("Arsenal").away("Chelsea").kickoff("2023-10-21T14:00:00Z").build();
    private final String fixtureId = arsenalChelsea.getFixtureId();

    @Test
    void shouldAnswerFromTheActiveCopyHereFreshAndRememberTheAnswer() {
        // given
        instance.placements.place("E0", SELF, OTHER);
        instance.copies.put(QueryableStore.PREDICTIONS.name(), fixtureId, arsenalChelsea);

        // when
        Optional<Served<PredictionView>> served = local.activeCopyPrediction(fixtureId);

        // then
        assertThat(served).contains(new Served<>(PredictionView.of(arsenalChelsea), "app-1:8080", false));
        assertThat(local.hostsActiveCopy(fixtureId)).isTrue();
        assertThat(local.lastServed(fixtureId)).isEqualTo(served);
    }

    @Test
    void shouldRefuseTheFastPathUnlessThisRunningInstanceCanReadTheActiveCopy() {
        // given a prediction in this instance's standby copy
        instance.copies.put(QueryableStore.PREDICTIONS.name(), fixtureId, arsenalChelsea);
        instance.placements.place("E0", OTHER, SELF);

        // then: the active copy is elsewhere
        assertThat(local.hostsActiveCopy(fixtureId)).isFalse();
        assertThatThrownBy(() -> local.activeCopyPrediction(fixtureId)).isInstanceOf(NotLocalException.class);

        // when it is here but the instance rebalances
        instance.placements.place("E0", SELF, OTHER);
        instance.state.set(KafkaStreams.State.REBALANCING);
        assertThatThrownBy(() -> local.activeCopyPrediction(fixtureId)).isInstanceOf(NotLocalException.class);

        // when it runs again, but the copy is closing
        instance.state.set(KafkaStreams.State.RUNNING);
        instance.copies.close();
        assertThatThrownBy(() -> local.activeCopyPrediction(fixtureId)).isInstanceOf(NotLocalException.class)
                .hasMessageContaining("cannot be read now");
    }

    @Test
    void shouldReadATeamsStateFromTheActiveCopyOnceUntilTheStreamWritesIt() {
        // given a club without state, in a competition hosted here
        instance.placements.place("E0", SELF);

        // when asked twice
        assertThat(local.activeCopyTeamState("E0", "Arsenal")).isEmpty();
        assertThat(local.activeCopyTeamState("E0", "Arsenal")).isEmpty();

        // then the store was read once; a result of the club makes the next ask read it again
        assertThat(instance.copies.reads).isEqualTo(1);
        instance.keptStates.teamStatesWritten("E0", "Arsenal", "Chelsea");
        assertThat(local.activeCopyTeamState("E0", "Arsenal")).isEmpty();
        assertThat(instance.copies.reads).isEqualTo(2);
    }

    @Test
    void shouldAnswerTheInternalRouteFromAStandbyCopyFlaggedStale() {
        // given a prediction in the standby copy here
        instance.copies.put(QueryableStore.PREDICTIONS.name(), fixtureId, arsenalChelsea);
        instance.placements.place("E0", OTHER, SELF);

        // when
        Served<byte[]> standby = local.value(QueryableStore.PREDICTIONS, fixtureId);

        // then: the bytes another instance decodes, stale
        assertThat(QueryableStore.PREDICTIONS.fromWire().apply(standby.value())).isEqualTo(arsenalChelsea);
        assertThat(standby.servedBy()).isEqualTo("app-1:8080");
        assertThat(standby.stale()).isTrue();
        instance.placements.place("E0", SELF, OTHER);
        assertThat(local.value(QueryableStore.PREDICTIONS, fixtureId).stale()).isFalse();
    }

    @Test
    void shouldSayWhetherAMissingKeyCanBeTrusted() {
        // given a competition whose active copy is here, running
        instance.placements.place("E0", SELF, OTHER);

        // then a key it lacks is missing for sure; on a standby, or while rebalancing, it may only be behind
        assertThatThrownBy(() -> local.value(QueryableStore.PREDICTIONS, fixtureId)).isInstanceOf(NotFoundException.class);
        assertThat(local.isStale(QueryableStore.PREDICTIONS, fixtureId)).isFalse();
        instance.state.set(KafkaStreams.State.REBALANCING);
        assertThat(local.isStale(QueryableStore.PREDICTIONS, fixtureId)).isTrue();
        instance.state.set(KafkaStreams.State.RUNNING);
        instance.placements.place("E0", OTHER, SELF);
        assertThat(local.isStale(QueryableStore.PREDICTIONS, fixtureId)).isTrue();
    }

    @Test
    void shouldNotTreatAnActiveCopyStillRestoringAsCurrent() {
        // given the competition's active copy newly here, its task still restoring, the instance RUNNING
        instance.copies.put(QueryableStore.PREDICTIONS.name(), fixtureId, arsenalChelsea);
        instance.placements.place("E0", SELF, OTHER);
        instance.copies.restoring();

        // then what it holds may be behind: no fast path, and the internal route flags it
        assertThatThrownBy(() -> local.activeCopyPrediction(fixtureId)).isInstanceOf(NotLocalException.class);
        assertThat(local.isStale(QueryableStore.PREDICTIONS, fixtureId)).isTrue();
        assertThat(local.value(QueryableStore.PREDICTIONS, fixtureId).stale()).isTrue();
    }

    @Test
    void shouldListWhatTheLocalCopiesHoldOfACompetitionsDatesStaleWhileNotRunning() {
        // given predictions of two E0 dates and of D1
        Prediction later = aPrediction().home("Everton").away("Fulham").kickoff("2023-11-04T15:00:00Z").build();
        Prediction elsewhere = aPrediction().competition("D1").home("Bayern Munich").away("Dortmund").kickoff("2023-10-21T13:30:00Z").build();
        for (Prediction p : new Prediction[] {arsenalChelsea, later, elsewhere}) {
            instance.copies.put(QueryableStore.PREDICTIONS.name(), p.getFixtureId(), p);
        }

        // when
        LocalRange october = local.predictions("E0", LocalDate.parse("2023-10-01"), LocalDate.parse("2023-10-31"));
        instance.state.set(KafkaStreams.State.REBALANCING);
        LocalRange rebalancing = local.predictions("E0", LocalDate.parse("2023-10-01"), LocalDate.parse("2023-10-31"));

        // then
        assertThat(october).isEqualTo(new LocalRange(List.of(PredictionView.of(arsenalChelsea)), "app-1:8080", false));
        assertThat(rebalancing.stale()).isTrue();
    }

    @Test
    void shouldAnswerUnavailableWhenNoLocalCopyIsReadable() {
        // given
        instance.placements.place("E0", SELF);
        instance.copies.close();

        // then
        assertThatThrownBy(() -> local.value(QueryableStore.PREDICTIONS, fixtureId)).isInstanceOf(UnavailableException.class);
        assertThatThrownBy(() -> local.predictions("E0", LocalDate.parse("2023-10-01"), LocalDate.parse("2023-10-31")))
                .isInstanceOf(UnavailableException.class);
    }

    @Test
    void shouldRememberTheLastPredictionServedPerFixture() {
        // given
        Served<PredictionView> first = new Served<>(PredictionView.of(arsenalChelsea), "app-2:8080", false);
        Served<PredictionView> newer = new Served<>(PredictionView.of(aPrediction().home("Arsenal").away("Chelsea")
                .kickoff("2023-10-21T14:00:00Z").version(2).build()), "app-2:8080", false);

        // when
        local.remember(first);
        local.remember(newer);

        // then the newest, and the cache's statistics under its name
        assertThat(local.lastServed(fixtureId)).contains(newer);
        assertThat(local.lastServed("E0:2023-10-28:Chelsea:Arsenal")).isEmpty();
        assertThat(instance.registry.get("cache.gets").tag("cache", "last_known_predictions").tag("result", "hit")
                .functionCounter().count()).isEqualTo(1);
    }

    @Test
    void shouldAnswerTheRememberedCopyWhenTheSamePredictionIsServedAgain() {
        // given a prediction remembered, then read again: equal, but another object
        Served<PredictionView> first = local.remember(new Served<>(PredictionView.of(arsenalChelsea), "app-2:8080", false));
        Served<PredictionView> again = new Served<>(PredictionView.of(arsenalChelsea), "app-2:8080", false);

        // when
        Served<PredictionView> answered = local.remember(again);

        // then the copy remembered first is answered and kept: the caches hold one copy per fixture, not one per read
        assertThat(answered).isSameAs(first);
        assertThat(local.lastServed(fixtureId).orElseThrow()).isSameAs(first);
        // and a stale read of it is not the same answer
        Served<PredictionView> stale = new Served<>(PredictionView.of(arsenalChelsea), "app-2:8080", true);
        assertThat(local.remember(stale)).isSameAs(stale);
    }
}
