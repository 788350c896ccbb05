package com.sabiscore.replay;

import static com.sabiscore.match.MatchBuilder.aMatch;
import static org.assertj.core.api.Assertions.assertThat;

import com.sabiscore.match.HistoricalMatch;
import com.sabiscore.match.MatchTimeline;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PublishedEventsTest {

    private static final List<HistoricalMatch> MATCHES = List.of(
            aMatch().competition("E0").home("Arsenal").away("Chelsea").on("2023-08-12").at("15:00").score(2, 1).build(),
            aMatch().competition("D1").home("Bayern Munich").away("Dortmund").on("2023-08-12").at("17:30").score(1, 1).build(),
            aMatch().competition("E0").home("Chelsea").away("Everton").on("2023-08-19").at("15:00").score(0, 0).build());
    private static final List<MatchTimeline.Event> TIMELINE = MatchTimeline.of(MATCHES, Duration.ZERO);

    @Test
    void shouldLeaveOnlyTheEventsTheTopicsLackInTimelineOrder() {
        // a crash after the first match's fixture and result and the second match's fixture reached the broker
        PublishedEvents published = new PublishedEvents(Set.of(id(0), id(1)), Set.of(id(0)));

        List<MatchTimeline.Event> missing = published.missingFrom(TIMELINE);

        assertThat(missing).extracting(e -> e.kind() + " " + e.match().fixture().id()).containsExactly(
                "RESULT " + id(1), "FIXTURE " + id(2), "RESULT " + id(2));
        assertThat(published.presentIn(TIMELINE)).isEqualTo(3);
        assertThat(published.presentAfterAGap(TIMELINE)).isZero();
    }

    @Test
    void shouldCountEventsPresentAfterAMissingOneOfTheirTopicAndCompetition() {
        // E0's first result is missing but its second is there: something other than a crash happened
        PublishedEvents published = new PublishedEvents(Set.of(id(0), id(1), id(2)), Set.of(id(2)));

        assertThat(published.presentAfterAGap(TIMELINE)).isEqualTo(1);
    }

    @Test
    void shouldLeaveNothingWhenEverythingIsThere() {
        PublishedEvents published = new PublishedEvents(Set.of(id(0), id(1), id(2)), Set.of(id(0), id(1), id(2)));

        assertThat(published.missingFrom(TIMELINE)).isEmpty();
    }

    private static String id(int match) {
        return MATCHES.get(match).fixture().id().toString();
    }
}
