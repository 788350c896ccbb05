package com.sabiscore.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
