package com.sabiscore.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SeasonRangeTest {

    @Test
    void shouldReadAYearSpanAsTheSeasonsBetweenItsEnds() {
        SeasonRange range = SeasonRange.parse("2019-2024");

        assertThat(range.startYears()).containsExactly(2019, 2020, 2021, 2022, 2023);
        assertThat(range.contains("2023-24")).isTrue();
        assertThat(range.contains("2024-25")).isFalse();
        assertThat(range.contains("2018-19")).isFalse();
    }

    @Test
    void shouldReadOneSeasonInEitherSpelling() {
        assertThat(SeasonRange.parse("2023-24")).isEqualTo(new SeasonRange(2023, 2023));
        assertThat(SeasonRange.parse("2023-2024")).isEqualTo(new SeasonRange(2023, 2023));
    }

    @Test
    void shouldLabelSeasonsAcrossTheCenturyTurn() {
        assertThat(SeasonRange.label(1999)).isEqualTo("1999-00");
        assertThat(SeasonRange.startYear("1999-00")).isEqualTo(1999);
    }

    @Test
    void shouldRejectMalformedRangesAndLabels() {
        assertThatThrownBy(() -> SeasonRange.parse("2024-2019")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SeasonRange.parse("2019")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SeasonRange.startYear("2023-25")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldStartASeasonInJuly() {
        assertThat(SeasonRange.seasonInProgress(LocalDate.parse("2024-06-30"))).isEqualTo(2023);
        assertThat(SeasonRange.seasonInProgress(LocalDate.parse("2024-07-01"))).isEqualTo(2024);
        assertThat(SeasonRange.seasonInProgress(LocalDate.parse("2025-01-15"))).isEqualTo(2024);
    }

    @Test
    void shouldRunFrom1993UpToTheSeasonInProgressOnTheClocksDate() {
        Clock midwinter = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);

        SeasonRange range = SeasonRange.upToSeasonInProgress(midwinter);

        assertThat(range).isEqualTo(new SeasonRange(1993, 2026));
        assertThat(range.contains("2026-27")).isTrue();
    }
}
