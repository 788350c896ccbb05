package com.sabiscore.events;

import java.time.Instant;

/**
 * Builds Avro {@link MatchResult} events for tests: {@code aResultEvent().home("Arsenal")
 * .away("Chelsea").score(2, 1).build()}, or {@code resultOf(fixture).score(0, 0).build()} for the
 * result of a fixture event. The fixture id follows the fields unless {@link #fixtureId(String)} sets one.
 * Shared with every module's tests through the models test-jar.
 */
public final class ResultEvents {

    private String fixtureId;
    private String competition = "E0";
    private String season = "2023-24";
    private String homeTeam = "Arsenal";
    private String awayTeam = "Chelsea";
    private Instant kickoff = FixtureEvents.DEFAULT_KICKOFF;
    private boolean neutral;
    private int homeGoals = 1;
    private int awayGoals;
    private Integer halfTimeHome;
    private Integer halfTimeAway;
    private MatchStats stats;

    private ResultEvents() {
    }

    public static ResultEvents aResultEvent() {
        return new ResultEvents();
    }

    /** The result of {@code fixture}: same id, teams, kickoff and ground. */
    public static ResultEvents resultOf(Fixture fixture) {
        return aResultEvent()
                .fixtureId(fixture.getFixtureId())
                .competition(fixture.getCompetition())
                .season(fixture.getSeason())
                .home(fixture.getHomeTeam())
                .away(fixture.getAwayTeam())
                .kickoff(fixture.getKickoff())
                .neutral(fixture.getNeutral());
    }

    public ResultEvents fixtureId(String id) {
        this.fixtureId = id;
        return this;
    }

    public ResultEvents competition(String code) {
        this.competition = code;
        return this;
    }

    public ResultEvents season(String label) {
        this.season = label;
        return this;
    }

    public ResultEvents home(String team) {
        this.homeTeam = team;
        return this;
    }

    public ResultEvents away(String team) {
        this.awayTeam = team;
        return this;
    }

    public ResultEvents kickoff(Instant instant) {
        this.kickoff = instant;
        return this;
    }

    public ResultEvents kickoff(String isoInstant) {
        return kickoff(Instant.parse(isoInstant));
    }

    public ResultEvents neutral(boolean onNeutralGround) {
        this.neutral = onNeutralGround;
        return this;
    }

    public ResultEvents score(int home, int away) {
        this.homeGoals = home;
        this.awayGoals = away;
        return this;
    }

    public ResultEvents halfTime(int home, int away) {
        this.halfTimeHome = home;
        this.halfTimeAway = away;
        return this;
    }

    /** Shots, shots on target, corners and red cards, home then away. */
    public ResultEvents stats(int homeShots, int awayShots, int homeOnTarget, int awayOnTarget,
                              int homeCorners, int awayCorners, int homeReds, int awayReds) {
        this.stats = new MatchStats(homeShots, awayShots, homeOnTarget, awayOnTarget, homeCorners, awayCorners, homeReds, awayReds);
        return this;
    }

    public MatchResult build() {
        return MatchResult.newBuilder()
                .setFixtureId(fixtureId != null ? fixtureId
                        : FixtureEvents.idOf(competition, kickoff == null ? FixtureEvents.DEFAULT_KICKOFF : kickoff, homeTeam, awayTeam))
                .setCompetition(competition)
                .setSeason(season)
                .setHomeTeam(homeTeam)
                .setAwayTeam(awayTeam)
                .setKickoff(kickoff)
                .setNeutral(neutral)
                .setHomeGoals(homeGoals)
                .setAwayGoals(awayGoals)
                .setHalfTimeHome(halfTimeHome)
                .setHalfTimeAway(halfTimeAway)
                .setStats(stats)
                .build();
    }
}
