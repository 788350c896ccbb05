package com.sabiscore.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"Arsenal", "Nott'm Forest", "Atlético Madrid", "Bayern München", "\u26bd United", "\ud83d\ude00 FC"})
    void shouldAcceptWellFormedNamesWithoutControlCharacters(String name) {
        assertThat(PlainText.fault(name)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Arse\u0000nal", "Arsenal\u007f", "Arse\u0085nal", "Arse\tnal"})
    void shouldRefuseControlCharactersNamingTheCodePoint(String name) {
        assertThat(PlainText.fault(name)).startsWith("must not contain control characters (found U+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\ud800", "Arsenal\ud83d", "\ude00Arsenal", "\ude00\ud83d"})
    void shouldRefuseUnpairedSurrogates(String name) {
        assertThat(PlainText.fault(name)).contains("unpaired UTF-16 surrogate");
    }

    @Test
    void shouldCutALongValueWithoutSplittingASurrogatePair() {
        String excerpt = PlainText.excerpt("a".repeat(79) + "\ud83d\ude00" + "b".repeat(1_000));

        assertThat(excerpt).isEqualTo("a".repeat(79) + "... (1081 characters)");
        assertThat(PlainText.excerpt("short")).isEqualTo("short");
    }
}
