package com.sabiscore.features;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * One fixture's features for both model heads, and the context they came from. The without-odds
 * vector is a prefix of the with-odds vector (see {@link Feature}). Without odds the market
 * entries are imputed from the engine's own estimates, so the with-odds vector is still finite,
 * but only {@link #withoutOdds()} should be scored then.
 */
public final class FeatureVector {

    static final int WITH_ODDS_LENGTH = Feature.values().length;
    static final int WITHOUT_ODDS_LENGTH = countNonMarket();

    private final float[] values;
    private final boolean hasOdds;
    private final FixtureContext context;
    private final long hash;

    FeatureVector(float[] values, boolean hasOdds, FixtureContext context) {
        this.values = values;
        this.hasOdds = hasOdds;
        this.context = context;
        this.hash = fnv1a(values, hasOdds);
    }

    /** A copy of the with-odds head's input. */
    public float[] withOdds() {
        return values.clone();
    }

    /** A copy of the without-odds head's input. */
    public float[] withoutOdds() {
        return Arrays.copyOf(values, WITHOUT_ODDS_LENGTH);
    }

    /** Writes one head's input into a (direct) buffer for ONNX without an intermediate copy. */
    public void writeTo(FloatBuffer target, boolean withOdds) {
        target.put(values, 0, withOdds ? WITH_ODDS_LENGTH : WITHOUT_ODDS_LENGTH);
    }

    public float value(Feature feature) {
        return values[feature.ordinal()];
    }

    public boolean hasOdds() {
        return hasOdds;
    }

    public FixtureContext context() {
        return context;
    }

    /** FNV-1a over the values and the odds flag: equal inputs, equal hash (a cache key for scores). */
    public long hash() {
        return hash;
    }

    private static long fnv1a(float[] values, boolean hasOdds) {
        long h = 0xcbf29ce484222325L;
        for (float v : values) {
            int bits = Float.floatToIntBits(v);
            for (int shift = 0; shift < 32; shift += 8) {
                h ^= (bits >>> shift) & 0xff;
                h *= 0x100000001b3L;
            }
        }
        h ^= hasOdds ? 1 : 0;
        h *= 0x100000001b3L;
        return h;
    }

    private static int countNonMarket() {
        int count = 0;
        for (Feature feature : Feature.values()) {
            if (!feature.market()) {
                count++;
            }
        }
        return count;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureVector that && hasOdds == that.hasOdds && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(hash);
    }

    @Override
    public String toString() {
        return "FeatureVector[" + context.homeTeam() + " v " + context.awayTeam() + ", odds=" + hasOdds
                + ", " + Arrays.toString(values) + "]";
    }
}
