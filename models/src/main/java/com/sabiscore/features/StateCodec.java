package com.sabiscore.features;

import com.sabiscore.events.codec.AvroCodec;
import java.nio.ByteBuffer;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.specific.SpecificRecord;

/**
 * Team and league state as state-store values: the Avro contracts {@code com.sabiscore.state.TeamState}
 * and {@code LeagueState} in single-object encoding, the encoding of every event (see
 * {@code docs/wire-format.md}), so a change of either has a schema to evolve by. Thread-safe.
 */
public final class StateCodec {

    private static final AvroCodec<com.sabiscore.state.TeamState> TEAM = AvroCodec.of(com.sabiscore.state.TeamState.class);
    private static final AvroCodec<com.sabiscore.state.LeagueState> LEAGUE = AvroCodec.of(com.sabiscore.state.LeagueState.class);

    private StateCodec() {
    }

    public static byte[] encode(TeamState state) {
        com.sabiscore.state.TeamState value = new com.sabiscore.state.TeamState();
        value.setSeason(state.season());
        value.setLastMatchEpochSecond(state.lastMatchEpochSecond());
        value.setMatchesPlayed(state.matchesPlayed());
        value.setMatchesThisSeason(state.matchesThisSeason());
        value.setNewEntrant(state.newEntrant());
        value.setElo(state.elo());
        value.setPiHome(state.piHome());
        value.setPiAway(state.piAway());
        value.setGoalsFor(state.goalsFor());
        value.setExpectedGoalsFor(state.expectedGoalsFor());
        value.setGoalsAgainst(state.goalsAgainst());
        value.setExpectedGoalsAgainst(state.expectedGoalsAgainst());
        value.setForm(toValue(state.form()));
        value.setHomeForm(toValue(state.homeForm()));
        value.setAwayForm(toValue(state.awayForm()));
        value.setMarketRating(state.marketRating());
        value.setMarketMatches(state.marketMatches());
        return TEAM.encode(value);
    }

    /**
     * Reads a team-state value, also one written in the earlier hand-written layout (no single-object
     * marker): reading it costs one small class, where rebuilding the stores would mean
     * reprocessing every input topic, since their changelogs hold that layout too.
     *
     * @throws IllegalArgumentException for bytes that are neither, or truncated or corrupt
     */
    public static TeamState decodeTeam(byte[] bytes) {
        if (!AvroCodec.isSingleObject(bytes)) {
            return PreviousStateLayout.readTeam(bytes);
        }
        com.sabiscore.state.TeamState value = decode(TEAM, bytes);
        TeamState.Builder b = new TeamState.Builder();
        b.season = value.getSeason();
        b.lastMatchEpochSecond = value.getLastMatchEpochSecond();
        b.matchesPlayed = value.getMatchesPlayed();
        b.matchesThisSeason = value.getMatchesThisSeason();
        b.newEntrant = value.getNewEntrant();
        b.elo = value.getElo();
        b.piHome = value.getPiHome();
        b.piAway = value.getPiAway();
        b.goalsFor = value.getGoalsFor();
        b.expectedGoalsFor = value.getExpectedGoalsFor();
        b.goalsAgainst = value.getGoalsAgainst();
        b.expectedGoalsAgainst = value.getExpectedGoalsAgainst();
        b.form = toDomain(value.getForm());
        b.homeForm = toDomain(value.getHomeForm());
        b.awayForm = toDomain(value.getAwayForm());
        b.marketRating = value.getMarketRating();
        b.marketMatches = value.getMarketMatches();
        return b.build();
    }

    public static byte[] encode(LeagueState state) {
        com.sabiscore.state.LeagueState value = new com.sabiscore.state.LeagueState();
        value.setFirstSeason(state.firstSeason());
        value.setCurrentSeason(state.currentSeason());
        value.setMatchesPlayed(state.matchesPlayed());
        value.setMeanHomeGoals(state.meanHomeGoals());
        value.setMeanAwayGoals(state.meanAwayGoals());
        value.setHomeAdvantage(state.homeAdvantage());
        value.setMeanElo(state.meanElo());
        value.setEntrantElo(state.entrantElo());
        value.setEntrantPiHome(state.entrantPiHome());
        value.setEntrantPiAway(state.entrantPiAway());
        value.setEntrantAttack(state.entrantAttack());
        value.setEntrantDefence(state.entrantDefence());
        value.setEntrantsSeen(state.entrantsSeen());
        value.setMarketHomeAdvantage(state.marketHomeAdvantage());
        value.setMarketDrawFactor(state.marketDrawFactor());
        return LEAGUE.encode(value);
    }

    /**
     * Reads a league-state value, also one written in the earlier hand-written layout (see
     * {@link #decodeTeam}).
     *
     * @throws IllegalArgumentException for bytes that are neither, or truncated or corrupt
     */
    public static LeagueState decodeLeague(byte[] bytes) {
        if (!AvroCodec.isSingleObject(bytes)) {
            return PreviousStateLayout.readLeague(bytes);
        }
        com.sabiscore.state.LeagueState value = decode(LEAGUE, bytes);
        LeagueState.Builder b = new LeagueState.Builder();
        b.firstSeason = value.getFirstSeason();
        b.currentSeason = value.getCurrentSeason();
        b.matchesPlayed = value.getMatchesPlayed();
        b.meanHomeGoals = value.getMeanHomeGoals();
        b.meanAwayGoals = value.getMeanAwayGoals();
        b.homeAdvantage = value.getHomeAdvantage();
        b.meanElo = value.getMeanElo();
        b.entrantElo = value.getEntrantElo();
        b.entrantPiHome = value.getEntrantPiHome();
        b.entrantPiAway = value.getEntrantPiAway();
        b.entrantAttack = value.getEntrantAttack();
        b.entrantDefence = value.getEntrantDefence();
        b.entrantsSeen = value.getEntrantsSeen();
        b.marketHomeAdvantage = value.getMarketHomeAdvantage();
        b.marketDrawFactor = value.getMarketDrawFactor();
        return b.build();
    }

    private static <T extends SpecificRecord> T decode(AvroCodec<T> codec, byte[] bytes) {
        try {
            return codec.decode(bytes);
        } catch (AvroRuntimeException e) {
            throw new IllegalArgumentException("corrupt " + codec.type().getSimpleName() + " bytes: " + e.getMessage(), e);
        }
    }

    private static com.sabiscore.state.RecentForm toValue(RecentForm form) {
        // the form's arrays are never written to: wrapped, not copied
        return new com.sabiscore.state.RecentForm(ByteBuffer.wrap(form.pointsByMatch()), ByteBuffer.wrap(form.goalDifferencesByMatch()));
    }

    private static RecentForm toDomain(com.sabiscore.state.RecentForm value) {
        return RecentForm.of(AvroCodec.toArray(value.getPoints()), AvroCodec.toArray(value.getGoalDifferences()));
    }
}
