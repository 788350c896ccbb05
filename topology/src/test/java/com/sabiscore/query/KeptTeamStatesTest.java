package com.sabiscore.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.sabiscore.features.LeagueState;
import com.sabiscore.features.TeamState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeptTeamStatesTest {

    private final KeptTeamStates kept = new KeptTeamStates(100, new SimpleMeterRegistry());

    /** Keeps "no state" for a key, as a read of a team without history would. */
    private static <T> void keepAbsent(KeptReads<Optional<T>> reads, String key) {
        reads.keep(key, Optional.empty(), reads.writes());
    }

    @Test
    void shouldForgetTheTwoTeamsAndTheLeagueOfAnAppliedResultOnly() {
        // given
        keepAbsent(kept.teams(), "E0:Arsenal");
        keepAbsent(kept.teams(), "E0:Chelsea");
        keepAbsent(kept.teams(), "E0:Everton");
        keepAbsent(kept.teams(), "D1:Arsenal");
        keepAbsent(kept.leagues(), "E0");
        keepAbsent(kept.leagues(), "D1");

        // when
        kept.teamStatesWritten("E0", "Arsenal", "Chelsea");

        // then
        assertThat(kept.teams().get("E0:Arsenal")).isNull();
        assertThat(kept.teams().get("E0:Chelsea")).isNull();
        assertThat(kept.leagues().get("E0")).isNull();
        assertThat(kept.teams().get("E0:Everton")).isEmpty();
        assertThat(kept.teams().get("D1:Arsenal")).isEmpty();
        assertThat(kept.leagues().get("D1")).isEmpty();
    }

    @Test
    void shouldNotKeepAReadThatAResultOverlapped() {
        // given a read that began before a result of another club was applied
        long before = kept.teams().writes();
        kept.teamStatesWritten("E0", "Everton", "Fulham");

        // when
        Optional<TeamState> read = kept.teams().keep("E0:Arsenal", Optional.empty(), before);

        // then answered, not kept
        assertThat(read).isEmpty();
        assertThat(kept.teams().get("E0:Arsenal")).isNull();
    }

    @Test
    void shouldForgetEverythingWhenATaskStartsOrStopsHere() {
        // given
        keepAbsent(kept.teams(), "E0:Arsenal");
        KeptReads<Optional<LeagueState>> leagues = kept.leagues();
        keepAbsent(leagues, "E0");

        // when
        kept.tasksChanged();

        // then
        assertThat(kept.teams().get("E0:Arsenal")).isNull();
        assertThat(leagues.get("E0")).isNull();
    }
}
