package com.sabiscore.match;

/** A row of history: the fixture as it was known before kick-off and what then happened. */
public record HistoricalMatch(Fixture fixture, MatchResult result) {

    public HistoricalMatch {
        if (!fixture.id().equals(result.fixtureId())) {
            throw new IllegalArgumentException("fixture " + fixture.id() + " paired with result of " + result.fixtureId());
        }
    }
}
