package com.sabiscore.features;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;

/**
 * Reads team and league state in the hand-written layout the stores held before the Avro state
 * contracts: a format version byte (2), then every field in declaration order as
 * {@link java.io.DataOutputStream} writes it. It never starts with the single-object marker
 * {@code C3 01}, which is how {@link StateCodec} tells the two apart.
 */
final class PreviousStateLayout {

    private static final int FORMAT_VERSION = 2;

    private PreviousStateLayout() {
    }

    /** @throws IllegalArgumentException for bytes of another version or truncated bytes */
    static TeamState readTeam(byte[] bytes) {
        try (DataInputStream in = open(bytes, "TeamState")) {
            TeamState.Builder b = new TeamState.Builder();
            b.season = in.readUTF();
            b.lastMatchEpochSecond = in.readLong();
            b.matchesPlayed = in.readInt();
            b.matchesThisSeason = in.readInt();
            b.newEntrant = in.readBoolean();
            b.elo = in.readDouble();
            b.piHome = in.readDouble();
            b.piAway = in.readDouble();
            b.goalsFor = in.readDouble();
            b.expectedGoalsFor = in.readDouble();
            b.goalsAgainst = in.readDouble();
            b.expectedGoalsAgainst = in.readDouble();
            b.form = RecentForm.read(in);
            b.homeForm = RecentForm.read(in);
            b.awayForm = RecentForm.read(in);
            b.marketRating = in.readDouble();
            b.marketMatches = in.readInt();
            return b.build();
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt TeamState bytes", e);
        }
    }

    /** @throws IllegalArgumentException for bytes of another version or truncated bytes */
    static LeagueState readLeague(byte[] bytes) {
        try (DataInputStream in = open(bytes, "LeagueState")) {
            LeagueState.Builder b = new LeagueState.Builder();
            b.firstSeason = in.readUTF();
            b.currentSeason = in.readUTF();
            b.matchesPlayed = in.readInt();
            b.meanHomeGoals = in.readDouble();
            b.meanAwayGoals = in.readDouble();
            b.homeAdvantage = in.readDouble();
            b.meanElo = in.readDouble();
            b.entrantElo = in.readDouble();
            b.entrantPiHome = in.readDouble();
            b.entrantPiAway = in.readDouble();
            b.entrantAttack = in.readDouble();
            b.entrantDefence = in.readDouble();
            b.entrantsSeen = in.readInt();
            b.marketHomeAdvantage = in.readDouble();
            b.marketDrawFactor = in.readDouble();
            return b.build();
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt LeagueState bytes", e);
        }
    }

    /** A stream positioned after the version byte, once that byte says this layout. */
    private static DataInputStream open(byte[] bytes, String type) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        int version = in.readUnsignedByte();
        if (version != FORMAT_VERSION) {
            throw new IllegalArgumentException("unknown " + type + " format version " + version);
        }
        return in;
    }
}
