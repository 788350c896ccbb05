package com.sabiscore.streams;

import com.sabiscore.events.Prediction;
import com.sabiscore.features.StateUpdate;
import com.sabiscore.match.MatchResult;

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

    /** A result was applied: the two teams' state in the competition and the league's state were just written. */
    default void teamStatesWritten(String competition, String homeTeam, String awayTeam) {
    }

    /**
     * A result was applied (reported after {@link #teamStatesWritten}): {@code update} holds both
     * clubs' and the league's state after it. An aborted transaction may report one result again.
     */
    default void resultApplied(MatchResult result, StateUpdate update) {
    }

    /**
     * A task of the topology started or stopped on this instance (assigned, revoked, or revived
     * after an error), so what its stores hold here may have changed without a prediction being
     * emitted: anything kept from them is to be forgotten.
     */
    default void tasksChanged() {
    }

    /** An active task's processor opened its stores on this instance; they stay readable until {@link #activeTaskClosed}. */
    default void activeTaskOpened(ActiveTaskStores stores) {
    }

    /** The active task that reported {@code stores} is closing: they are about to close too. */
    default void activeTaskClosed(ActiveTaskStores stores) {
    }

    /** This observer, then {@code next}, for every report. */
    default PipelineObserver andThen(PipelineObserver next) {
        PipelineObserver first = this;
        return new PipelineObserver() {
            @Override
            public void predictionEmitted(Prediction prediction) {
                first.predictionEmitted(prediction);
                next.predictionEmitted(prediction);
            }

            @Override
            public void scored(long nanos) {
                first.scored(nanos);
                next.scored(nanos);
            }

            @Override
            public void deadLetter(String sourceTopic, String reason) {
                first.deadLetter(sourceTopic, reason);
                next.deadLetter(sourceTopic, reason);
            }

            @Override
            public void fixtureIgnored(String fixtureId, String why) {
                first.fixtureIgnored(fixtureId, why);
                next.fixtureIgnored(fixtureId, why);
            }

            @Override
            public void resultIgnored(String fixtureId, String why) {
                first.resultIgnored(fixtureId, why);
                next.resultIgnored(fixtureId, why);
            }

            @Override
            public void resultReleasedAfterGrace(String fixtureId) {
                first.resultReleasedAfterGrace(fixtureId);
                next.resultReleasedAfterGrace(fixtureId);
            }

            @Override
            public void teamStatesWritten(String competition, String homeTeam, String awayTeam) {
                first.teamStatesWritten(competition, homeTeam, awayTeam);
                next.teamStatesWritten(competition, homeTeam, awayTeam);
            }

            @Override
            public void resultApplied(MatchResult result, StateUpdate update) {
                first.resultApplied(result, update);
                next.resultApplied(result, update);
            }

            @Override
            public void tasksChanged() {
                first.tasksChanged();
                next.tasksChanged();
            }

            @Override
            public void activeTaskOpened(ActiveTaskStores stores) {
                first.activeTaskOpened(stores);
                next.activeTaskOpened(stores);
            }

            @Override
            public void activeTaskClosed(ActiveTaskStores stores) {
                first.activeTaskClosed(stores);
                next.activeTaskClosed(stores);
            }
        };
    }
}
