package com.sabiscore.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

    private static InternationalResults shared;

    @BeforeAll
    static void readSharedFile() throws IOException {
        long started = System.nanoTime();
        shared = InternationalResultsReader.read(SharedData.internationalDir());
        LOG.info("Reading the international results took {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    @Test
    void shouldReadEveryMatchOfTheSharedResultsFile() {
        List<HistoricalMatch> matches = shared.matches();
        assertThat(matches).hasSize(49_520);
        assertThat(shared.skippedWithoutScore()).isZero();
        // the data README counts 13,156 neutral rows
        assertThat(matches.stream().filter(m -> m.fixture().neutral())).hasSize(13_156);
        assertThat(matches).allSatisfy(m -> {
            assertThat(m.fixture().competition()).isEqualTo("INT");
            assertThat(m.fixture().odds()).isEqualTo(MarketOdds.NONE);
            assertThat(m.result().neutral()).isEqualTo(m.fixture().neutral());
        });
        assertThat(matches.stream().map(m -> m.fixture().id()).distinct()).hasSize(49_520);
    }

    @Test
    void shouldReadTheFirstInternationalAsIts15UtcKickoff() {
        HistoricalMatch first = shared.matches().get(0);

        assertThat(first.fixture().id()).isEqualTo(FixtureId.parse("INT:1872-11-30:Scotland:England"));
        assertThat(first.fixture().season()).isEqualTo("1872");
        assertThat(first.fixture().kickoff()).isEqualTo(Instant.parse("1872-11-30T15:00:00Z"));
        assertThat(first.result().homeGoals()).isZero();
        assertThat(first.fixture().neutral()).isFalse();
    }

    @Test
    void shouldNumberASecondMeetingOfTheSameTeamsOnTheSameDay() {
        List<String> ids = shared.matches().stream()
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
