package com.sabiscore.query;

import static com.sabiscore.query.PredictionEvents.aPrediction;
import static com.sabiscore.query.QueriedInstance.OTHER;
import static com.sabiscore.query.QueriedInstance.SELF;
import static com.sabiscore.query.QueriedInstance.THIRD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sabiscore.events.Prediction;
import com.sabiscore.query.PeerInstances.RemoteValue;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * Reading a key wherever it lives, over this instance's copies, the other instances and the
 * placements as the test sets them.
 */
class ForwardingReadsTest {

    private final QueriedInstance instance = new QueriedInstance();
    private final ForwardingReads reads = instance.forwarding(Duration.ofSeconds(5));
    private final Prediction arsenalChelsea = aPrediction().home("Arsenal").away("Chelsea").kickoff("2023-10-21T14:00:00Z").build();
    private final String fixtureId = arsenalChelsea.getFixtureId();

    private RemoteValue found(String servedBy, boolean stale) {
        return new RemoteValue.Found(QueryableStore.PREDICTIONS.toWire().apply(arsenalChelsea), servedBy, stale);
    }

    @Test
    void shouldAskTheInstanceHostingTheActiveCopy() {
        // given
        instance.placements.place("E0", OTHER, SELF);
        instance.peers.answer(OTHER, fixtureId, found("app-2:8080", false));

        // when
        Served<Prediction> served = reads.read(QueryableStore.PREDICTIONS, fixtureId);

        // then
        assertThat(served).isEqualTo(new Served<>(arsenalChelsea, "app-2:8080", false));
    }

    @Test
    void shouldFallBackToTheStandbyCopyHereFlaggedStaleWhenTheActiveInstanceDoesNotAnswer() {
        // given an active instance that does not answer, and a standby copy here
        instance.placements.place("E0", OTHER, SELF, THIRD);
        instance.copies.put(QueryableStore.PREDICTIONS.name(), fixtureId, arsenalChelsea);

        // when
        Served<Prediction> served = reads.read(QueryableStore.PREDICTIONS, fixtureId);

        // then: read here, before any remote standby
        assertThat(served).isEqualTo(new Served<>(arsenalChelsea, "app-1:8080", true));
        assertThat(instance.peers.asked).containsExactly(OTHER);
    }

    @Test
    void shouldTrustAMissingKeyOnlyFromTheActiveCopyOfARunningInstance() {
        // given an active copy that lacks the key, and is current
        instance.placements.place("E0", OTHER, THIRD);
        instance.peers.answer(OTHER, fixtureId, new RemoteValue.Missing(false));

        // then the standby is not asked
        assertThatThrownBy(() -> reads.read(QueryableStore.PREDICTIONS, fixtureId)).isInstanceOf(NotFoundException.class);
        assertThat(instance.peers.asked).containsExactly(OTHER);

        // when the active copy lacks it but may be behind (its instance is restoring), a standby that holds it answers
        instance.peers.asked.clear();
        instance.peers.answer(OTHER, fixtureId, new RemoteValue.Missing(true)).answer(THIRD, fixtureId, found("app-3:8080", false));
        assertThat(reads.read(QueryableStore.PREDICTIONS, fixtureId)).isEqualTo(new Served<>(arsenalChelsea, "app-3:8080", true));
        assertThat(instance.peers.asked).containsExactly(OTHER, THIRD);
    }

    @Test
    void shouldNotTrustAMissingKeyFromAnActiveCopyHereThatIsStillRestoring() {
        // given the competition's active copy newly here, still restoring and lacking the key, and a standby holding it
        instance.placements.place("E0", SELF, OTHER);
        instance.copies.restoring();
        instance.peers.answer(OTHER, fixtureId, found("app-2:8080", true));

        // when
        Served<Prediction> served = reads.read(QueryableStore.PREDICTIONS, fixtureId);

        // then
        assertThat(served).isEqualTo(new Served<>(arsenalChelsea, "app-2:8080", true));
    }

    @Test
    void shouldCallAKeyUnavailableNotAbsentWhenOnlyCopiesThatMayBeBehindLackIt() {
        // given an active copy here still restoring and a standby elsewhere, both lacking the key
        instance.placements.place("E0", SELF, OTHER);
        instance.copies.restoring();
        instance.peers.answer(OTHER, fixtureId, new RemoteValue.Missing(true));

        // then
        assertThatThrownBy(() -> instance.forwarding(Duration.ZERO).read(QueryableStore.PREDICTIONS, fixtureId))
                .isInstanceOf(UnavailableException.class);
    }

    @Test
    void shouldAskAgainWhereAKeyLivesWhenItIsMissingWhereAKeptPlacementSentIt() {
        // given a placement kept from before the competition moved here
        instance.placements.place("E0", OTHER);
        instance.placements.move("E0", SELF);
        instance.peers.answer(OTHER, fixtureId, new RemoteValue.Missing(false));
        instance.copies.put(QueryableStore.PREDICTIONS.name(), fixtureId, arsenalChelsea);

        // when
        Served<Prediction> served = reads.read(QueryableStore.PREDICTIONS, fixtureId);

        // then: the miss where it was is not believed; where it is now answers
        assertThat(served).isEqualTo(new Served<>(arsenalChelsea, "app-1:8080", false));
    }

    @Test
    void shouldTryThisInstanceThenEveryHostWhenNoPlacementIsKnown() {
        // given no metadata (mid-rebalance), this instance lacking the key and another holding it
        instance.placements.hosting(SELF, OTHER);
        instance.state.set(KafkaStreams.State.REBALANCING);
        instance.peers.answer(OTHER, fixtureId, found("app-2:8080", false));

        // when
        Served<Prediction> served = reads.read(QueryableStore.PREDICTIONS, fixtureId);

        // then: no copy is the known active one, so the answer is stale
        assertThat(served).isEqualTo(new Served<>(arsenalChelsea, "app-2:8080", true));
    }

    @Test
    void shouldKeepTryingThroughARebalanceUntilACopyIsReadable() {
        // given a rebalance that has closed the only copy for the next two reads
        instance.placements.place("E0", SELF);
        instance.state.set(KafkaStreams.State.REBALANCING);
        instance.copies.put(QueryableStore.PREDICTIONS.name(), fixtureId, arsenalChelsea);
        instance.copies.closeFor(2);

        // when
        Served<Prediction> served = reads.read(QueryableStore.PREDICTIONS, fixtureId);

        // then: answered once it reopened, stale (mid-rebalance), each retry asking afresh where the key lives
        assertThat(served).isEqualTo(new Served<>(arsenalChelsea, "app-1:8080", true));
        assertThat(instance.placements.forgotten).isEqualTo(2);
    }

    @Test
    void shouldGiveUpAtOnceWhenNotToWaitOrWhenTheStreamIsNotRunning() {
        // given no readable copy anywhere
        instance.placements.place("E0", SELF, OTHER);
        instance.copies.close();

        // then
        assertThatThrownBy(() -> reads.readWithoutWaiting(QueryableStore.PREDICTIONS, fixtureId))
                .isInstanceOf(UnavailableException.class);
        instance.state.set(KafkaStreams.State.PENDING_SHUTDOWN);
        assertThatThrownBy(() -> reads.read(QueryableStore.PREDICTIONS, fixtureId)).isInstanceOf(UnavailableException.class);
        assertThat(instance.placements.forgotten).isZero();
        assertThat(instance.peers.asked).isEqualTo(List.of(OTHER, OTHER));
    }
}
