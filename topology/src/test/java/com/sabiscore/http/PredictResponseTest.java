package com.sabiscore.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sabiscore.query.JsonFormat;
import com.sabiscore.query.PredictionView;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PredictResponseTest {

    private static PredictResponse streamed(long version) {
        return PredictResponse.streamed(new PredictionView("E0:2024-12-01:Arsenal:Chelsea", "E0", "Arsenal", "Chelsea",
                "2024-12-01T16:30:00Z", 0.5, 0.27, 0.23, 0.55, 0.5, "home", 0.02, "medium",
                List.of("Arsenal are in form.", "Chelsea \"travel\" badly."), "odds-v1", "odds", 42L,
                "2024-11-30T17:00:00Z", version));
    }

    private static JsonNode parse(byte[] json) throws Exception {
        return JsonFormat.mapper().readTree(json);
    }

    @Test
    void shouldEncodeTheAnswerAndItsCachedFormInOneGo() throws Exception {
        // given
        PredictResponse response = streamed(3);

        // when
        PredictResponse.Encoded encoded = response.encode();

        // then: the answer as Jackson writes it, and the cached form the same but for its source
        assertThat(parse(encoded.json())).isEqualTo(parse(JsonFormat.mapper().writeValueAsBytes(response)));
        assertThat(parse(encoded.cached().getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(parse(JsonFormat.mapper().writeValueAsBytes(response.fromCache())));
        assertThat(parse(encoded.cached().getBytes(StandardCharsets.UTF_8)).get("source").asText()).isEqualTo("cache");
        assertThat(parse(encoded.json()).get("source").asText()).isEqualTo("stream");
        assertThat(parse(encoded.json()).get("version").asLong()).isEqualTo(3);
    }
}
