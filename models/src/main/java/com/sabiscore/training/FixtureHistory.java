package com.sabiscore.training;

import com.sabiscore.features.FeatureEngine;
import com.sabiscore.features.FeatureVector;
import com.sabiscore.features.InMemoryTeamStates;
import com.sabiscore.match.HistoricalMatch;
import com.sabiscore.match.MatchTimeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays history through the feature engine in the order the world saw it ({@link MatchTimeline}
 * with kick-off as the moment of prediction): each fixture's features are taken from the state
 * before it, and only later does its result update the state. No feature can see its own result.
 */
public final class FixtureHistory {

    /** A match with the features it had at kick-off. */
    public record FeaturedMatch(HistoricalMatch match, FeatureVector features) {
    }

    private FixtureHistory() {
    }

    public static List<FeaturedMatch> replay(FeatureEngine engine, List<HistoricalMatch> matches) {
        InMemoryTeamStates states = new InMemoryTeamStates();
        List<FeaturedMatch> featured = new ArrayList<>(matches.size());
        for (MatchTimeline.Event event : MatchTimeline.of(matches, Duration.ZERO)) {
            if (event.kind() == MatchTimeline.Kind.FIXTURE) {
                featured.add(new FeaturedMatch(event.match(), states.features(engine, event.match().fixture())));
            } else {
                states.apply(engine, event.match().result());
            }
        }
        return featured;
    }
}
