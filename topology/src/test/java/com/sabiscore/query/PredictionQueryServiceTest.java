package com.sabiscore.query;

import static com.sabiscore.query.PredictionEvents.aPrediction;
import static com.sabiscore.query.QueriedInstance.OTHER;
import static com.sabiscore.query.QueriedInstance.SELF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sabiscore.events.Prediction;
import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/** The queries the routes ask, over the real local, forwarding and range readers and the doubles they read. */
class PredictionQueryServiceTest {

    private final QueriedInstance instance = new QueriedInstance();
    // a rebalance is not waited out here: what matters is what is answered once waiting is over
    private final PredictionQueryService queries = new PredictionQueryService(instance.local, instance.forwarding(Duration.ZERO),
            new CompetitionRanges(instance.placements, instance.local, instance.peers));
    private final Prediction arsenalChelsea = aPrediction().home("Arsenal").away("Chelsea").kickoff("2023-10-21T14:00:00Z").build();
    private final String fixtureId = arsenalChelsea.getFixtureId();

    @Test
    void shouldAnswerTheLastServedPredictionFlaggedStaleWhileNoCopyIsReadable() {
        // given a prediction served once from its active copy here
        instance.placements.place("E0", SELF, OTHER);
        instance.copies.put(QueryableStore.PREDICTIONS.name(), fixtureId, arsenalChelsea);
        assertThat(queries.prediction(fixtureId)).isEqualTo(new Served<>(PredictionView.of(arsenalChelsea), "app-1:8080", false));

        // when a rebalance closes every copy
        instance.state.set(KafkaStreams.State.REBALANCING);
        instance.copies.close();

        // then the same answer again, flagged stale
        assertThat(queries.prediction(fixtureId)).isEqualTo(new Served<>(PredictionView.of(arsenalChelsea), "app-1:8080", true));
    }

    @Test
    void shouldFailForAFixtureNeverServedWhileNoCopyIsReadable() {
        // given
        instance.placements.place("E0", SELF, OTHER);
        instance.copies.close();

        // then
        assertThatThrownBy(() -> queries.prediction(fixtureId)).isInstanceOf(UnavailableException.class);
    }

    @Test
    void shouldAnswerOnTheSpotOnlyWhatTheActiveCopyHereHolds() {
        // given the fixture's active copy on another instance, a standby copy here
        instance.placements.place("E0", OTHER, SELF);
        instance.copies.put(QueryableStore.PREDICTIONS.name(), fixtureId, arsenalChelsea);

        // then: nothing on the spot, but answered by the active instance when asked
        assertThat(queries.predictionIfLocal(fixtureId)).isEmpty();
        instance.peers.answer(OTHER, fixtureId, new PeerInstances.RemoteValue.Found(
                QueryableStore.PREDICTIONS.toWire().apply(arsenalChelsea), "app-2:8080", false));
        assertThat(queries.prediction(fixtureId)).isEqualTo(new Served<>(PredictionView.of(arsenalChelsea), "app-2:8080", false));
    }
}
