package com.sabiscore.features;

/**
 * The states a result changes: both clubs' and the competition's. The caller writes them back
 * under {@link TeamStateSource#teamKey} and the competition code.
 */
public record StateUpdate(TeamState home, TeamState away, LeagueState league) {
}
