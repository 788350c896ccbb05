package com.sabiscore.match;

/** Full-time result from the home side's view, in the order H &lt; D &lt; A used by RPS. */
public enum Outcome {
    HOME, DRAW, AWAY;

    public static Outcome of(int homeGoals, int awayGoals) {
        return homeGoals > awayGoals ? HOME : homeGoals == awayGoals ? DRAW : AWAY;
    }
}
