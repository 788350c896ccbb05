package com.sabiscore.http;

import static com.sabiscore.http.FuzzInputs.cases;
import static com.sabiscore.http.FuzzInputs.isoYear;
import static com.sabiscore.http.FuzzInputs.quoted;
import static com.sabiscore.http.FuzzInputs.validBody;
import static com.sabiscore.http.FuzzInputs.validValue;
import static com.sabiscore.http.RawHttp.get;
import static com.sabiscore.http.RawHttp.read;
import static com.sabiscore.http.RawHttp.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.sabiscore.http.FuzzInputs.ValidRequest;
import com.sabiscore.http.HttpCalls.Answer;
import com.sabiscore.http.RawHttp.Reply;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input at one running instance (in-process broker, the real topology, the machine's
 * Redis): seeded random requests from {@link FuzzInputs} at the predict, batch and GET routes,
 * then a battery of hand-picked attacks written to the socket. Every answer is a 200 for valid
 * input or a 4xx with a JSON {@code {"error": ...}}, never a 5xx, and a request that never arrives
 * whole is answered 408 after the read timeout. Cases are counted so the class runs in well under
 * a minute; {@code -Dfuzz.seed=N} draws other cases, or replays the ones a failure names.
 */
class PredictionHttpFuzzTest {

    /** Large enough that a batch of 100,000 tiny items and 100,000 nested arrays reach the JSON and batch checks. */
    private static final int MAX_BODY_BYTES = 1 << 20;
    private static final int MAX_BATCH = 100;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(1);

    private static Path folder;
    private static SingleInstance instance;
    private static AppInstance app;
    private static final HttpCalls http = new HttpCalls();

    @BeforeAll
    static void startAnInstance() throws Exception {
        folder = Files.createTempDirectory("http-fuzz");
        instance = SingleInstance.start(folder, "http-fuzz", Map.of(
                "topic.partitions", "2",
                // the fuzzed answers leave the shared Redis a second after they are cached
                "cache.ttl.seconds", "1",
                "http.max.batch.size", Integer.toString(MAX_BATCH),
                "http.max.request.body.bytes", Integer.toString(MAX_BODY_BYTES),
                "http.read.timeout.ms", Long.toString(READ_TIMEOUT.toMillis())));
        app = instance.app();
    }

    @AfterAll
    static void stop() throws Exception {
        if (instance != null) {
            instance.close();
        }
        Utils.delete(folder.toFile());
    }

    // ---- random cases ----------------------------------------------------------------------

    @FuzzTest
    @MethodSource("jsonishBodies")
    void shouldRefuseOrAnswerAnyJsonishBodyAtThePredictRoute(String body) {
        assertRefusedOrAnswered(http.post(predictUrl(), body));
    }

    @FuzzTest
    @MethodSource("byteBodies")
    void shouldRefuseAnyBytesThatAreNoPredictRequest(byte[] body) {
        Answer answer = http.post(predictUrl(), body);

        assertRefusedOrAnswered(answer);
        assertThat(answer.status()).as(answer.body()).isNotEqualTo(200);
    }

    @FuzzTest
    @MethodSource("predictObjects")
    void shouldRefuseOrAnswerAPredictRequestWithAnyFieldValues(String body) {
        assertRefusedOrAnswered(http.post(predictUrl(), body));
    }

    @FuzzTest
    @MethodSource("validRequests")
    void shouldAnswerEveryValidPredictRequestWithItsFixture(ValidRequest request) {
        Answer answer = http.post(predictUrl(), request.json());

        assertThat(answer.status()).as(request.json() + " -> " + answer.body()).isEqualTo(200);
        JsonNode json = answer.json();
        assertThat(json.get("fixture_id").asText()).isEqualTo(request.fixtureId());
        assertThat(json.get("home_win_prob").asDouble() + json.get("draw_prob").asDouble() + json.get("away_win_prob").asDouble())
                .isCloseTo(1.0, within(1e-6));
    }

