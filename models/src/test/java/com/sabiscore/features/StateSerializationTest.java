package com.sabiscore.features;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static com.sabiscore.match.MatchBuilder.aMatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StateSerializationTest {

    private final FeatureEngine engine = FeatureEngine.withDefaults();
    private final InMemoryTeamStates states = new InMemoryTeamStates();

    @Test
    void teamAndLeagueStatesSurviveTheirBytes() {
        // seven matches fill every form window and leave odd numbers in every field
        for (int week = 0; week < 7; week++) {
            states.apply(engine, aMatch().home(week % 2 == 0 ? "Arsenal" : "Chelsea").away(week % 2 == 0 ? "Chelsea" : "Arsenal")
                    .on(LocalDate.of(2023, 8, 12).plusWeeks(week)).score(week % 4, week % 3)
                    .odds(1.8 + week * 0.05, 3.4, 4.0).result());
        }
        TeamState team = states.team("E0", "Arsenal").orElseThrow();
        LeagueState league = states.league("E0").orElseThrow();

        assertThat(TeamState.fromBytes(team.toBytes())).isEqualTo(team).hasSameHashCodeAs(team);
        assertThat(LeagueState.fromBytes(league.toBytes())).isEqualTo(league).hasSameHashCodeAs(league);
        assertThat(team.marketMatches()).isEqualTo(7);
        assertThat(team.toBytes()).hasSizeLessThan(160);
    }

    @Test
    void aStateWithoutMatchesSurvivesItsBytes() {
        LeagueState initial = LeagueState.initial("2023-24", engine.parameters());
        TeamState fresh = TeamState.fresh("2023-24", 1400, -0.2, -0.1, true, 5, 6, 7, 6, -0.3);

        assertThat(TeamState.fromBytes(fresh.toBytes())).isEqualTo(fresh);
        assertThat(LeagueState.fromBytes(initial.toBytes())).isEqualTo(initial);
    }

    @Test
    void unknownVersionsAndTruncatedBytesAreRejected() {
        states.apply(engine, aMatch().score(1, 0).result());
        byte[] bytes = states.team("E0", "Home FC").orElseThrow().toBytes();
        byte[] future = bytes.clone();
        future[0] = 99;

        assertThatThrownBy(() -> TeamState.fromBytes(future)).hasMessageContaining("version 99");
        assertThatThrownBy(() -> TeamState.fromBytes(java.util.Arrays.copyOf(bytes, 20)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LeagueState.fromBytes(new byte[] {1, 0}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void statesThatDifferAreNotEqual() {
        states.apply(engine, aMatch().home("A").away("B").score(1, 0).result());

        assertThat(states.team("E0", "A")).isNotEqualTo(states.team("E0", "B"));
    }
}
