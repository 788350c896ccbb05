package com.sabiscore.features;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes team and league state in the hand-written layout the stores held before the Avro state
 * contracts (format version 2), so tests can build stores an earlier release wrote.
 */
public final class PreviousStateLayoutWriter {

    private PreviousStateLayoutWriter() {
    }

    public static byte[] write(TeamState state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(2);
            out.writeUTF(state.season());
            out.writeLong(state.lastMatchEpochSecond());
            out.writeInt(state.matchesPlayed());
            out.writeInt(state.matchesThisSeason());
            out.writeBoolean(state.newEntrant());
            out.writeDouble(state.elo());
            out.writeDouble(state.piHome());
            out.writeDouble(state.piAway());
            out.writeDouble(state.goalsFor());
            out.writeDouble(state.expectedGoalsFor());
            out.writeDouble(state.goalsAgainst());
            out.writeDouble(state.expectedGoalsAgainst());
            write(out, state.form());
            write(out, state.homeForm());
            write(out, state.awayForm());
            out.writeDouble(state.marketRating());
            out.writeInt(state.marketMatches());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static byte[] write(LeagueState state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(2);
            out.writeUTF(state.firstSeason());
            out.writeUTF(state.currentSeason());
            out.writeInt(state.matchesPlayed());
            out.writeDouble(state.meanHomeGoals());
            out.writeDouble(state.meanAwayGoals());
            out.writeDouble(state.homeAdvantage());
            out.writeDouble(state.meanElo());
            out.writeDouble(state.entrantElo());
            out.writeDouble(state.entrantPiHome());
            out.writeDouble(state.entrantPiAway());
            out.writeDouble(state.entrantAttack());
            out.writeDouble(state.entrantDefence());
            out.writeInt(state.entrantsSeen());
            out.writeDouble(state.marketHomeAdvantage());
            out.writeDouble(state.marketDrawFactor());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void write(DataOutputStream out, RecentForm form) throws IOException {
        out.writeByte(form.matches());
        out.write(form.pointsByMatch());
        out.write(form.goalDifferencesByMatch());
    }
}
