package com.sabiscore.connect;

import com.sabiscore.events.BookOdds;
import com.sabiscore.events.codec.AvroCodec;
import com.sabiscore.match.BookPrice;
import com.sabiscore.match.Fixture;
import com.sabiscore.match.MarketOdds;
import com.sabiscore.match.MatchResult;
import com.sabiscore.match.MatchStats;

/**
 * Turns the domain records the football-data reader yields into the single-object-encoded Avro
 * events of the fixtures and results topics: the bytes a record value carries.
 *
 * <p>The streams app's {@code EventMapper.toEvent} maps the same way; it lives in the topology
 * module, which a Connect plugin must not depend on.
 */
public final class FeedEvents {

    private static final AvroCodec<com.sabiscore.events.Fixture> FIXTURES = AvroCodec.of(com.sabiscore.events.Fixture.class);
    private static final AvroCodec<com.sabiscore.events.MatchResult> RESULTS = AvroCodec.of(com.sabiscore.events.MatchResult.class);

    private FeedEvents() {
    }

    public static byte[] encode(Fixture fixture) {
        return FIXTURES.encode(toEvent(fixture));
    }

    public static byte[] encode(MatchResult result) {
        return RESULTS.encode(toEvent(result));
    }

    static com.sabiscore.events.Fixture toEvent(Fixture fixture) {
        MarketOdds odds = fixture.odds();
        return com.sabiscore.events.Fixture.newBuilder()
                .setFixtureId(fixture.id().toString())
                .setCompetition(fixture.competition())
                .setSeason(fixture.season())
                .setHomeTeam(fixture.homeTeam())
                .setAwayTeam(fixture.awayTeam())
                .setKickoff(fixture.kickoff())
                .setNeutral(fixture.neutral())
                .setOdds(odds.books().stream().map(FeedEvents::toEvent).toList())
                .setMarketAverage(toEvent(odds.average()))
                .setMarketMaximum(toEvent(odds.maximum()))
                .setOver25(odds.over25())
                .setUnder25(odds.under25())
                .setAsianLine(odds.asianLine())
                .setAsianHome(odds.asianHome())
                .setAsianAway(odds.asianAway())
                .build();
    }

    static com.sabiscore.events.MatchResult toEvent(MatchResult result) {
        MatchStats stats = result.stats();
        return com.sabiscore.events.MatchResult.newBuilder()
                .setFixtureId(result.fixtureId().toString())
                .setCompetition(result.fixtureId().competition())
                .setSeason(result.season())
                .setHomeTeam(result.fixtureId().homeTeam())
                .setAwayTeam(result.fixtureId().awayTeam())
                .setKickoff(result.kickoff())
                .setNeutral(result.neutral())
                .setHomeGoals(result.homeGoals())
                .setAwayGoals(result.awayGoals())
                .setHalfTimeHome(result.halfTimeHome())
                .setHalfTimeAway(result.halfTimeAway())
                .setStats(stats.equals(MatchStats.NONE) ? null : new com.sabiscore.events.MatchStats(
                        stats.homeShots(), stats.awayShots(),
                        stats.homeShotsOnTarget(), stats.awayShotsOnTarget(),
                        stats.homeCorners(), stats.awayCorners(),
                        stats.homeRedCards(), stats.awayRedCards()))
                .build();
    }

    private static BookOdds toEvent(BookPrice price) {
        return price == null ? null : new BookOdds(price.bookmaker(), price.home(), price.draw(), price.away());
    }
}
