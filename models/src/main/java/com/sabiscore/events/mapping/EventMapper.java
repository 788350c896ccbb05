package com.sabiscore.events.mapping;

import com.sabiscore.events.BookOdds;
import com.sabiscore.events.PreMatchPrices;
import com.sabiscore.match.BookPrice;
import com.sabiscore.match.Fixture;
import com.sabiscore.match.FixtureId;
import com.sabiscore.match.MarketOdds;
import com.sabiscore.match.MatchResult;
import com.sabiscore.match.MatchStats;

/**
 * Converts the Avro events to the domain records and back. Events from outside are checked by
 * {@link EventValidator} first: {@code toDomain} throws {@link InvalidEventException} with the
 * validator's reason, so a caller either gets a usable domain record or a reason to dead-letter.
 * {@code toEvent} of a domain record always yields an event that passes validation.
 */
public final class EventMapper {

    private EventMapper() {
    }

    /** @throws InvalidEventException when the event makes no sense */
    public static Fixture toDomain(com.sabiscore.events.Fixture event) {
        EventValidator.reasonToReject(event).ifPresent(EventMapper::reject);
        MarketOdds odds = new MarketOdds(
                event.getOdds().stream().map(EventMapper::toDomain).toList(),
                toDomain(event.getMarketAverage()),
                toDomain(event.getMarketMaximum()),
                event.getOver25(),
                event.getUnder25(),
                event.getAsianLine(),
                event.getAsianHome(),
                event.getAsianAway());
        return new Fixture(FixtureId.parse(event.getFixtureId()), event.getSeason(), event.getKickoff(), event.getNeutral(), odds);
    }

    /** @throws InvalidEventException when the event makes no sense */
    public static MatchResult toDomain(com.sabiscore.events.MatchResult event) {
        EventValidator.reasonToReject(event).ifPresent(EventMapper::reject);
        return new MatchResult(
                FixtureId.parse(event.getFixtureId()),
                event.getSeason(),
                event.getKickoff(),
                event.getNeutral(),
                event.getHomeGoals(),
                event.getAwayGoals(),
                event.getHalfTimeHome(),
                event.getHalfTimeAway(),
                toDomain(event.getStats()),
                toDomain(event.getPreMatchPrices()));
    }

    public static com.sabiscore.events.Fixture toEvent(Fixture fixture) {
        MarketOdds odds = fixture.odds();
        return com.sabiscore.events.Fixture.newBuilder()
                .setFixtureId(fixture.id().toString())
                .setCompetition(fixture.competition())
                .setSeason(fixture.season())
                .setHomeTeam(fixture.homeTeam())
                .setAwayTeam(fixture.awayTeam())
                .setKickoff(fixture.kickoff())
                .setNeutral(fixture.neutral())
                .setOdds(odds.books().stream().map(EventMapper::toEvent).toList())
                .setMarketAverage(toEvent(odds.average()))
                .setMarketMaximum(toEvent(odds.maximum()))
                .setOver25(odds.over25())
                .setUnder25(odds.under25())
                .setAsianLine(odds.asianLine())
                .setAsianHome(odds.asianHome())
                .setAsianAway(odds.asianAway())
                .build();
    }

    public static com.sabiscore.events.MatchResult toEvent(MatchResult result) {
        FixtureId id = result.fixtureId();
        MatchStats stats = result.stats();
        return com.sabiscore.events.MatchResult.newBuilder()
                .setFixtureId(id.toString())
                .setCompetition(id.competition())
                .setSeason(result.season())
                .setHomeTeam(id.homeTeam())
                .setAwayTeam(id.awayTeam())
                .setKickoff(result.kickoff())
                .setNeutral(result.neutral())
                .setHomeGoals(result.homeGoals())
                .setAwayGoals(result.awayGoals())
                .setHalfTimeHome(result.halfTimeHome())
                .setHalfTimeAway(result.halfTimeAway())
                .setStats(stats.equals(MatchStats.NONE) ? null : toEvent(stats))
                .setPreMatchPrices(toPreMatchPrices(result.preMatchPrices()))
                .build();
    }

    private static void reject(String reason) {
        throw new InvalidEventException(reason);
    }

    private static BookPrice toDomain(BookOdds odds) {
        return odds == null ? null : new BookPrice(odds.getBookmaker(), odds.getHome(), odds.getDraw(), odds.getAway());
    }

    private static BookOdds toEvent(BookPrice price) {
        return price == null ? null : new BookOdds(price.bookmaker(), price.home(), price.draw(), price.away());
    }

    private static BookPrice toDomain(PreMatchPrices prices) {
        return prices == null ? null : new BookPrice(prices.getSource(), prices.getHome(), prices.getDraw(), prices.getAway());
    }

    private static PreMatchPrices toPreMatchPrices(BookPrice price) {
        return price == null ? null : new PreMatchPrices(price.bookmaker(), price.home(), price.draw(), price.away());
    }

    private static MatchStats toDomain(com.sabiscore.events.MatchStats stats) {
        return stats == null ? MatchStats.NONE : new MatchStats(
                stats.getHomeShots(), stats.getAwayShots(),
                stats.getHomeShotsOnTarget(), stats.getAwayShotsOnTarget(),
                stats.getHomeCorners(), stats.getAwayCorners(),
                stats.getHomeRedCards(), stats.getAwayRedCards());
    }

    private static com.sabiscore.events.MatchStats toEvent(MatchStats stats) {
        return new com.sabiscore.events.MatchStats(
                stats.homeShots(), stats.awayShots(),
                stats.homeShotsOnTarget(), stats.awayShotsOnTarget(),
                stats.homeCorners(), stats.awayCorners(),
                stats.homeRedCards(), stats.awayRedCards());
    }
}
