package com.sabiscore.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class OddsColumnsTest {

    @Test
    void shouldFindIndividualBooksButNotAggregatesClosingPricesOrOtherMarkets() {
        List<String> header = List.of("Div", "Date", "HomeTeam", "AwayTeam", "FTHG", "FTAG", "HS", "AS",
                "B365H", "B365D", "B365A", "VCH", "VCD", "VCA", "1XBH", "1XBD", "1XBA",
                "MaxH", "MaxD", "MaxA", "AvgH", "AvgD", "AvgA", "BbMxH", "BbMxD", "BbMxA", "BbAvH", "BbAvD", "BbAvA",
                "B365>2.5", "B365<2.5", "AHh", "AHH", "AHA", "B365AHH", "B365AHA", "LBAH",
                "B365CH", "B365CD", "B365CA", "VCCH", "VCCD", "VCCA", "PSCH", "PSCD", "PSCA",
                "MaxCH", "MaxCD", "MaxCA", "AvgCH", "AvgCD", "AvgCA");

        // VC (VC Bet) ends in C but is a book; PSC is Pinnacle closing even though this header has no PSH
        assertThat(OddsColumns.discover(header).bookPrefixes()).containsExactly("B365", "VC", "1XB");
    }
}
