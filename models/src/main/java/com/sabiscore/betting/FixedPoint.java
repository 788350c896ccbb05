package com.sabiscore.betting;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Writes a number with a fixed count of decimals exactly as {@code String.format(Locale.ROOT, "%.Nf")}
 * does, without {@link java.util.Formatter}: the stream writes a reasoning text for every
 * prediction, and parsing format strings was 14 % of the stream thread's CPU in a replay profile.
 */
final class FixedPoint {

    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000};
    /** Above this the scaled value is no longer an exact long in a double. */
    private static final double FAST_PATH_LIMIT = 1e15;
    /** A scaled value this close to a half could round either way: left to BigDecimal. */
    private static final double HALF_MARGIN = 1e-6;

    private FixedPoint() {
    }

    /** Appends {@code value} with {@code decimals} (0–3) digits after the point, half-up like {@code %.Nf}. */
    static StringBuilder append(StringBuilder out, double value, int decimals) {
        if (!Double.isFinite(value)) {
            return out.append(value);  // NaN, Infinity, -Infinity: Formatter's words too
        }
        double scaled = Math.abs(value) * POWERS_OF_TEN[decimals];
        double fraction = scaled - Math.floor(scaled);
        if (!(scaled < FAST_PATH_LIMIT) || Math.abs(fraction - 0.5) < HALF_MARGIN) {
            // Formatter rounds the shortest decimal that identifies the double (Double.toString), half up
            String exact = BigDecimal.valueOf(Math.abs(value)).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
            return sign(out, value).append(exact);
        }
        long units = Math.round(scaled);
        long whole = units / POWERS_OF_TEN[decimals];
        sign(out, value).append(whole);
        if (decimals > 0) {
            String digits = Long.toString(units % POWERS_OF_TEN[decimals]);
            out.append('.');
            for (int pad = digits.length(); pad < decimals; pad++) {
                out.append('0');
            }
            out.append(digits);
        }
        return out;
    }

    /** Formatter writes a minus for every negative value, even one that rounds to zero ("-0.0"). */
    private static StringBuilder sign(StringBuilder out, double value) {
        if (value < 0 || (value == 0 && 1 / value < 0)) {
            out.append('-');
        }
        return out;
    }
}
