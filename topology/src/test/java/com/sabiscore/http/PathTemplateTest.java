package com.sabiscore.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathTemplateTest {

    private final PathTemplate teams = new PathTemplate("/api/v1/teams/{competition}/{team}");

    @Test
    void shouldPercentDecodeEachParameterAsUtf8AndKeepAPlus() {
        assertThat(teams.match("/api/v1/teams/E0/Nott'm%20Forest")).containsExactly("E0", "Nott'm Forest");
        assertThat(teams.match("/api/v1/teams/SP1/Atl%C3%A9tico%3AMadrid")).containsExactly("SP1", "Atlético:Madrid");
        assertThat(teams.match("/api/v1/teams/E0/A+B")).containsExactly("E0", "A+B");
        assertThat(teams.match("/api/v1/teams/E0/A%2BB")).containsExactly("E0", "A+B");
    }

    @Test
    void shouldNotMatchAnotherShapeOfPath() {
        assertThat(teams.match("/api/v1/teams/E0")).isNull();
        assertThat(teams.match("/api/v1/teams/E0/Arsenal/more")).isNull();
        assertThat(teams.match("/api/v1/teams//Arsenal")).isNull();
        assertThat(teams.match("/api/v2/teams/E0/Arsenal")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/teams/E0/Arsenal%", "/api/v1/teams/E0/Arsenal%2", "/api/v1/teams/E0/%zzArsenal"})
    void shouldRejectAMalformedEscapeAsABadRequest(String path) {
        assertThatThrownBy(() -> teams.match(path))
                .isInstanceOfSatisfying(RequestRejected.class, rejected -> assertThat(rejected.status()).isEqualTo(400))
                .hasMessageContaining("percent-escape");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // a lone continuation byte, a byte that never starts UTF-8, a cut-off two-byte sequence
            "/api/v1/teams/E0/Arsenal%80", "/api/v1/teams/E0/%FFArsenal", "/api/v1/teams/E0/Atl%C3tico",
            // a UTF-16 surrogate encoded as if it were a character (CESU-8)
            "/api/v1/teams/E0/%ED%A0%80Arsenal"})
    void shouldRejectBytesThatAreNotUtf8AsABadRequest(String path) {
        assertThatThrownBy(() -> teams.match(path))
                .isInstanceOfSatisfying(RequestRejected.class, rejected -> assertThat(rejected.status()).isEqualTo(400))
                .hasMessageEndingWith("is not UTF-8 once percent-decoded");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/teams/E0/Arse%00nal", "/api/v1/teams/E%0A0/Arsenal", "/api/v1/teams/E0/Arsenal%7F"})
    void shouldRejectAControlCharacterAsABadRequest(String path) {
        assertThatThrownBy(() -> teams.match(path))
                .isInstanceOfSatisfying(RequestRejected.class, rejected -> assertThat(rejected.status()).isEqualTo(400))
                .hasMessageContaining("must not contain control characters");
    }
}
