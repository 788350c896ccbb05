package com.sabiscore.streams;

import com.sabiscore.events.Prediction;

/** What the pipeline reports as it goes: metrics plug in here, tests may listen. */
public interface PipelineObserver {

    PipelineObserver NONE = new PipelineObserver() {
    };

    default void predictionEmitted(Prediction prediction) {
    }

    default void scored(long nanos) {
    }

    default void deadLetter(String sourceTopic, String reason) {
    }

    default void fixtureIgnored(String fixtureId, String why) {
    }

    default void resultIgnored(String fixtureId, String why) {
    }

    /** A held result was applied because the fixtures topic did not reach its event time within the grace. */
    default void resultReleasedAfterGrace(String fixtureId) {
    }
}
