package com.sabiscore.progress;

/**
 * How far this instance's replay of the history is, for {@code /ready} and the log: a replay that
 * is still publishing, or that failed, must never look done.
 */
public final class ReplayProgress {

    /** Where the replay is. */
    public enum Phase {
        /** this instance does not replay (another does, or {@code --replay never}) */
        NONE,
        /** a replay will start once the stream runs */
        PENDING,
        /** reading which events the input topics already hold */
        CHECKING,
        PUBLISHING,
        COMPLETE,
        FAILED
    }

    /** What {@code /ready} shows of the replay. */
    public record Snapshot(Phase phase, long published, long total, String error) {
    }

    private volatile Snapshot current = new Snapshot(Phase.NONE, 0, 0, null);

    public Snapshot snapshot() {
        return current;
    }

    public void pending() {
        current = new Snapshot(Phase.PENDING, 0, 0, null);
    }

    public void checking(long total) {
        current = new Snapshot(Phase.CHECKING, 0, total, null);
    }

    /** @param published events of the history on the broker (acknowledged), including any from before a restart */
    public void publishing(long published, long total) {
        current = new Snapshot(Phase.PUBLISHING, published, total, null);
    }

    public void complete(long total) {
        current = new Snapshot(Phase.COMPLETE, total, total, null);
    }

    public void failed(String error) {
        Snapshot last = current;
        current = new Snapshot(Phase.FAILED, last.published(), last.total(), error);
    }
}