    @FuzzTest
    @MethodSource("unservedYears")
    void shouldRefuseAKickoffOutsideTheServedYearsNamingTheField(int year) {
        String kickoff = isoYear(year) + "-06-15T15:00:00Z";
        Answer answer = http.post(predictUrl(), "{\"home_team\":\"Arsenal\",\"away_team\":\"Chelsea\",\"league\":\"E0\",\"kickoff_time\":\""
                + kickoff + "\"}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(422);
        assertThat(answer.json().get("error").asText()).isEqualTo("kickoff_time '" + kickoff + "' is outside the years 1850 to 2200");
    }

    @FuzzTest
    @MethodSource("batches")
    void shouldRefuseOrAnswerAnyBatch(String body) {
        Answer answer = http.post(batchUrl(), body);

        JsonNode json = assertRefusedOrAnswered(answer);
        if (answer.status() == 200) {
            assertThat(json.isArray()).isTrue();
        }
    }

    @FuzzTest
    @MethodSource("validBatches")
    void shouldAnswerAValidBatchInRequestOrder(List<ValidRequest> requests) {
        StringJoiner batch = new StringJoiner(",", "[", "]");
        requests.forEach(request -> batch.add(request.json()));

        Answer answer = http.post(batchUrl(), batch.toString());

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        answer.json().forEach(prediction -> ids.add(prediction.get("fixture_id").asText()));
        assertThat(ids).containsExactlyElementsOf(requests.stream().map(ValidRequest::fixtureId).toList());
    }

    @FuzzTest
    @MethodSource("pathValues")
    void shouldRefuseOrAnswerAnyPathValue(String encoded) {
        assertRefusedOrAnswered(http.get(app.url("/api/v1/predictions/" + encoded)));
        assertRefusedOrAnswered(http.get(app.url("/api/v1/teams/E0/" + encoded)));
        assertRefusedOrAnswered(http.get(app.url("/api/v1/teams/" + encoded + "/Arsenal")));
    }

    @FuzzTest
    @MethodSource("rangeQueries")
    void shouldRefuseOrAnswerAnyRangeQuery(String query) {
        assertRefusedOrAnswered(http.get(app.url("/api/v1/predictions?" + query)));
    }

    // ---- the hostile battery ---------------------------------------------------------------

    @Test
    void shouldRefuseInvalidJsonWith400() {
        for (String body : List.of("{", "}", "{\"home_team\":}", "{'home_team':'Arsenal'}", "[1,]", "{\"a\":1,,}", "nul",
                "\"a string\"", "{}{}", "{} trailing", "{\"league\":NaN}", "\u0000", " ")) {
            Answer answer = http.post(predictUrl(), body);

            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.json().get("error").asText()).isNotBlank();
        }
    }

    @Test
    void shouldRefuseAFieldOfTheWrongTypeNamingIt() {
        for (String field : List.of("home_team", "away_team", "league", "kickoff_time")) {
            for (String wrong : List.of("7", "-1.5e300", "true", "[]", "{}", "[\"Arsenal\"]", "{\"name\":\"Arsenal\"}")) {
                Answer answer = http.post(predictUrl(), validBody().replace("\"" + field + "\":" + quoted(validValue(field)),
                        "\"" + field + "\":" + wrong));

                assertThat(answer.status()).as(field + "=" + wrong).isEqualTo(422);
                assertThat(answer.json().get("error").asText()).isEqualTo(field + " must be a string");
            }
        }
    }

    @Test
    void shouldRefuseHugeStringsAndBodiesWithoutEchoingThem() {
        Answer hugeName = http.post(predictUrl(), validBody().replace("Arsenal", "A".repeat(500_000)));
        Answer hugeKickoff = http.post(predictUrl(), validBody().replace("2024-12-01T16:30:00Z", "9".repeat(500_000)));
        Answer hugeBody = http.post(predictUrl(), "[" + "1,".repeat(MAX_BODY_BYTES) + "1]");

        assertThat(hugeName.status()).isEqualTo(422);
        assertThat(hugeName.json().get("error").asText()).isEqualTo("home_team is longer than 100 characters");
        assertThat(hugeKickoff.status()).isEqualTo(422);
        assertThat(hugeKickoff.body().length()).isLessThan(1_000);
        assertThat(hugeBody.status()).isEqualTo(413);
        assertThat(hugeBody.json().get("error").asText()).isEqualTo("the request body is larger than " + MAX_BODY_BYTES + " bytes");
        assertStillServing();
    }

