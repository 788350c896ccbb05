package com.sabiscore.streams;

/**
 * The topology's state stores. Every key starts with the competition code (except the two
 * per-task stores of result ordering), so that one competition's fixtures, results and teams live in one task and an interactive query finds a
 * key's host with the same competition partitioner the topology writes with.
 */
public final class StoreNames {

    /** {@code TeamStateSource.teamKey}, i.e. {@code {competition}:{team}} → engine {@code TeamState} bytes. */
    public static final String TEAM_STATE = "team-state";
    /** {@code {competition}} → engine {@code LeagueState} bytes. */
    public static final String LEAGUE_STATE = "league-state";
    /** fixture id → Avro {@code Fixture} of a fixture not yet played (each team's are found through {@code PendingIndex}). */
    public static final String PENDING_FIXTURES = "pending-fixtures";
    /** fixture id → when its result was applied (epoch ms): makes results idempotent. */
    public static final String APPLIED_RESULTS = "applied-results";
    /** fixture id → latest Avro {@code Prediction}: the store the HTTP layer queries. */
    public static final String PREDICTIONS = "predictions";
    /** {@code {event time, 19 digits} {fixture id}} → a result waiting for the fixtures topic (see {@code HeldResults}). */
    public static final String HELD_RESULTS = "held-results";
    /** {@code fixtures} → the task's fixtures stream time (newest fixture timestamp, epoch ms). */
    public static final String FIXTURES_STREAM_TIME = "fixtures-stream-time";

    private StoreNames() {
    }
}
