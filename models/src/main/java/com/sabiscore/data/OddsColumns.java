package com.sabiscore.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.sabiscore.match.BookPrice;
import com.sabiscore.match.MarketOdds;

/**
 * Where a football-data file keeps its pre-match prices. The bookmakers are discovered from the
 * header, because they come and go between seasons: a prefix {@code P} is a book when {@code PH},
 * {@code PD} and {@code PA} all exist, except the market aggregates and closing prices. A closing
 * prefix is a book or aggregate prefix plus {@code C} ({@code PSC}, {@code B365C}, {@code AvgC});
 * the prefix before the {@code C} must be one found in the same header or one football-data
 * documents, so that {@code VC} (VC Bet) stays a book and {@code PSC} is closing even in a file
 * without {@code PSH}.
 * Closing prices and match statistics never enter {@link MarketOdds}: they are only known at or
 * after kick-off.
 */
final class OddsColumns {

    /** Market average and maximum: the 2019-20 on names first, the BetBrain names before that. */
    private static final List<String> AVERAGE_PREFIXES = List.of("Avg", "BbAv");
    private static final List<String> MAXIMUM_PREFIXES = List.of("Max", "BbMx");
    private static final Set<String> AGGREGATE_PREFIXES = Set.of("Avg", "Max", "BbAv", "BbMx");
    /** The 1X2 prefixes football-data's notes list, books and aggregates. */
    private static final Set<String> DOCUMENTED_PREFIXES = Set.of(
            "B365", "BW", "GB", "IW", "LB", "PS", "SO", "SB", "SJ", "SY", "VC", "WH", "BS",
            "1XB", "BF", "BFE", "BFD", "BMGM", "BV", "CL", "Avg", "Max", "BbAv", "BbMx");

    private static final double MIN_PRICE = 1.01;
    private static final double MAX_PRICE = 100.0;
    /**
     * The best price per outcome across many books often adds up below 1 (about 0.93 at the lowest
     * in the real files); far below that a maximum row is a typo.
     */
    private static final double MIN_MAXIMUM_OVERROUND = 0.90;

    private final List<String> bookPrefixes;

    private OddsColumns(List<String> bookPrefixes) {
        this.bookPrefixes = List.copyOf(bookPrefixes);
    }

    /** Discovers the bookmaker prefixes among {@code headerColumns}, in header order. */
    static OddsColumns discover(List<String> headerColumns) {
        Set<String> columns = Set.copyOf(headerColumns);
        List<String> oneXTwo = new ArrayList<>();
        for (String column : headerColumns) {
            if (column.length() > 1 && column.endsWith("H")) {
                String prefix = column.substring(0, column.length() - 1);
                if (columns.contains(prefix + "D") && columns.contains(prefix + "A")) {
                    oneXTwo.add(prefix);
                }
            }
        }
        List<String> books = new ArrayList<>();
        for (String prefix : oneXTwo) {
            if (!isClosing(prefix, oneXTwo) && !AGGREGATE_PREFIXES.contains(prefix)) {
                books.add(prefix);
            }
        }
        return new OddsColumns(books);
    }

    private static boolean isClosing(String prefix, List<String> oneXTwoPrefixes) {
        if (!prefix.endsWith("C")) {
            return false;
        }
        String preMatch = prefix.substring(0, prefix.length() - 1);
        return oneXTwoPrefixes.contains(preMatch) || DOCUMENTED_PREFIXES.contains(preMatch);
    }

    List<String> bookPrefixes() {
        return bookPrefixes;
    }

    MarketOdds read(CsvTable.Row row) {
        List<BookPrice> books = new ArrayList<>(bookPrefixes.size());
        for (String prefix : bookPrefixes) {
            BookPrice price = oneXTwo(row, prefix);
            if (price != null && price.isSane()) {
                books.add(price);
            }
        }
        return new MarketOdds(
                books,
                firstSaneAverage(row),
                firstPlausibleMaximum(row),
                firstPrice(row, "Avg>2.5", "BbAv>2.5"),
                firstPrice(row, "Avg<2.5", "BbAv<2.5"),
                firstNumber(row, "AHh", "BbAHh"),
                firstPrice(row, "AvgAHH", "BbAvAHH"),
                firstPrice(row, "AvgAHA", "BbAvAHA"));
    }

    private static BookPrice firstSaneAverage(CsvTable.Row row) {
        for (String prefix : AVERAGE_PREFIXES) {
            BookPrice price = oneXTwo(row, prefix);
            if (price != null && price.isSane()) {
                return price;
            }
        }
        return null;
    }

    private static BookPrice firstPlausibleMaximum(CsvTable.Row row) {
        for (String prefix : MAXIMUM_PREFIXES) {
            BookPrice price = oneXTwo(row, prefix);
            if (price != null && inPriceRange(price.home()) && inPriceRange(price.draw()) && inPriceRange(price.away())
                    && price.overround() >= MIN_MAXIMUM_OVERROUND) {
                return price;
            }
        }
        return null;
    }

    private static BookPrice oneXTwo(CsvTable.Row row, String prefix) {
        Double home = number(row.get(prefix + "H"));
        Double draw = number(row.get(prefix + "D"));
        Double away = number(row.get(prefix + "A"));
        return home == null || draw == null || away == null ? null : new BookPrice(prefix, home, draw, away);
    }

    private static Double firstPrice(CsvTable.Row row, String... columns) {
        for (String column : columns) {
            Double price = number(row.get(column));
            if (price != null && inPriceRange(price)) {
                return price;
            }
        }
        return null;
    }

    private static Double firstNumber(CsvTable.Row row, String... columns) {
        for (String column : columns) {
            Double value = number(row.get(column));
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static boolean inPriceRange(double price) {
        return price >= MIN_PRICE && price <= MAX_PRICE;
    }

    /** Empty and unreadable cells are both missing prices; a price column never decides a match. */
    private static Double number(String cell) {
        if (cell.isEmpty()) {
            return null;
        }
        try {
            double value = Double.parseDouble(cell);
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
