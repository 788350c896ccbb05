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
        playSevenMatches();
        TeamState team = states.team("E0", "Arsenal").orElseThrow();
        LeagueState league = states.league("E0").orElseThrow();

        assertThat(StateCodec.decodeTeam(StateCodec.encode(team))).isEqualTo(team).hasSameHashCodeAs(team);
        assertThat(StateCodec.decodeLeague(StateCodec.encode(league))).isEqualTo(league).hasSameHashCodeAs(league);
        assertThat(team.marketMatches()).isEqualTo(7);
        assertThat(StateCodec.encode(team)).hasSizeLessThan(160);
    }

    @Test
    void aStateWithoutMatchesSurvivesItsBytes() {
        LeagueState initial = LeagueState.initial("2023-24", engine.parameters());
        TeamState fresh = TeamState.fresh("2023-24", 1400, -0.2, -0.1, true, 5, 6, 7, 6, -0.3);

        assertThat(StateCodec.decodeTeam(StateCodec.encode(fresh))).isEqualTo(fresh);
        assertThat(StateCodec.decodeLeague(StateCodec.encode(initial))).isEqualTo(initial);
    }

    @Test
    void unknownVersionsAndTruncatedBytesAreRejected() {
        states.apply(engine, aMatch().score(1, 0).result());
        byte[] bytes = StateCodec.encode(states.team("E0", "Home FC").orElseThrow());
        byte[] future = bytes.clone();
        future[0] = 99;

        assertThatThrownBy(() -> StateCodec.decodeTeam(future)).hasMessageContaining("version 99");
        assertThatThrownBy(() -> StateCodec.decodeTeam(java.util.Arrays.copyOf(bytes, 20)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StateCodec.decodeLeague(new byte[] {1, 0}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void statesThatDifferAreNotEqual() {
        states.apply(engine, aMatch().home("A").away("B").score(1, 0).result());

        assertThat(states.team("E0", "A")).isNotEqualTo(states.team("E0", "B"));
    }

    @Test
    void shouldReadStatesWrittenInThePreviousLayout() {
        // given states a store kept before the Avro contracts, every form window full
        playSevenMatches();
        TeamState team = states.team("E0", "Chelsea").orElseThrow();
        LeagueState league = states.league("E0").orElseThrow();

        // when they are read, then they are the states that were written
        assertThat(StateCodec.decodeTeam(PreviousStateLayoutWriter.write(team))).isEqualTo(team);
        assertThat(StateCodec.decodeLeague(PreviousStateLayoutWriter.write(league))).isEqualTo(league);
    }

    @Test
    void shouldWriteTheSingleObjectMarkerFirst() {
        states.apply(engine, aMatch().score(2, 2).result());

        byte[] team = StateCodec.encode(states.team("E0", "Home FC").orElseThrow());
        byte[] league = StateCodec.encode(states.league("E0").orElseThrow());

        assertThat(team).startsWith((byte) 0xC3, (byte) 0x01);
        assertThat(league).startsWith((byte) 0xC3, (byte) 0x01);
    }

    @Test
    void shouldRefuseAFormLongerThanItsWindow() {
        byte[] six = new byte[RecentForm.WINDOW + 1];

        assertThatThrownBy(() -> RecentForm.of(six, six)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 5");
        assertThatThrownBy(() -> RecentForm.of(new byte[] {3}, new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    /** Seven matches fill every form window and leave odd numbers in every field. */
    private void playSevenMatches() {
        for (int week = 0; week < 7; week++) {
            states.apply(engine, aMatch().home(week % 2 == 0 ? "Arsenal" : "Chelsea").away(week % 2 == 0 ? "Chelsea" : "Arsenal")
                    .on(LocalDate.of(2023, 8, 12).plusWeeks(week)).score(week % 4, week % 3)
                    .odds(1.8 + week * 0.05, 3.4, 4.0).result());
        }
    }
}
