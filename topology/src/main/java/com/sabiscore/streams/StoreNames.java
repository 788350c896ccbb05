package com.sabiscore.streams;

/**
 * The topology's state stores. Every key starts with the competition code (except the per-task
 * stream time of result ordering), so that one competition's fixtures, results and teams live in one task and an interactive query finds a
 * key's host with the same competition partitioner the topology writes with.
 */
public final class StoreNames {

    /** {@code TeamStateSource.teamKey}, i.e. {@code {competition}:{team}} → engine {@code TeamState}, as its Avro contract ({@code StateCodec}). */
    public static final String TEAM_STATE = "team-state";
    /** {@code {competition}} → engine {@code LeagueState}, as its Avro contract ({@code StateCodec}). */
    public static final String LEAGUE_STATE = "league-state";
    /**
     * fixture id → {@code FixtureStatus}: the fixture while it is pending (each team's are found
     * through {@code PendingIndex}), a result held for the fixtures topic, or when its result was
     * applied (which makes results idempotent).
     */
    public static final String FIXTURE_STATUS = "fixture-status";
    /** fixture id → latest Avro {@code Prediction}: the store the HTTP layer queries. */
    public static final String PREDICTIONS = "predictions";
    /** {@code fixtures} → the task's fixtures stream time (newest fixture timestamp, epoch ms). */
    public static final String FIXTURES_STREAM_TIME = "fixtures-stream-time";

    private StoreNames() {
    }
}
