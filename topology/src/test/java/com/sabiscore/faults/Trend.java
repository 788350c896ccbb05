package com.sabiscore.faults;

import java.util.List;
import java.util.Locale;

/**
 * The straight line through a gauge's readings (least squares over time) and whether it climbs:
 * a rise over the measured span larger than both an absolute and a relative allowance, on a line
 * that explains most of the variation (R² at least 0.5), is a clear upward trend; noise and a
 * step at the start are not.
 *
 * @param slopePerHour change per hour of the fitted line
 * @param rSquared     share of the variation the line explains (0 for a flat series)
 */
record Trend(String gauge, String unit, double first, double last, double mean, double slopePerHour, double rSquared, double spanHours) {

    private static final double MIN_R_SQUARED = 0.5;

    /** Fits {@code values} read at {@code minutes}. */
    static Trend fit(String gauge, String unit, List<Double> minutes, List<Double> values) {
        int n = values.size();
        double meanX = minutes.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double meanY = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = minutes.get(i) - meanX;
            double dy = values.get(i) - meanY;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        double slopePerMinute = sxx == 0 ? 0 : sxy / sxx;
        double r2 = sxx == 0 || syy == 0 ? 0 : sxy * sxy / (sxx * syy);
        double span = n < 2 ? 0 : (minutes.get(n - 1) - minutes.get(0)) / 60;
        return new Trend(gauge, unit, values.isEmpty() ? 0 : values.get(0), values.isEmpty() ? 0 : values.get(n - 1), meanY,
                slopePerMinute * 60, r2, span);
    }

    /** The rise of the fitted line over the measured span. */
    double rise() {
        return slopePerHour * spanHours;
    }

    /** True for a clear upward trend: a rise above {@code absolute} and above {@code relative} of the mean, on a line with R² >= 0.5. */
    boolean climbs(double absolute, double relative) {
        return rise() > absolute && rise() > relative * mean && rSquared >= MIN_R_SQUARED;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: %.1f -> %.1f %s (mean %.1f), slope %+.2f %s/h, R² %.2f, rise over the span %+.1f %s",
                gauge, first, last, unit, mean, slopePerHour, unit, rSquared, rise(), unit);
    }
}
