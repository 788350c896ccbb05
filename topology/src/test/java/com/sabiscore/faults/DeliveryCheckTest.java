package com.sabiscore.faults;

import static com.sabiscore.query.PredictionEvents.aPrediction;
import static org.assertj.core.api.Assertions.assertThat;

import com.sabiscore.events.Prediction;
import com.sabiscore.events.SourceOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryCheckTest {

    private static final Prediction ARSENAL_V1 = aPrediction().home("Arsenal").away("Chelsea").version(1).build();
    private static final Prediction ARSENAL_V2 = aPrediction().home("Arsenal").away("Chelsea").version(2).probabilities(0.4, 0.3).build();
    private static final Prediction SPURS_V1 = aPrediction().home("Tottenham").away("Everton").version(1).build();
    private static final PredictionLedger REFERENCE = PredictionLedger.of("reference", List.of(ARSENAL_V1, SPURS_V1, ARSENAL_V2));
    /** Two matches: each a fixture and a result, every one on the topics once. */
    private static final InputCounts COMPLETE_INPUTS = new InputCounts(2, 2, 2, 2, 0);

    @Test
    void shouldPassExactlyOnceWhenTheRunPublishedTheReferencesPredictions() {
        FaultReport report = exactlyOnce(List.of(SPURS_V1, ARSENAL_V1, ARSENAL_V2));

        assertThat(report.violations()).isEmpty();
    }

    @Test
    void shouldFailExactlyOnceWhenAVersionIsPublishedTwice() {
        FaultReport report = exactlyOnce(List.of(ARSENAL_V1, ARSENAL_V1, ARSENAL_V2, SPURS_V1));

        assertThat(report.violations()).anyMatch(v -> v.startsWith("duplicate: 1"));
    }

    @Test
    void shouldFailExactlyOnceWhenAVersionIsSkipped() {
        FaultReport report = exactlyOnce(List.of(ARSENAL_V2, SPURS_V1));

        assertThat(report.violations()).anyMatch(v -> v.startsWith("gap: 1")).anyMatch(v -> v.startsWith("lost: 1"));
    }

    @Test
    void shouldFailExactlyOnceWhenTheFinalPredictionDiffersInItsLastBit() {
        Prediction nudged = Prediction.newBuilder(ARSENAL_V2).setHomeWinProb(Math.nextUp(ARSENAL_V2.getHomeWinProb())).build();

        FaultReport report = exactlyOnce(List.of(ARSENAL_V1, nudged, SPURS_V1));

        assertThat(report.violations()).singleElement().asString().startsWith("final differs: 1").contains("homeWinProb");
    }

    @Test
    void shouldFailExactlyOnceWhenAFixtureHasMoreVersionsThanTheReference() {
        Prediction extra = Prediction.newBuilder(SPURS_V1).setVersion(2).build();

        FaultReport report = exactlyOnce(List.of(ARSENAL_V1, ARSENAL_V2, SPURS_V1, extra));

        assertThat(report.violations()).singleElement().asString().startsWith("version count: 1");
    }

    @Test
    void shouldNotCompareSourceOffsetsWhichShiftWhenAnEventIsPublishedTwice() {
        Prediction shifted = Prediction.newBuilder(SPURS_V1).setSourceOffsets(List.of(new SourceOffset("sabiscore.fixtures", 2, 7L))).build();

        FaultReport report = exactlyOnce(List.of(ARSENAL_V1, ARSENAL_V2, shifted));

        assertThat(report.violations()).isEmpty();
        assertThat(report.text()).contains("predictions whose source offsets differ (not compared): 1");
    }

    @Test
    void shouldFailWhenAnInputEventIsMissingOrAValidEventWasDeadLettered() {
        InputCounts lostResultAndDeadLetter = new InputCounts(2, 2, 1, 1, 1);

        FaultReport report = DeliveryCheck.check(DeliveryCheck.Guarantee.EXACTLY_ONCE, REFERENCE, REFERENCE, lostResultAndDeadLetter, 2);

        assertThat(report.violations()).hasSize(2);
    }

    @Test
    void shouldCountDuplicatesWithoutFailingAtLeastOnce() {
        FaultReport report = atLeastOnce(List.of(ARSENAL_V1, ARSENAL_V1, SPURS_V1, ARSENAL_V2, ARSENAL_V2));

        assertThat(report.violations()).isEmpty();
        assertThat(report.text()).contains("versions published twice or more: 2");
    }

    @Test
    void shouldFailAtLeastOnceWhenAFixtureHasNoPrediction() {
        FaultReport report = atLeastOnce(List.of(ARSENAL_V1, ARSENAL_V2));

        assertThat(report.violations()).singleElement().asString().startsWith("missing: 1");
    }

    @Test
    void shouldFailAtLeastOnceWhenAVersionIsSkipped() {
        FaultReport report = atLeastOnce(List.of(SPURS_V1, ARSENAL_V2));

        assertThat(report.violations()).singleElement().asString().startsWith("gap: 1");
    }

    private static FaultReport exactlyOnce(List<Prediction> published) {
        return DeliveryCheck.check(DeliveryCheck.Guarantee.EXACTLY_ONCE, REFERENCE, PredictionLedger.of("run", published), COMPLETE_INPUTS, 2);
    }

    private static FaultReport atLeastOnce(List<Prediction> published) {
        return DeliveryCheck.check(DeliveryCheck.Guarantee.AT_LEAST_ONCE, REFERENCE, PredictionLedger.of("run", published), COMPLETE_INPUTS, 2);
    }
}
