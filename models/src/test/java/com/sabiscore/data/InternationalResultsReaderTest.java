package com.sabiscore.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sabiscore.data.InternationalResultsReader.InternationalResults;
import com.sabiscore.match.FixtureId;
import com.sabiscore.match.HistoricalMatch;
import com.sabiscore.match.MarketOdds;

class InternationalResultsReaderTest {

    private static final Logger LOG = LoggerFactory.getLogger(InternationalResultsReaderTest.class);

    private static InternationalResults real;

    @BeforeAll
    static void readTheRealFile() throws IOException {
        long started = System.nanoTime();
        real = InternationalResultsReader.read(RealHistory.international());
        LOG.info("Reading the international results took {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    @Test
    void shouldReadEveryRowOfTheRealResultsFile() throws IOException {
        // one line per row, values without line breaks: the file's own lines are the count to meet
        List<String> rows = Files.readAllLines(RealHistory.international().resolve("results.csv")).stream().skip(1).toList();
        List<HistoricalMatch> matches = real.matches();
        assertThat(matches.size() + real.skippedWithoutScore()).isEqualTo(rows.size()).isGreaterThanOrEqualTo(49_520);
        assertThat(rows.stream().filter(row -> row.contains(",NA,"))).hasSize(real.skippedWithoutScore());
        assertThat(matches.stream().filter(m -> m.fixture().neutral()))
                .hasSize((int) rows.stream().filter(row -> row.endsWith(",TRUE") && !row.contains(",NA,")).count());
        assertThat(matches).allSatisfy(m -> {
            assertThat(m.fixture().competition()).isEqualTo("INT");
            assertThat(m.fixture().odds()).isEqualTo(MarketOdds.NONE);
            assertThat(m.result().neutral()).isEqualTo(m.fixture().neutral());
        });
        assertThat(matches.stream().map(m -> m.fixture().id()).distinct()).hasSize(matches.size());
    }

    @Test
    void shouldReadTheFirstInternationalAsIts15UtcKickoff() {
        HistoricalMatch first = real.matches().get(0);

        assertThat(first.fixture().id()).isEqualTo(FixtureId.parse("INT:1872-11-30:Scotland:England"));
        assertThat(first.fixture().season()).isEqualTo("1872");
        assertThat(first.fixture().kickoff()).isEqualTo(Instant.parse("1872-11-30T15:00:00Z"));
        assertThat(first.result().homeGoals()).isZero();
        assertThat(first.fixture().neutral()).isFalse();
    }

    @Test
    void shouldNumberASecondMeetingOfTheSameTeamsOnTheSameDay() {
        List<String> ids = real.matches().stream()
                .map(m -> m.fixture().id().toString())
                .filter(id -> id.startsWith("INT:1974-02-17:Tahiti:New Caledonia"))
                .toList();

        assertThat(ids).containsExactly("INT:1974-02-17:Tahiti:New Caledonia", "INT:1974-02-17:Tahiti:New Caledonia:2");
    }

    @Test
    void shouldSkipAndCountRowsWithoutAScoreAndReadQuotedValues() {
        byte[] content = ("date,home_team,away_team,home_score,away_score,tournament,city,country,neutral\n"
                + "2026-06-11,Mexico,South Africa,2,1,FIFA World Cup,Mexico City,Mexico,FALSE\n"
                + "2026-06-12,United States,Paraguay,NA,NA,FIFA World Cup,\"Inglewood, CA\",United States,FALSE\n"
                + "2026-06-13,Brazil,Morocco,1,1,FIFA World Cup,\"East Rutherford, NJ\",United States,TRUE\n")
                .getBytes(StandardCharsets.UTF_8);

        InternationalResults results = InternationalResultsReader.read(content, "results.csv");

        assertThat(results.skippedWithoutScore()).isEqualTo(1);
        assertThat(results.matches()).extracting(m -> m.fixture().homeTeam()).containsExactly("Mexico", "Brazil");
        assertThat(results.matches().get(1).fixture().neutral()).isTrue();
        assertThat(results.matches().get(1).fixture().season()).isEqualTo("2026");
    }

    @Test
    void shouldRejectAGarbledScore() {
        byte[] content = ("date,home_team,away_team,home_score,away_score,tournament,city,country,neutral\n"
                + "2026-06-11,Mexico,South Africa,2,one,FIFA World Cup,Mexico City,Mexico,FALSE\n")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> InternationalResultsReader.read(content, "results.csv"))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("away_score");
    }
}
