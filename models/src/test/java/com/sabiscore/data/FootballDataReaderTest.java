package com.sabiscore.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.sabiscore.match.BookPrice;
import com.sabiscore.match.FixtureId;
import com.sabiscore.match.HistoricalMatch;
import com.sabiscore.match.MarketOdds;
import com.sabiscore.match.MatchStats;

/** One small file per group of football-data quirks, see {@code src/test/resources/data/football}. */
class FootballDataReaderTest {

    @Nested
    class NinetiesFileWithPaddingAndCrCrLf {

        private final List<HistoricalMatch> matches = read("E0/1995-96");

        @Test
        void shouldSkipCommaOnlyRowsAndRowsWithoutDiv() {
            assertThat(matches).extracting(m -> m.fixture().homeTeam())
                    .containsExactly("Arsenal", "Chelsea", "Leeds", "Arsenal");
        }

        @Test
        void shouldReadRaggedRowsByColumnName() {
            HistoricalMatch shortRow = matches.get(1);

            assertThat(shortRow.fixture().awayTeam()).isEqualTo("Everton");
            assertThat(shortRow.result().homeGoals()).isZero();
            assertThat(shortRow.result().awayGoals()).isEqualTo(2);
        }

        @Test
        void shouldTrimTheStrayCarriageReturnsOfCrCrLfLines() {
            assertThat(matches).allSatisfy(m -> assertThat(m.fixture().awayTeam()).doesNotContain("\r"));
        }

        @Test
        void shouldMapTwoDigitYearsOfTheNinetiesTo19xx() {
            assertThat(matches).extracting(m -> m.fixture().id().date()).containsExactly(
                    LocalDate.of(1995, 8, 19), LocalDate.of(1995, 8, 20), LocalDate.of(1995, 12, 23), LocalDate.of(1996, 5, 5));
        }

        @Test
        void shouldKickOffAt3pmUkTimeWhenThereIsNoTimeColumn() {
            assertThat(matches.get(0).fixture().kickoff()).isEqualTo(Instant.parse("1995-08-19T14:00:00Z")); // BST
            assertThat(matches.get(2).fixture().kickoff()).isEqualTo(Instant.parse("1995-12-23T15:00:00Z")); // GMT
        }

        @Test
        void shouldLeaveOddsStatsAndHalfTimeEmpty() {
            HistoricalMatch first = matches.get(0);

            assertThat(first.fixture().odds()).isEqualTo(MarketOdds.NONE);
            assertThat(first.result().stats()).isEqualTo(MatchStats.NONE);
            assertThat(first.result().halfTimeHome()).isNull();
        }

        @Test
        void shouldCanonicaliseAliasesAndTakeTheSeasonFromTheFileName() {
            HistoricalMatch first = matches.get(0);

            assertThat(first.fixture().id()).isEqualTo(FixtureId.parse("E0:1995-08-19:Arsenal:Middlesbrough"));
            assertThat(first.fixture().season()).isEqualTo("1995-96");
            assertThat(first.fixture().neutral()).isFalse();
        }
    }

    @Nested
    class IsoLatinFileOfTheEarlyOdds {

        private final List<HistoricalMatch> matches = read("D1/2000-01");

        @Test
        void shouldFallBackToIso88591WhenTheBytesAreNotUtf8() {
            assertThat(matches.get(0).fixture().homeTeam()).isEqualTo("Kickers W\u00fcrzburg");
        }

        @Test
        void shouldMapTwoDigitYearsFrom2000To20xx() {
            assertThat(matches).extracting(m -> m.fixture().id().date())
                    .containsExactly(LocalDate.of(2000, 8, 12), LocalDate.of(2001, 3, 3));
        }

        @Test
        void shouldCanonicaliseGermanAliases() {
            assertThat(matches.get(0).fixture().awayTeam()).isEqualTo("M'gladbach");
            assertThat(matches.get(1).fixture().homeTeam()).isEqualTo("Fortuna Dusseldorf");
        }

        @Test
        void shouldReadHalfTimeScoresAndStatsWithEmptyCellsMissing() {
            HistoricalMatch second = matches.get(1);

            assertThat(matches.get(0).result().stats()).isEqualTo(new MatchStats(17, 5, 7, 2, 7, 3, 0, 1));
            assertThat(matches.get(0).result().halfTimeHome()).isEqualTo(1);
            assertThat(second.result().stats()).isEqualTo(new MatchStats(9, 14, null, null, 3, 3, null, null));
        }

        @Test
        void shouldDropABookWhosePricesAreMissing() {
            assertThat(matches.get(0).fixture().odds().books()).extracting(BookPrice::bookmaker).containsExactly("GB", "IW");
            assertThat(matches.get(1).fixture().odds().books()).extracting(BookPrice::bookmaker).containsExactly("GB");
            assertThat(matches.get(1).fixture().odds().average()).isNull();
        }
    }

    @Nested
    class ModernFileWithBomCrlfTimesAndClosingOdds {

        private final List<HistoricalMatch> matches = read("E0/2023-24");

        @Test
        void shouldStripTheByteOrderMarkFromTheFirstColumn() {
            assertThat(matches).hasSize(2);
            assertThat(matches).extracting(m -> m.fixture().competition()).containsOnly("E0");
        }

