package com.sabiscore.match;

import java.util.List;
import java.util.Objects;

/**
 * Pre-match prices known when a fixture is published. Closing prices are never part of this:
 * they are fixed at kick-off, so using them before the match would leak the future.
 *
 * @param books         individual bookmakers' sane 1X2 prices (which books appear varies by season)
 * @param average       the market average 1X2 ({@code AvgH/D/A}, or {@code BbAvH/D/A} before 2019-20), or null
 * @param maximum       the market maximum 1X2 ({@code MaxH/D/A} or {@code BbMxH/D/A}), or null
 * @param over25        average price for more than 2.5 goals, or null
 * @param under25       average price for fewer than 2.5 goals, or null
 * @param asianLine     Asian handicap line for the home team, or null
 * @param asianHome     average Asian handicap home price, or null
 * @param asianAway     average Asian handicap away price, or null
 */
public record MarketOdds(
        List<BookPrice> books,
        BookPrice average,
        BookPrice maximum,
        Double over25,
        Double under25,
        Double asianLine,
        Double asianHome,
        Double asianAway) {

    public static final MarketOdds NONE = new MarketOdds(List.of(), null, null, null, null, null, null, null);

    public MarketOdds {
        books = List.copyOf(Objects.requireNonNull(books, "books"));
    }

    /**
     * The 1X2 prices the market view reads: the market average when it is sane, otherwise the
     * books' mean implied probability as prices ({@code bookmaker} "BooksMean"); null without either.
     */
    public BookPrice reference() {
        if (average != null && average.isSane()) {
            return average;
        }
        if (books.isEmpty()) {
            return null;
        }
        double home = 0;
        double draw = 0;
        double away = 0;
        for (int i = 0; i < books.size(); i++) {
            BookPrice book = books.get(i);
            home += 1.0 / book.home();
            draw += 1.0 / book.draw();
            away += 1.0 / book.away();
        }
        int n = books.size();
        return new BookPrice("BooksMean", n / home, n / draw, n / away);
    }

    /** True when there is at least one usable 1X2 price. */
    public boolean hasOneXTwo() {
        return !books.isEmpty() || average != null;
    }
}
