package com.sabiscore.events.mapping;

import static com.sabiscore.events.FixtureEvents.aFixtureEvent;
import static com.sabiscore.events.ResultEvents.aResultEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.sabiscore.events.Fixture;
import com.sabiscore.events.MatchResult;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class EventValidatorTest {

    @Test
    void shouldAcceptWellFormedEvents() {
        assertThat(EventValidator.reasonToReject(aFixtureEvent().odds("B365", 2.1, 3.4, 3.5).build())).isEmpty();
        assertThat(EventValidator.reasonToReject(aResultEvent().score(2, 1).halfTime(1, 1).build())).isEmpty();
        // a late kick-off in the Americas is on the next day in UTC; the id keeps the local date
        assertThat(EventValidator.reasonToReject(aFixtureEvent().competition("INT").home("Brazil").away("Peru")
                .kickoff("2023-09-13T01:30:00Z").fixtureId("INT:2023-09-12:Brazil:Peru").build())).isEmpty();
    }

    static Stream<Arguments> invalidFixtures() {
        return Stream.of(
                Arguments.of("a team cannot play itself",
                        aFixtureEvent().home("Arsenal").away("Arsenal").build(), "home team equals away team: Arsenal"),
                Arguments.of("no kickoff at all",
                        aFixtureEvent().kickoff((Instant) null).build(), "missing kickoff"),
                Arguments.of("a zero kickoff is a producer's missing value",
                        aFixtureEvent().kickoff(Instant.EPOCH).build(), "missing kickoff"),
                Arguments.of("a competition SabiScore does not model",
                        aFixtureEvent().competition("N1").build(), "unknown competition 'N1' (known: E0, D1, I1, SP1, F1, INT)"),
                Arguments.of("a common name is not a code",
                        aFixtureEvent().competition("Premier League").build(), "unknown competition 'Premier League' (known: E0, D1, I1, SP1, F1, INT)"),
                Arguments.of("the id names other teams",
                        aFixtureEvent().home("Arsenal").away("Chelsea").fixtureId("E0:2023-10-21:Arsenal:Spurs").build(),
                        "fixture id 'E0:2023-10-21:Arsenal:Spurs' does not match the event's fields E0, Arsenal v Chelsea"),
                Arguments.of("the id names another competition",
                        aFixtureEvent().fixtureId("D1:2023-10-21:Arsenal:Chelsea").build(),
                        "fixture id 'D1:2023-10-21:Arsenal:Chelsea' does not match the event's fields E0, Arsenal v Chelsea"),
                Arguments.of("the id is dated a week from the kickoff",
                        aFixtureEvent().fixtureId("E0:2023-10-28:Arsenal:Chelsea").build(),
                        "fixture id 'E0:2023-10-28:Arsenal:Chelsea' is dated 2023-10-28 but the kickoff is on 2023-10-21"),
                Arguments.of("the id has no date",
                        aFixtureEvent().fixtureId("E0:Arsenal:Chelsea").build(),
                        "malformed fixture id: fixture id must look like {Div}:{yyyy-MM-dd}:{HomeTeam}:{AwayTeam}, got: E0:Arsenal:Chelsea"),
                Arguments.of("a price that is no price",
                        aFixtureEvent().odds("B365", 2.1, -3.4, 3.5).build(), "odds of B365 are not positive prices: 2.1/-3.4/3.5"),
                Arguments.of("a blank team",
                        aFixtureEvent().away(" ").build(), "missing competition, season or team name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFixtures")
    void shouldRejectAFixtureThatMakesNoSense(String intent, Fixture event, String reason) {
        assertThat(EventValidator.reasonToReject(event)).contains(reason);
    }

    static Stream<Arguments> invalidResults() {
        return Stream.of(
                Arguments.of("negative goals", aResultEvent().score(2, -1).build(), "negative goals: 2--1"),
                Arguments.of("more goals at half-time than at the end",
                        aResultEvent().score(1, 0).halfTime(2, 0).build(), "half-time score 2-0 impossible for full-time 1-0"),
                Arguments.of("negative statistics",
                        aResultEvent().stats(10, -2, 3, 1, 4, 4, 0, 0).build(), "negative match statistics"),
                Arguments.of("results are checked like fixtures",
                        aResultEvent().kickoff((Instant) null).build(), "missing kickoff"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidResults")
    void shouldRejectAResultThatMakesNoSense(String intent, MatchResult event, String reason) {
        assertThat(EventValidator.reasonToReject(event)).hasValueSatisfying(actual -> assertThat(actual).startsWith(reason));
    }
}
