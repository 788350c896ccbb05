package com.sabiscore.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.sabiscore.match.BookPrice;
import com.sabiscore.match.Fixture;

/** football-data's {@code fixtures.csv}: coming matches of every division, with pre-match odds and no score. */
class FixturesFileReaderTest {

    private static final String HEADER = "Div,Date,Time,HomeTeam,AwayTeam,AvgH,AvgD,AvgA\n";
    private static final Set<String> FOLLOWED = Set.of("E0", "SP1");

    @Test
    void shouldReadEachComingMatchWithItsKickoffOddsAndSeason() {
        byte[] content = (HEADER
                + "E0,17/05/2025,15:00,Arsenal,Newcastle,1.8,3.9,4.2\n"
                + "SP1,16/08/2025,20:30,Barcelona,Getafe,1.3,5.5,9.0\n").getBytes(StandardCharsets.UTF_8);

        List<Fixture> fixtures = FootballDataReader.readFixtures(content, "fixtures.csv", FOLLOWED, row -> { });

        assertThat(fixtures).extracting(f -> f.id().toString(), Fixture::season, Fixture::kickoff, f -> f.odds().average())
                .containsExactly(
                        tuple("E0:2025-05-17:Arsenal:Newcastle", "2024-25",
                                Instant.parse("2025-05-17T14:00:00Z"), new BookPrice("Avg", 1.8, 3.9, 4.2)),
                        tuple("SP1:2025-08-16:Barcelona:Getafe", "2025-26",
                                Instant.parse("2025-08-16T19:30:00Z"), new BookPrice("Avg", 1.3, 5.5, 9.0)));
    }

    @Test
    void shouldReadOnlyTheRowsOfTheChosenDivisions() {
        byte[] content = (HEADER
                + "E1,17/05/2025,15:00,Leeds,Burnley,2.0,3.4,3.9\n"
                + "SC0,17/05/2025,xx:00,Celtic,Rangers,1.9,3.6,4.0\n"
                + "E0,17/05/2025,15:00,Arsenal,Newcastle,1.8,3.9,4.2\n").getBytes(StandardCharsets.UTF_8);
        List<MalformedDataException> reported = new ArrayList<>();

        List<Fixture> fixtures = FootballDataReader.readFixtures(content, "fixtures.csv", FOLLOWED, reported::add);

        // the bad SC0 row is no concern of a feed that does not follow SC0
        assertThat(fixtures).extracting(Fixture::competition).containsExactly("E0");
        assertThat(reported).isEmpty();
    }

    @Test
    void shouldHandOnABadRowWithTheRowItselfAndKeepTheOthers() {
        byte[] content = (HEADER
                + "E0,17/05/2025,15:00,Arsenal,Newcastle,1.8,3.9,4.2\n"
                + "E0,32/05/2025,15:00,Chelsea,Man United,2.0,3.5,3.6\n").getBytes(StandardCharsets.UTF_8);
        List<MalformedDataException> reported = new ArrayList<>();

        List<Fixture> fixtures = FootballDataReader.readFixtures(content, "fixtures.csv", FOLLOWED, reported::add);

        assertThat(fixtures).extracting(Fixture::homeTeam).containsExactly("Arsenal");
        assertThat(reported).singleElement().satisfies(problem -> {
            assertThat(problem).hasMessageContaining("fixtures.csv, data row 2").hasMessageContaining("Date");
            assertThat(((MalformedRowException) problem).row()).isEqualTo("E0,32/05/2025,15:00,Chelsea,Man United,2.0,3.5,3.6");
        });
    }

    @Test
    void shouldRejectAFileWithoutTheFixtureColumns() {
        byte[] content = "<html>maintenance</html>\n".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> FootballDataReader.readFixtures(content, "fixtures.csv", FOLLOWED, row -> { }))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("fixtures.csv: missing column(s)");
    }
}
