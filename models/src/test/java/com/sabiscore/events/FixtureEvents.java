package com.sabiscore.events;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds Avro {@link Fixture} events for tests: {@code aFixtureEvent().competition("D1")
 * .home("Bayern Munich").away("Dortmund").kickoff("2023-11-04T17:30:00Z").build()}. The fixture id
 * follows the fields (date of the kickoff in UK time) unless {@link #fixtureId(String)} sets one.
 * Shared with every module's tests through the models test-jar.
 */
public final class FixtureEvents {

    /** The kickoff of a built event unless told otherwise; also dates the id of an event without kickoff. */
    public static final Instant DEFAULT_KICKOFF = Instant.parse("2023-10-21T14:00:00Z");

    private static final ZoneId UK = ZoneId.of("Europe/London");

    private String fixtureId;
    private String competition = "E0";
    private String season = "2023-24";
    private String homeTeam = "Arsenal";
    private String awayTeam = "Chelsea";
    private Instant kickoff = DEFAULT_KICKOFF;
    private boolean neutral;
    private final List<BookOdds> odds = new ArrayList<>();
    private BookOdds marketAverage;

    private FixtureEvents() {
    }

    public static FixtureEvents aFixtureEvent() {
        return new FixtureEvents();
    }

    /** The id the builder derives from competition, kickoff date and teams. */
    public static String idOf(String competition, Instant kickoff, String homeTeam, String awayTeam) {
        return competition + ":" + kickoff.atZone(UK).toLocalDate() + ":" + homeTeam + ":" + awayTeam;
    }

    public FixtureEvents fixtureId(String id) {
        this.fixtureId = id;
        return this;
    }

    public FixtureEvents competition(String code) {
        this.competition = code;
        return this;
    }

    public FixtureEvents season(String label) {
        this.season = label;
        return this;
    }

    public FixtureEvents home(String team) {
        this.homeTeam = team;
        return this;
    }

    public FixtureEvents away(String team) {
        this.awayTeam = team;
        return this;
    }

    public FixtureEvents kickoff(Instant instant) {
        this.kickoff = instant;
        return this;
    }

    public FixtureEvents kickoff(String isoInstant) {
        return kickoff(Instant.parse(isoInstant));
    }

    public FixtureEvents neutral(boolean onNeutralGround) {
        this.neutral = onNeutralGround;
        return this;
    }

    /** Adds one bookmaker's decimal 1X2 prices. */
    public FixtureEvents odds(String bookmaker, double home, double draw, double away) {
        odds.add(new BookOdds(bookmaker, home, draw, away));
        return this;
    }

    public FixtureEvents marketAverage(double home, double draw, double away) {
        this.marketAverage = new BookOdds("Avg", home, draw, away);
        return this;
    }

    public Fixture build() {
        return Fixture.newBuilder()
                .setFixtureId(fixtureId != null ? fixtureId
                        : idOf(competition, kickoff == null ? DEFAULT_KICKOFF : kickoff, homeTeam, awayTeam))
                .setCompetition(competition)
                .setSeason(season)
                .setHomeTeam(homeTeam)
                .setAwayTeam(awayTeam)
                .setKickoff(kickoff)
                .setNeutral(neutral)
                .setOdds(List.copyOf(odds))
                .setMarketAverage(marketAverage)
                .build();
    }
}