    @Test
    void shouldRefuseDeepNestingWith400() {
        for (String body : List.of("[".repeat(100_000), "[".repeat(100_000) + "]".repeat(100_000), "{\"a\":".repeat(50_000))) {
            Answer answer = http.post(predictUrl(), body);

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.json().get("error").asText()).startsWith("malformed JSON");
        }
        assertStillServing();
    }

    @Test
    void shouldRefuseNulButAnswerEmojiInNames() {
        Answer nul = http.post(predictUrl(), validBody().replace("Arsenal", "Arse\\u0000nal"));
        Answer emoji = http.post(predictUrl(), validBody().replace("Arsenal", "\u26bd Arsenal \ud83d\ude00"));

        assertThat(nul.status()).isEqualTo(422);
        assertThat(nul.json().get("error").asText()).isEqualTo("home_team must not contain control characters (found U+0000)");
        assertThat(emoji.status()).isEqualTo(200);
        assertThat(emoji.json().get("fixture_id").asText()).isEqualTo("E0:2024-12-01:\u26bd Arsenal \ud83d\ude00:Chelsea");
    }

    @Test
    void shouldRefuseBatchesOfNoneAndOfAHundredThousand() {
        Answer none = http.post(batchUrl(), "[]");
        Answer tinyItems = http.post(batchUrl(), "[" + String.join(",", Collections.nCopies(100_000, "{}")) + "]");
        Answer wholeItems = http.post(batchUrl(), "[" + String.join(",", Collections.nCopies(100_000, validBody())) + "]");

        assertThat(none.status()).isEqualTo(422);
        assertThat(none.json().get("error").asText()).isEqualTo("the batch is empty");
        assertThat(tinyItems.status()).isEqualTo(422);
        assertThat(tinyItems.json().get("error").asText()).isEqualTo("the batch has 100000 requests; at most " + MAX_BATCH + " are allowed");
        assertThat(wholeItems.status()).isEqualTo(413);
        assertStillServing();
    }

    @Test
    void shouldAnswer408ToClientsThatAnnounceABodyAndNeverSendIt() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            // given: 20 connections, each with half a body sent
            for (int i = 0; i < 20; i++) {
                Socket socket = RawHttp.connect(app.http.port());
                slow.add(socket);
                send(socket, "POST /api/v1/predict HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 200\r\n\r\n" + validBody().substring(0, 40));
            }

            // then: each answered 408 once the read timeout has passed (a read gives up after 10 s) and closed
            for (Socket socket : slow) {
                Reply reply = read(socket);
                assertThat(reply.status()).isEqualTo(408);
                assertThat(reply.json().get("error").asText()).isEqualTo("the request did not arrive whole within 1000 ms");
                assertThat(socket.getInputStream().read()).isEqualTo(-1);
            }
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
        assertStillServing();
    }

    @Test
    void shouldAnswerTheRequestsBeforePipelinedGarbageAndThenRefuseIt() throws Exception {
        try (Socket socket = RawHttp.connect(app.http.port())) {
            send(socket, get("/health") + get("/health") + "THIS IS NOT HTTP\r\n\r\n" + get("/health"));

            assertThat(read(socket).status()).isEqualTo(200);
            assertThat(read(socket).status()).isEqualTo(200);
            Reply garbage = read(socket);
            assertThat(garbage.status()).isEqualTo(400);
            assertThat(garbage.json().get("error").asText()).startsWith("unreadable HTTP request");
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
        try (Socket socket = RawHttp.connect(app.http.port())) {
            byte[] binary = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03, '\r', '\n', '\r', '\n'};
            send(socket, binary);

            Reply reply = read(socket);
            assertThat(reply.status()).isBetween(400, 499);
            assertThat(reply.json().get("error").asText()).isNotBlank();
        }
    }

    @Test
    void shouldAnswerAnOverlongPathWith414AndALongIdWithJson() throws Exception {
        try (Socket socket = RawHttp.connect(app.http.port())) {
            send(socket, get("/api/v1/predictions/" + "x".repeat(10_000)));

            Reply reply = read(socket);
            assertThat(reply.status()).isEqualTo(414);
            assertThat(reply.json().get("error").asText()).startsWith("the request line is longer than");
        }
        Answer longId = http.get(app.url("/api/v1/predictions/E0:2024-12-01:" + "A".repeat(6_000) + ":Chelsea"));
        Answer longTeam = http.get(app.url("/api/v1/teams/E0/" + "B".repeat(6_000)));

        assertThat(longId.status()).isEqualTo(404);
        assertThat(longId.json().get("error").asText()).isNotBlank();
        assertThat(longTeam.status()).isEqualTo(404);
        assertStillServing();
    }

    @Test
    void shouldAnswerOversizedHeadersWith431() throws Exception {
        try (Socket socket = RawHttp.connect(app.http.port())) {
            send(socket, "GET /health HTTP/1.1\r\nHost: test\r\n" + ("X-Filler: " + "y".repeat(4_000) + "\r\n").repeat(5) + "\r\n");

            Reply reply = read(socket);
            assertThat(reply.status()).isEqualTo(431);
            assertThat(reply.json().get("error").asText()).startsWith("the request headers are larger than");
        }
    }

    @Test
    void shouldRefuseReversedAndCenturyLongRanges() {
        Map<String, String> refusals = Map.of(
                "from=2023-10-31&to=2023-10-01", "to (2023-10-01) is before from (2023-10-31)",
                "from=1923-01-01&to=2023-01-01", "from..to spans more than 400 days: ask for a shorter range",
                "from=1850-01-01&to=2200-12-31", "from..to spans more than 400 days: ask for a shorter range",
                "from=2023-01-01&to=9999-12-31", "to '9999-12-31' is outside the years 1850 to 2200");
        refusals.forEach((range, message) -> {
            Answer answer = http.get(app.url("/api/v1/predictions?competition=E0&" + range));

            assertThat(answer.status()).as(range).isEqualTo(422);
            assertThat(answer.json().get("error").asText()).isEqualTo(message);
        });
    }

    // ---- case sources ----------------------------------------------------------------------

    static Stream<Arguments> jsonishBodies() {
        return cases(250, FuzzInputs::jsonishBody);
    }

    static Stream<Arguments> byteBodies() {
        return cases(100, inputs -> inputs.bytes(0, 300));
    }

    static Stream<Arguments> predictObjects() {
        return cases(300, FuzzInputs::predictObject);
    }

    static Stream<Arguments> validRequests() {
        return cases(100, FuzzInputs::validRequest);
    }

    static Stream<Arguments> unservedYears() {
        return cases(100, FuzzInputs::unservedYear);
    }

    static Stream<Arguments> batches() {
        return cases(150, inputs -> inputs.batch(MAX_BATCH));
    }

    static Stream<Arguments> validBatches() {
        return cases(50, inputs -> inputs.validRequests(1, 8));
    }

    static Stream<Arguments> pathValues() {
        return cases(150, FuzzInputs::pathValue);
    }

    static Stream<Arguments> rangeQueries() {
        return cases(150, FuzzInputs::rangeQuery);
    }

    // ---- checks and routes -------------------------------------------------------------------

    /** Either a 200 with JSON, or a 4xx with {@code {"error": "..."}}; never a 5xx. */
    private static JsonNode assertRefusedOrAnswered(Answer answer) {
        assertThat(answer.json()).as("a JSON answer, got " + answer.status() + ": " + answer.body()).isNotNull();
        if (answer.status() != 200) {
            assertThat(answer.status()).as(answer.body()).isBetween(400, 499);
            assertThat(answer.json().path("error").isTextual()).as(answer.body()).isTrue();
        }
        return answer.json();
    }

    private static void assertStillServing() {
        Answer answer = http.post(predictUrl(), validBody());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    private static String predictUrl() {
        return app.url("/api/v1/predict");
    }

    private static String batchUrl() {
        return app.url("/api/v1/predict/batch");
    }
}
