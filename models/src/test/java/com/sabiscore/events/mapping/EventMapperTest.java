package com.sabiscore.events.mapping;

import static com.sabiscore.events.FixtureEvents.aFixtureEvent;
import static com.sabiscore.events.ResultEvents.aResultEvent;
import static com.sabiscore.match.MatchBuilder.aMatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sabiscore.match.Fixture;
import com.sabiscore.match.MatchBuilder;
import com.sabiscore.match.MatchResult;
import com.sabiscore.match.MatchStats;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventMapperTest {

    @Test
    void shouldRoundTripAFixtureWithEveryKindOfPrice() {
        Fixture fixture = aMatch().competition("E0").home("Burnley").away("Man City").on("2023-08-11").at("20:00")
                .book("B365", 9.0, 5.5, 1.33).book("PS", 9.5, 5.6, 1.34)
                .odds(9.2, 5.5, 1.33).maximum(10.0, 6.0, 1.36)
                .overUnder(1.5, 2.6).asian(1.5, 1.95, 1.95)
                .fixture();

        assertThat(EventMapper.toDomain(EventMapper.toEvent(fixture))).isEqualTo(fixture);
    }

    @Test
    void shouldRoundTripAFixtureWithoutOddsOnNeutralGround() {
        Fixture fixture = aMatch().competition("INT").home("Argentina").away("France").on("2022-12-18").neutral(true).fixture();

        assertThat(EventMapper.toDomain(EventMapper.toEvent(fixture))).isEqualTo(fixture);
    }

    @Test
    void shouldKeepTheSequenceOfASecondSameDayMeeting() {
        Fixture second = aMatch().competition("INT").home("Tahiti").away("New Caledonia").on("1974-02-17").sequence(2).fixture();

        com.sabiscore.events.Fixture event = EventMapper.toEvent(second);

        assertThat(event.getFixtureId()).isEqualTo("INT:1974-02-17:Tahiti:New Caledonia:2");
        assertThat(EventMapper.toDomain(event).id().sequence()).isEqualTo(2);
    }

    @Test
    void shouldRoundTripAResultWithHalfTimeAndStatistics() {
        MatchBuilder match = aMatch().competition("SP1").home("Almeria").away("Vallecano").on("2023-08-11")
                .score(0, 2).halfTime(0, 1).stats(new MatchStats(11, 9, 3, 4, 5, 2, 0, null));
        MatchResult result = match.result();

        assertThat(EventMapper.toDomain(EventMapper.toEvent(result))).isEqualTo(result);
    }

    @Test
    void shouldLeaveOutStatisticsTheSourceDidNotHave() {
        MatchResult result = aMatch().score(1, 1).result();

        com.sabiscore.events.MatchResult event = EventMapper.toEvent(result);

        assertThat(event.getStats()).isNull();
        assertThat(EventMapper.toDomain(event).stats()).isEqualTo(MatchStats.NONE);
    }

    @Test
    void shouldMapAnEventBuiltByTheTestBuilders() {
        Fixture fixture = EventMapper.toDomain(aFixtureEvent().competition("D1").home("Bayern Munich").away("Dortmund")
                .kickoff("2023-11-04T17:30:00Z").odds("PS", 1.6, 4.5, 5.0).build());

        assertThat(fixture.id().toString()).isEqualTo("D1:2023-11-04:Bayern Munich:Dortmund");
        assertThat(fixture.kickoff()).isEqualTo(Instant.parse("2023-11-04T17:30:00Z"));
        assertThat(fixture.odds().books()).hasSize(1);
    }

    @Test
    void shouldRejectAnInvalidEventWithTheValidatorsReason() {
        assertThatThrownBy(() -> EventMapper.toDomain(aFixtureEvent().home("Arsenal").away("Arsenal").build()))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("home team equals away team: Arsenal");
        assertThatThrownBy(() -> EventMapper.toDomain(aResultEvent().score(-1, 0).build()))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("negative goals: -1-0");
    }
}
