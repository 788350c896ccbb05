package com.sabiscore.connect;

import static com.sabiscore.match.MatchBuilder.aMatch;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.sabiscore.events.BookOdds;
import com.sabiscore.events.codec.AvroCodec;
import com.sabiscore.match.HistoricalMatch;
import com.sabiscore.match.MatchStats;

/** Every field of the domain records reaches the Avro bytes the connector publishes. */
class FeedEventsTest {

    private static final AvroCodec<com.sabiscore.events.Fixture> FIXTURES = AvroCodec.of(com.sabiscore.events.Fixture.class);
    private static final AvroCodec<com.sabiscore.events.MatchResult> RESULTS = AvroCodec.of(com.sabiscore.events.MatchResult.class);

    @Test
    void shouldEncodeAFixtureWithEveryPrice() {
        HistoricalMatch match = aMatch().home("Burnley").away("Man City").on("2023-08-11").at("20:00")
                .book("B365", 8.0, 5.25, 1.33).book("PS", 8.5, 5.5, 1.36)
                .odds(8.2, 5.3, 1.34).maximum(9.0, 5.8, 1.38).overUnder(1.5, 2.6).asian(1.5, 1.9, 1.98)
                .build();

        com.sabiscore.events.Fixture event = FIXTURES.decode(FeedEvents.encode(match.fixture()));

        assertThat(event.getFixtureId()).isEqualTo("E0:2023-08-11:Burnley:Man City");
        assertThat(event.getCompetition()).isEqualTo("E0");
        assertThat(event.getSeason()).isEqualTo("2023-24");
        assertThat(event.getHomeTeam()).isEqualTo("Burnley");
        assertThat(event.getAwayTeam()).isEqualTo("Man City");
        assertThat(event.getKickoff()).isEqualTo(Instant.parse("2023-08-11T19:00:00Z"));
        assertThat(event.getNeutral()).isFalse();
        assertThat(event.getOdds()).containsExactly(new BookOdds("B365", 8.0, 5.25, 1.33), new BookOdds("PS", 8.5, 5.5, 1.36));
        assertThat(event.getMarketAverage()).isEqualTo(new BookOdds("Avg", 8.2, 5.3, 1.34));
        assertThat(event.getMarketMaximum()).isEqualTo(new BookOdds("Max", 9.0, 5.8, 1.38));
        assertThat(event.getOver25()).isEqualTo(1.5);
        assertThat(event.getUnder25()).isEqualTo(2.6);
        assertThat(event.getAsianLine()).isEqualTo(1.5);
        assertThat(event.getAsianHome()).isEqualTo(1.9);
        assertThat(event.getAsianAway()).isEqualTo(1.98);
    }

    @Test
    void shouldLeaveTheMarketEmptyForAFixtureWithoutPrices() {
        com.sabiscore.events.Fixture event = FIXTURES.decode(FeedEvents.encode(aMatch().build().fixture()));

        assertThat(event.getOdds()).isEmpty();
        assertThat(event.getMarketAverage()).isNull();
        assertThat(event.getMarketMaximum()).isNull();
        assertThat(event.getOver25()).isNull();
        assertThat(event.getAsianLine()).isNull();
    }

    @Test
    void shouldEncodeAResultWithHalfTimeAndStatistics() {
        HistoricalMatch match = aMatch().home("Burnley").away("Man City").on("2023-08-11").at("20:00")
                .score(0, 3).halfTime(0, 2).stats(new MatchStats(6, 17, 1, 8, 6, 5, 1, 0)).build();

        com.sabiscore.events.MatchResult event = RESULTS.decode(FeedEvents.encode(match.result()));

        assertThat(event.getFixtureId()).isEqualTo("E0:2023-08-11:Burnley:Man City");
        assertThat(event.getSeason()).isEqualTo("2023-24");
        assertThat(event.getKickoff()).isEqualTo(Instant.parse("2023-08-11T19:00:00Z"));
        assertThat(event.getHomeGoals()).isZero();
        assertThat(event.getAwayGoals()).isEqualTo(3);
        assertThat(event.getHalfTimeHome()).isZero();
        assertThat(event.getHalfTimeAway()).isEqualTo(2);
        assertThat(event.getStats()).isEqualTo(new com.sabiscore.events.MatchStats(6, 17, 1, 8, 6, 5, 1, 0));
    }

    @Test
    void shouldLeaveStatisticsOutWhenNoneWereRecorded() {
        com.sabiscore.events.MatchResult event = RESULTS.decode(FeedEvents.encode(aMatch().score(1, 1).build().result()));

        assertThat(event.getStats()).isNull();
        assertThat(event.getHalfTimeHome()).isNull();
    }
}
