package com.sabiscore.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BodyReaderTest {

    private static Request post(byte[] body) {
        return new Request(HttpMethod.POST, "/api/v1/predict", EmptyHttpHeaders.INSTANCE, body, null);
    }

    private static Request post(String body) {
        return post(body.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRefused(Request request, String message) {
        assertThatThrownBy(() -> BodyReader.json(request))
                .isInstanceOfSatisfying(RequestRejected.class, rejected -> assertThat(rejected.status()).isEqualTo(400))
                .hasMessageContaining(message);
    }

    @Test
    void shouldReadOneDocumentWithWhitespaceAroundIt() {
        assertThat(BodyReader.json(post(" \n{\"league\": \"E0\"}\r\n\t")).get("league").asText()).isEqualTo("E0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"league\":\"E0\"}{\"league\":\"D1\"}", "{\"league\":\"E0\"} {}", "[1] [2]", "{\"league\":\"E0\"} 7"})
    void shouldRefuseASecondDocumentAfterTheFirst(String body) {
        assertRefused(post(body), "the body goes on after its JSON document");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"league\":\"E0\"}garbage", "{\"league\":\"E0\"}}", "{\"league\":\"E0\"},"})
    void shouldRefuseTrailingGarbage(String body) {
        assertRefused(post(body), "malformed JSON");
    }

    @Test
    void shouldRefuseABodyOfWhitespaceOnly() {
        assertRefused(post(" \r\n "), "holds no JSON document");
    }

    @Test
    void shouldRefuseBytesThatAreNotUtf8() {
        byte[] body = {'{', '"', 'l', '"', ':', '"', (byte) 0xFF, (byte) 0xFE, '"', '}'};

        assertRefused(post(body), "malformed JSON");
    }

    @Test
    void shouldRefuseNestingDeeperThanJacksonAllows() {
        assertRefused(post("[".repeat(100_000)), "malformed JSON");
    }
}
