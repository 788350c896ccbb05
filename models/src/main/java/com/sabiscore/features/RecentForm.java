package com.sabiscore.features;

import java.io.DataInput;
import java.io.IOException;
import java.util.Arrays;

/** A club's last {@value #WINDOW} results (points and goal difference), newest first. Immutable. */
final class RecentForm {

    static final int WINDOW = 5;
    static final RecentForm EMPTY = new RecentForm(new byte[0], new byte[0]);

    private final byte[] points;
    private final byte[] goalDifferences;

    private RecentForm(byte[] points, byte[] goalDifferences) {
        this.points = points;
        this.goalDifferences = goalDifferences;
    }

    RecentForm add(int goalsFor, int goalsAgainst) {
        int kept = Math.min(points.length, WINDOW - 1);
        byte[] newPoints = new byte[kept + 1];
        byte[] newDifferences = new byte[kept + 1];
        newPoints[0] = (byte) (goalsFor > goalsAgainst ? 3 : goalsFor == goalsAgainst ? 1 : 0);
        // a 10-goal cap keeps the byte safe; no league margin comes close
        newDifferences[0] = (byte) Math.max(-10, Math.min(10, goalsFor - goalsAgainst));
        System.arraycopy(points, 0, newPoints, 1, kept);
        System.arraycopy(goalDifferences, 0, newDifferences, 1, kept);
        return new RecentForm(newPoints, newDifferences);
    }

    int matches() {
        return points.length;
    }

    int points() {
        int sum = 0;
        for (byte p : points) {
            sum += p;
        }
        return sum;
    }

    /** Mean points per match, or {@code imputed} without any match. */
    double pointsPerMatch(double imputed) {
        return points.length == 0 ? imputed : (double) points() / points.length;
    }

    /** Mean goal difference per match, 0 without any match. */
    double goalDifferencePerMatch() {
        if (goalDifferences.length == 0) {
            return 0.0;
        }
        int sum = 0;
        for (byte d : goalDifferences) {
            sum += d;
        }
        return (double) sum / goalDifferences.length;
    }

    /**
     * The form of these results, newest first: points and goal differences of the same matches.
     * Takes the arrays as they are (callers hand over arrays nobody else writes to).
     *
     * @throws IllegalArgumentException for more than {@value #WINDOW} matches or arrays of different lengths
     */
    static RecentForm of(byte[] points, byte[] goalDifferences) {
        if (points.length > WINDOW || points.length != goalDifferences.length) {
            throw new IllegalArgumentException("a form of " + points.length + " points and " + goalDifferences.length
                    + " goal differences; at most " + WINDOW + " of each, as many of one as of the other");
        }
        return points.length == 0 ? EMPTY : new RecentForm(points, goalDifferences);
    }

    /** Points per match, newest first; the array itself, not to be written to. */
    byte[] pointsByMatch() {
        return points;
    }

    /** Goal difference per match, newest first; the array itself, not to be written to. */
    byte[] goalDifferencesByMatch() {
        return goalDifferences;
    }

    /** Reads the form as the team state's earlier hand-written layout held it: a count, then points, then differences. */
    static RecentForm read(DataInput in) throws IOException {
        int length = in.readUnsignedByte();
        if (length > WINDOW) {
            throw new IOException("form window of " + length + " matches exceeds " + WINDOW);
        }
        byte[] points = new byte[length];
        byte[] differences = new byte[length];
        in.readFully(points);
        in.readFully(differences);
        return new RecentForm(points, differences);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecentForm form
                && Arrays.equals(points, form.points) && Arrays.equals(goalDifferences, form.goalDifferences);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(points) + Arrays.hashCode(goalDifferences);
    }
}
