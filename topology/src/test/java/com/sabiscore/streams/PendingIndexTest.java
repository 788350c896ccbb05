package com.sabiscore.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.sabiscore.match.FixtureId;
import org.junit.jupiter.api.Test;

class PendingIndexTest {

    private static final FixtureId ARSENAL_CHELSEA = FixtureId.parse("E0:2023-10-28:Arsenal:Chelsea");
    private static final FixtureId SPURS_ARSENAL = FixtureId.parse("E0:2023-11-04:Tottenham:Arsenal");
    private static final FixtureId CHELSEA_ARSENAL = FixtureId.parse("E0:2024-04-23:Chelsea:Arsenal");
    private static final FixtureId EVERTON_BRIGHTON = FixtureId.parse("E0:2023-10-28:Everton:Brighton");

    @Test
    void shouldFindThePendingFixturesOfEitherTeamEachOnceInKickOffOrder() {
        PendingIndex index = new PendingIndex();
        index.add(CHELSEA_ARSENAL);
        index.add(SPURS_ARSENAL);
        index.add(ARSENAL_CHELSEA);
        index.add(EVERTON_BRIGHTON);

        // a result of Arsenal v Chelsea reaches the fixtures of both teams; Chelsea v Arsenal is theirs twice
        assertThat(index.ofEitherTeam(FixtureId.parse("E0:2023-10-21:Arsenal:Chelsea")))
                .containsExactly(ARSENAL_CHELSEA.toString(), SPURS_ARSENAL.toString(), CHELSEA_ARSENAL.toString());
        assertThat(index.ofEitherTeam(FixtureId.parse("E0:2023-10-21:Fulham:Brentford"))).isEmpty();
        // teams are per competition: another league's Arsenal has nothing pending
        assertThat(index.ofEitherTeam(FixtureId.parse("D1:2023-10-21:Arsenal:Chelsea"))).isEmpty();
    }

    @Test
    void shouldForgetAFixtureOnceItIsRemoved() {
        PendingIndex index = new PendingIndex();
        index.add(ARSENAL_CHELSEA);
        index.add(SPURS_ARSENAL);

        assertThat(index.remove(ARSENAL_CHELSEA)).isTrue();
        assertThat(index.remove(ARSENAL_CHELSEA)).isFalse();
        assertThat(index.remove(EVERTON_BRIGHTON)).isFalse();

        assertThat(index.ofEitherTeam(ARSENAL_CHELSEA)).containsExactly(SPURS_ARSENAL.toString());
    }
}
