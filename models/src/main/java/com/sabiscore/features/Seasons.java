package com.sabiscore.features;

/**
 * Season labels are {@code YYYY-YY} for leagues and {@code YYYY} for internationals; both start
 * with the start year, which is all that is needed to tell a club that skipped seasons.
 */
final class Seasons {

    private Seasons() {
    }

    /** Seasons from {@code earlier} to {@code later}: 1 for consecutive; 1 as well when a label has no year. */
    static int gap(String earlier, String later) {
        int from = startYear(earlier);
        int to = startYear(later);
        if (from < 0 || to < 0) {
            return 1;
        }
        return to - from;
    }

    private static int startYear(String season) {
        if (season.length() < 4) {
            return -1;
        }
        int year = 0;
        for (int i = 0; i < 4; i++) {
            char c = season.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            year = year * 10 + (c - '0');
        }
        return year;
    }
}
