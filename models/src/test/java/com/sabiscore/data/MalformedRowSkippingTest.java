package com.sabiscore.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.sabiscore.match.HistoricalMatch;

/** The lenient read a live feed uses: bad rows are reported and left out, the good ones still come through. */
class MalformedRowSkippingTest {

    private static final String HEADER = "Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,FTR\n";

    @Test
    void shouldReportEachBadRowAndKeepTheRowsAroundIt() {
        byte[] content = (HEADER
                + "E0,11/08/2023,Burnley,Man City,0,3,A\n"
                + "E0,12/08/2023,Arsenal,Nott'm Forest,two,1,H\n"
                + "E0,12/08/2023,Bournemouth,West Ham,1,1,H\n"
                + "E0,12/08/2023,Brighton,Luton,4,1,H\n").getBytes(StandardCharsets.UTF_8);
        List<MalformedDataException> reported = new ArrayList<>();

        List<HistoricalMatch> matches = FootballDataReader.read(content, "2023-24", "feed.csv", reported::add);

        assertThat(matches).extracting(m -> m.fixture().homeTeam()).containsExactly("Burnley", "Brighton");
        assertThat(reported).extracting(Throwable::getMessage).satisfiesExactly(
                first -> assertThat(first).contains("feed.csv, data row 2").contains("FTHG"),
                second -> assertThat(second).contains("feed.csv, data row 3").contains("FTR 'H' disagrees"));
    }

    @Test
    void shouldStillRejectAFileWithoutTheRequiredColumns() {
        byte[] content = "Div,Date,HomeTeam\nE0,11/08/2023,Burnley\n".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> FootballDataReader.read(content, "2023-24", "headless.csv", row -> { }))
                .isInstanceOf(MalformedDataException.class)
                .hasMessageContaining("headless.csv: missing column(s)");
    }
}
