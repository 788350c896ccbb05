package com.sabiscore.match;

/**
 * Statistics of a played match. Known only after the final whistle: ratings may learn from them
 * once the match is over, features may never read them before it.
 * Any field may be null when the source did not record it.
 */
public record MatchStats(
        Integer homeShots, Integer awayShots,
        Integer homeShotsOnTarget, Integer awayShotsOnTarget,
        Integer homeCorners, Integer awayCorners,
        Integer homeRedCards, Integer awayRedCards) {

    public static final MatchStats NONE = new MatchStats(null, null, null, null, null, null, null, null);
}
