package com.sabiscore.match;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Test data for matches, shared with every module's tests through the models test-jar:
 * <pre>{@code
 * HistoricalMatch m = aMatch().competition("E0").home("Arsenal").away("Chelsea")
 *         .on("2023-08-12").at("17:30").score(2, 1).odds(2.1, 3.4, 3.5).build();
 * }</pre>
 * Defaults: E0, "Home FC" v "Away FC" on 2023-08-12 at 15:00, 0-0, no odds, no statistics.
 * Times are UK local for the leagues and UTC for {@code INT}, as the data readers do; the season
 * label follows from the date ({@code 2023-24} for a league match in August 2023, {@code 2023} for
 * an international) unless set. {@link #fixture()}, {@link #result()} and {@link #build()} may be
 * called repeatedly; each call builds from the current settings.
 */
public final class MatchBuilder {

    private static final ZoneId UK = ZoneId.of("Europe/London");

    private String competition = Competition.E0.code();
    private String home = "Home FC";
    private String away = "Away FC";
    private LocalDate date = LocalDate.of(2023, 8, 12);
    private LocalTime time = LocalTime.of(15, 0);
    private String season;
    private boolean neutral;
    private int sequence = 1;
    private int homeGoals;
    private int awayGoals;
    private Integer halfTimeHome;
    private Integer halfTimeAway;
    private MatchStats stats = MatchStats.NONE;
    private final List<BookPrice> books = new ArrayList<>();
    private BookPrice average;
    private BookPrice maximum;
    private Double over25;
    private Double under25;
    private Double asianLine;
    private Double asianHome;
    private Double asianAway;

    private MatchBuilder() {
    }

    public static MatchBuilder aMatch() {
        return new MatchBuilder();
    }

    public MatchBuilder competition(String code) {
        this.competition = code;
        return this;
    }

    public MatchBuilder competition(Competition competition) {
        return competition(competition.code());
    }

    public MatchBuilder home(String team) {
        this.home = team;
        return this;
    }

    public MatchBuilder away(String team) {
        this.away = team;
        return this;
    }

    /** The local match date, {@code yyyy-MM-dd}. */
    public MatchBuilder on(String isoDate) {
        return on(LocalDate.parse(isoDate));
    }

    public MatchBuilder on(LocalDate date) {
        this.date = date;
        return this;
    }

    /** The local kick-off time, {@code HH:mm}. */
    public MatchBuilder at(String localTime) {
        this.time = LocalTime.parse(localTime);
        return this;
    }

    /** Sets date and time from an instant, read in the competition's zone (set the competition first). */
    public MatchBuilder kickoff(Instant kickoff) {
        var local = kickoff.atZone(zone()).toLocalDateTime();
        this.date = local.toLocalDate();
        this.time = local.toLocalTime();
        return this;
    }

    public MatchBuilder season(String season) {
        this.season = season;
        return this;
    }

    /** Neutral ground (default false). */
    public MatchBuilder neutral(boolean neutral) {
        this.neutral = neutral;
        return this;
    }

    /** The fixture id's same-day sequence (2 for a second meeting of the same teams that day). */
    public MatchBuilder sequence(int sequence) {
        this.sequence = sequence;
        return this;
    }

    public MatchBuilder score(int homeGoals, int awayGoals) {
        this.homeGoals = homeGoals;
        this.awayGoals = awayGoals;
        return this;
    }

    public MatchBuilder halfTime(int homeGoals, int awayGoals) {
        this.halfTimeHome = homeGoals;
        this.halfTimeAway = awayGoals;
        return this;
    }

    public MatchBuilder stats(MatchStats stats) {
        this.stats = stats;
        return this;
    }

    /** The market average 1X2 prices (bookmaker {@code Avg}). */
    public MatchBuilder odds(double home, double draw, double away) {
        this.average = new BookPrice("Avg", home, draw, away);
        return this;
    }

    /** Adds one bookmaker's 1X2 prices, e.g. {@code book("PS", 2.05, 3.5, 3.6)}. */
    public MatchBuilder book(String bookmaker, double home, double draw, double away) {
        books.add(new BookPrice(bookmaker, home, draw, away));
        return this;
    }

    /** The market maximum 1X2 prices (bookmaker {@code Max}). */
    public MatchBuilder maximum(double home, double draw, double away) {
        this.maximum = new BookPrice("Max", home, draw, away);
        return this;
    }

    public MatchBuilder overUnder(double over25, double under25) {
        this.over25 = over25;
        this.under25 = under25;
        return this;
    }

    public MatchBuilder asian(double line, double home, double away) {
        this.asianLine = line;
        this.asianHome = home;
        this.asianAway = away;
        return this;
    }

    public FixtureId id() {
        return new FixtureId(competition, date, home, away, sequence);
    }

    public Fixture fixture() {
        return new Fixture(id(), seasonLabel(), kickoffInstant(), neutral, odds());
    }

    public MatchResult result() {
        return new MatchResult(id(), seasonLabel(), kickoffInstant(), neutral, homeGoals, awayGoals,
                halfTimeHome, halfTimeAway, stats, odds().reference());
    }

    public HistoricalMatch build() {
        return new HistoricalMatch(fixture(), result());
    }

    private MarketOdds odds() {
        boolean none = books.isEmpty() && average == null && maximum == null && over25 == null && asianLine == null;
        return none ? MarketOdds.NONE
                : new MarketOdds(books, average, maximum, over25, under25, asianLine, asianHome, asianAway);
    }

    private boolean isInternational() {
        return Competition.INT.code().equals(competition);
    }

    private ZoneId zone() {
        return isInternational() ? ZoneOffset.UTC : UK;
    }

    private Instant kickoffInstant() {
        return date.atTime(time).atZone(zone()).toInstant();
    }

    private String seasonLabel() {
        if (season != null) {
            return season;
        }
        if (isInternational()) {
            return Integer.toString(date.getYear());
        }
        int startYear = date.getMonthValue() >= 7 ? date.getYear() : date.getYear() - 1;
        return String.format("%d-%02d", startYear, (startYear + 1) % 100);
    }
}
