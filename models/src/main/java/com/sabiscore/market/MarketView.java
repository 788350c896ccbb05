package com.sabiscore.market;

import com.sabiscore.match.BookPrice;
import com.sabiscore.match.MarketOdds;
import com.sabiscore.match.Outcome;

import java.util.List;

/**
 * What the betting market says about a fixture, reduced to numbers that do not depend on any one
 * bookmaker being present: de-vigged 1X2 probabilities from the market average (or, without one,
 * the mean implied probability over the books), the best price per outcome over every book and
 * the market maximum, the spread of implied probabilities across books, and the de-vigged
 * over-2.5 and Asian-handicap probabilities when those markets are quoted.
 * {@link #NONE} (present = false, NaN numbers) stands for a fixture without usable 1X2 prices.
 *
 * @param present      there is a usable 1X2 market
 * @param pHome        de-vigged home-win probability
 * @param overround    booksum of the reference prices (1.05 = a 5% margin)
 * @param bestHome     highest decimal price offered for a home win
 * @param spreadHome   highest minus lowest implied home probability across books (0 with fewer than two)
 * @param bookCount    number of individual books quoting the fixture
 * @param pOver25      de-vigged probability of three goals or more, NaN when not quoted
 * @param sharpHome    de-vigged home probability of the book with the smallest margin (books with thin
 *                     margins price more sharply); the reference probabilities when no book quotes
 * @param asianLine    Asian handicap line for the home team, NaN when not quoted
 * @param pAsianHome   de-vigged probability that the home side covers the line, NaN when not quoted
 */
public record MarketView(
        boolean present,
        double pHome, double pDraw, double pAway,
        double overround,
        double bestHome, double bestDraw, double bestAway,
        double spreadHome, double spreadDraw, double spreadAway,
        int bookCount,
        double sharpHome, double sharpDraw, double sharpAway,
        double pOver25,
        double asianLine, double pAsianHome) {

    public static final MarketView NONE = new MarketView(false, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, Double.NaN, 0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, Double.NaN);

    /** Reads a fixture's odds; {@link #NONE} when there is no sane 1X2 price at all. */
    public static MarketView of(MarketOdds odds, Devig devig) {
        List<BookPrice> books = odds.books();
        BookPrice reference = odds.reference();
        if (reference == null) {
            return NONE;
        }
        double[] implied = {1.0 / reference.home(), 1.0 / reference.draw(), 1.0 / reference.away()};
        double overround = implied[0] + implied[1] + implied[2];
        double[] fair = new double[3];
        devig.probabilities(implied, 3, fair);

        BookPrice maximum = odds.maximum() != null && odds.maximum().isSane() ? odds.maximum() : null;
        double bestHome = maximum != null ? maximum.home() : 1.0 / implied[0];
        double bestDraw = maximum != null ? maximum.draw() : 1.0 / implied[1];
        double bestAway = maximum != null ? maximum.away() : 1.0 / implied[2];
        double minHome = Double.MAX_VALUE;
        double maxHome = 0;
        double minDraw = Double.MAX_VALUE;
        double maxDraw = 0;
        double minAway = Double.MAX_VALUE;
        double maxAway = 0;
        for (int i = 0; i < books.size(); i++) {
            BookPrice book = books.get(i);
            bestHome = Math.max(bestHome, book.home());
            bestDraw = Math.max(bestDraw, book.draw());
            bestAway = Math.max(bestAway, book.away());
            minHome = Math.min(minHome, 1.0 / book.home());
            maxHome = Math.max(maxHome, 1.0 / book.home());
            minDraw = Math.min(minDraw, 1.0 / book.draw());
            maxDraw = Math.max(maxDraw, 1.0 / book.draw());
            minAway = Math.min(minAway, 1.0 / book.away());
            maxAway = Math.max(maxAway, 1.0 / book.away());
        }
        boolean spreadKnown = books.size() >= 2;
        double[] sharp = fair;
        BookPrice sharpest = null;
        for (int i = 0; i < books.size(); i++) {
            if (sharpest == null || books.get(i).overround() < sharpest.overround()) {
                sharpest = books.get(i);
            }
        }
        if (sharpest != null) {
            sharp = devig.fromPrices(sharpest.home(), sharpest.draw(), sharpest.away());
        }

        double pOver25 = twoWayFirst(odds.over25(), odds.under25(), devig);
        double pAsianHome = odds.asianLine() == null ? Double.NaN : twoWayFirst(odds.asianHome(), odds.asianAway(), devig);
        double asianLine = Double.isNaN(pAsianHome) ? Double.NaN : odds.asianLine();
        return new MarketView(true, fair[0], fair[1], fair[2], overround, bestHome, bestDraw, bestAway,
                spreadKnown ? maxHome - minHome : 0, spreadKnown ? maxDraw - minDraw : 0,
                spreadKnown ? maxAway - minAway : 0, books.size(), sharp[0], sharp[1], sharp[2],
                pOver25, asianLine, pAsianHome);
    }

    /** Best price offered for an outcome. */
    public double best(Outcome outcome) {
        return switch (outcome) {
            case HOME -> bestHome;
            case DRAW -> bestDraw;
            case AWAY -> bestAway;
        };
    }

    /** De-vigged probability of an outcome. */
    public double probability(Outcome outcome) {
        return switch (outcome) {
            case HOME -> pHome;
            case DRAW -> pDraw;
            case AWAY -> pAway;
        };
    }

    /** De-vigged probability of the first side of a two-way market, NaN unless both prices are sane. */
    private static double twoWayFirst(Double first, Double second, Devig devig) {
        if (first == null || second == null || first <= 1.01 || second <= 1.01 || first > 100 || second > 100) {
            return Double.NaN;
        }
        double[] implied = {1.0 / first, 1.0 / second};
        double booksum = implied[0] + implied[1];
        if (booksum < 0.98 || booksum > 1.30) {
            return Double.NaN;
        }
        double[] fair = new double[2];
        devig.probabilities(implied, 2, fair);
        return fair[0];
    }
}