        @Test
        void shouldConvertUkKickoffTimesOnBothSidesOfDaylightSaving() {
            assertThat(matches.get(0).fixture().kickoff()).isEqualTo(Instant.parse("2023-08-11T19:00:00Z"));
            assertThat(matches.get(1).fixture().kickoff()).isEqualTo(Instant.parse("2023-12-30T12:30:00Z"));
            assertThat(matches.get(0).result().kickoff()).isEqualTo(matches.get(0).fixture().kickoff());
        }

        @Test
        void shouldUsePreMatchPricesAndNeverTheClosingOnes() {
            MarketOdds odds = matches.get(0).fixture().odds();

            assertThat(odds.books()).containsExactly(
                    new BookPrice("B365", 8.00, 5.50, 1.33),
                    new BookPrice("PS", 8.75, 5.62, 1.36),
                    new BookPrice("VC", 8.50, 5.50, 1.33));
            assertThat(odds.average()).isEqualTo(new BookPrice("Avg", 8.40, 5.40, 1.34));
            assertThat(odds.maximum()).isEqualTo(new BookPrice("Max", 9.50, 5.80, 1.38));
            assertThat(odds.over25()).isEqualTo(1.40);
            assertThat(odds.under25()).isEqualTo(3.00);
            assertThat(odds.asianLine()).isEqualTo(1.75);
            assertThat(odds.asianHome()).isEqualTo(1.95);
            assertThat(odds.asianAway()).isEqualTo(1.90);
        }

        @Test
        void shouldDropInsaneOrMissingPricesWithoutFallingBackToClosingOnes() {
            MarketOdds odds = matches.get(1).fixture().odds();

            assertThat(odds.books()).containsExactly(new BookPrice("VC", 4.60, 4.10, 1.70)); // B365 away 219, PS empty
            assertThat(odds.average()).isNull();                                              // AvgH 0.50
            assertThat(odds.maximum()).isEqualTo(new BookPrice("Max", 4.80, 4.30, 1.80));
            assertThat(odds.over25()).isNull();                                               // 150
            assertThat(odds.under25()).isEqualTo(1.20);
        }

        @Test
        void shouldReadStatisticsIntoTheResultOnly() {
            assertThat(matches.get(0).result().stats()).isEqualTo(new MatchStats(6, 17, 1, 8, 6, 5, 1, 0));
        }
    }

    @Nested
    class BetBrainEraFile {

        private final List<HistoricalMatch> matches = read("SP1/2010-11");

        @Test
        void shouldFallBackToBetBrainAggregates() {
            MarketOdds odds = matches.get(0).fixture().odds();

            assertThat(odds.books()).containsExactly(new BookPrice("B365", 2.10, 3.40, 3.50));
            assertThat(odds.average()).isEqualTo(new BookPrice("BbAv", 2.11, 3.35, 3.38));
            assertThat(odds.maximum()).isEqualTo(new BookPrice("BbMx", 2.25, 3.60, 3.80));
            assertThat(odds.over25()).isEqualTo(1.98);
            assertThat(odds.under25()).isEqualTo(1.83);
            assertThat(odds.asianLine()).isEqualTo(-0.25);
            assertThat(odds.asianHome()).isEqualTo(1.90);
            assertThat(odds.asianAway()).isEqualTo(1.96);
        }

        @Test
        void shouldDropAnOverUnderPriceOutsideTheSaneRange() {
            assertThat(matches.get(1).fixture().odds().over25()).isNull(); // 181, a typo of the old downloads
            assertThat(matches.get(1).fixture().odds().under25()).isEqualTo(1.72);
        }

        @Test
        void shouldCanonicaliseVillarreal() {
            assertThat(matches).extracting(m -> m.fixture().id().toString()).containsExactly(
                    "SP1:2010-08-28:Villarreal:Valencia", "SP1:2011-05-21:Sevilla:Villarreal");
        }
    }

    @Test
    void shouldRejectAFileWithoutTheResultColumns() {
        byte[] content = "Div,Date,HomeTeam,AwayTeam\nE0,11/08/2023,Burnley,Man City\n".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> FootballDataReader.read(content, "2023-24", "no-goals.csv"))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("no-goals.csv").hasMessageContaining("FTHG").hasMessageContaining("FTAG");
    }

    @Test
    void shouldRejectAResultLetterThatDisagreesWithTheScore() {
        byte[] content = "Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,FTR\nE0,11/08/2023,Burnley,Man City,0,3,H\n"
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> FootballDataReader.read(content, "2023-24", "shifted.csv"))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("shifted.csv, data row 1");
    }

    @Test
    void shouldRejectAnUnreadableDate() {
        byte[] content = "Div,Date,HomeTeam,AwayTeam,FTHG,FTAG\nE0,2023-08-11,Burnley,Man City,0,3\n"
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> FootballDataReader.read(content, "2023-24", "iso-date.csv"))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("2023-08-11");
    }

    @Test
    void shouldRejectTextThatIsNotCsv() {
        byte[] content = "Div,Date,HomeTeam,AwayTeam,FTHG,FTAG\nE0,\"11/08/2023,Burnley,Man City,0,3\n"
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> FootballDataReader.read(content, "2023-24", "broken-quote.csv"))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("broken-quote.csv: not a readable CSV file");
    }

    @Test
    void shouldRequireASeasonFileName() {
        assertThatThrownBy(() -> FootballDataReader.seasonOf(Path.of("E0", "latest.csv")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2023-24.csv");
    }

    private static List<HistoricalMatch> read(String divisionAndSeason) {
        try {
            return FootballDataReader.read(QuirkFiles.file(divisionAndSeason));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
