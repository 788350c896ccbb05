package com.sabiscore.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class FixtureIdTest {

    @Test
    void shouldPrintAndParseThePlainFormat() {
        FixtureId id = new FixtureId("E0", LocalDate.of(2023, 8, 11), "Burnley", "Man City");

        assertThat(id).hasToString("E0:2023-08-11:Burnley:Man City");
        assertThat(FixtureId.parse(id.toString())).isEqualTo(id);
        assertThat(id.sequence()).isEqualTo(1);
    }

    @Test
    void shouldTellASecondSameDayMeetingApartBySuffix() {
        FixtureId first = new FixtureId("INT", LocalDate.of(1974, 2, 17), "Tahiti", "New Caledonia");
        FixtureId second = new FixtureId("INT", LocalDate.of(1974, 2, 17), "Tahiti", "New Caledonia", 2);

        assertThat(second).isNotEqualTo(first).hasToString("INT:1974-02-17:Tahiti:New Caledonia:2");
        assertThat(FixtureId.parse(second.toString())).isEqualTo(second);
    }

    @Test
    void shouldRejectASuffixThatIsNotASecondOrLaterMeeting() {
        assertThatThrownBy(() -> FixtureId.parse("INT:1974-02-17:Tahiti:New Caledonia:1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FixtureId.parse("INT:1974-02-17:Tahiti:New Caledonia:x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FixtureId.parse("E0:2023-08-11:Burnley")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldReadTheDateAsLocalDateParseDoesAndRefuseWhatItRefuses() {
        for (String date : new String[] {"2023-08-11", "1993-01-31", "2024-02-29", "0001-01-01", "+12023-01-01"}) {
            assertThat(FixtureId.parse("E0:" + date + ":Arsenal:Chelsea").date()).isEqualTo(LocalDate.parse(date));
        }
        for (String date : new String[] {"2023-02-29", "2023-02-30", "2023-13-01", "2023-00-10", "2023-01-00", "2023-1-011",
                "20a3-01-01", "2023/01/01", "2023-01-1"}) {
            assertThatThrownBy(() -> FixtureId.parse("E0:" + date + ":Arsenal:Chelsea")).as(date)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("yyyy-MM-dd");
        }
    }
}
