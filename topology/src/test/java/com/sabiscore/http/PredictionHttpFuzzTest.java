package com.sabiscore.http;

import static com.sabiscore.http.RawHttp.get;
import static com.sabiscore.http.RawHttp.read;
import static com.sabiscore.http.RawHttp.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.sabiscore.data.FootballDataReader;
import com.sabiscore.data.TeamNames;
import com.sabiscore.http.HttpCalls.Answer;
import com.sabiscore.http.RawHttp.Reply;
import com.sabiscore.match.Competition;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.kafka.common.utils.Utils;

/**
 * Hostile input at one running instance (in-process broker, the real topology, the machine's
 * Redis): property-based requests at the predict, batch and GET routes, then a battery of
 * hand-picked attacks written to the socket. Every answer is a 200 for valid input or a 4xx with
 * a JSON {@code {"error": ...}}, never a 5xx, and a request that never arrives whole is answered
 * 408 after the read timeout. Tries are bounded so the class runs in well under a minute.
 */
class PredictionHttpFuzzTest {

    /** Large enough that a batch of 100,000 tiny items and 100,000 nested arrays reach the JSON and batch checks. */
    private static final int MAX_BODY_BYTES = 1 << 20;
    private static final int MAX_BATCH = 100;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(1);
    private static final Instant FIRST_SERVED = Instant.parse("1850-01-01T00:00:00Z");
    private static final Instant LAST_SERVED = Instant.parse("2200-12-31T23:59:59Z");

    private static Path folder;
    private static SingleInstance instance;
    private static AppInstance app;
    private static final HttpCalls http = new HttpCalls();

    @BeforeContainer
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

    @AfterContainer
    static void stop() throws Exception {
        if (instance != null) {
            instance.close();
        }
        Utils.delete(folder.toFile());
    }

    /** A valid predict request, and the fixture id its answer must carry. */
    record ValidRequest(String home, String away, Competition competition, Instant kickoff, ZoneOffset offset) {

        String json() {
            return "{\"home_team\":" + quoted(home) + ",\"away_team\":" + quoted(away) + ",\"league\":" + quoted(competition.code())
                    + ",\"kickoff_time\":" + quoted(kickoff.atOffset(offset).toString()) + "}";
        }

        String fixtureId() {
            return competition.code() + ":" + kickoff.atZone(FootballDataReader.UK).toLocalDate() + ":"
                    + TeamNames.canonical(home.strip()) + ":" + TeamNames.canonical(away.strip());
        }
    }

    // ---- properties ------------------------------------------------------------------------

    @Property(tries = 250)
    void shouldRefuseOrAnswerAnyJsonishBodyAtThePredictRoute(@ForAll("jsonishBodies") String body) {
        assertRefusedOrAnswered(http.post(predictUrl(), body));
    }

    @Property(tries = 100)
    void shouldRefuseAnyBytesThatAreNoPredictRequest(@ForAll @Size(max = 300) byte[] body) {
        Answer answer = http.post(predictUrl(), body);

        assertRefusedOrAnswered(answer);
        assertThat(answer.status()).as(answer.body()).isNotEqualTo(200);
    }

    @Property(tries = 300)
    void shouldRefuseOrAnswerAPredictRequestWithAnyFieldValues(@ForAll("predictObjects") String body) {
        assertRefusedOrAnswered(http.post(predictUrl(), body));
    }

    @Property(tries = 100)
    void shouldAnswerEveryValidPredictRequestWithItsFixture(@ForAll("validRequests") ValidRequest request) {
        Answer answer = http.post(predictUrl(), request.json());

        assertThat(answer.status()).as(request.json() + " -> " + answer.body()).isEqualTo(200);
        JsonNode json = answer.json();
        assertThat(json.get("fixture_id").asText()).isEqualTo(request.fixtureId());
        assertThat(json.get("home_win_prob").asDouble() + json.get("draw_prob").asDouble() + json.get("away_win_prob").asDouble())
                .isCloseTo(1.0, within(1e-6));
    }

    @Property(tries = 100)
    void shouldRefuseAKickoffOutsideTheServedYearsNamingTheField(@ForAll("unservedYears") int year) {
        String kickoff = isoYear(year) + "-06-15T15:00:00Z";
        Answer answer = http.post(predictUrl(), "{\"home_team\":\"Arsenal\",\"away_team\":\"Chelsea\",\"league\":\"E0\",\"kickoff_time\":\""
                + kickoff + "\"}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(422);
        assertThat(answer.json().get("error").asText()).isEqualTo("kickoff_time '" + kickoff + "' is outside the years 1850 to 2200");
    }

    @Property(tries = 150)
    void shouldRefuseOrAnswerAnyBatch(@ForAll("batches") String body) {
        Answer answer = http.post(batchUrl(), body);

        JsonNode json = assertRefusedOrAnswered(answer);
        if (answer.status() == 200) {
            assertThat(json.isArray()).isTrue();
        }
    }

    @Property(tries = 50)
    void shouldAnswerAValidBatchInRequestOrder(@ForAll @Size(min = 1, max = 8) List<@From("validRequests") ValidRequest> requests) {
        StringJoiner batch = new StringJoiner(",", "[", "]");
        requests.forEach(request -> batch.add(request.json()));

        Answer answer = http.post(batchUrl(), batch.toString());

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        answer.json().forEach(prediction -> ids.add(prediction.get("fixture_id").asText()));
        assertThat(ids).containsExactlyElementsOf(requests.stream().map(ValidRequest::fixtureId).toList());
    }

    @Property(tries = 150)
    void shouldRefuseOrAnswerAnyPathValue(@ForAll("pathValues") String encoded) {
        assertRefusedOrAnswered(http.get(app.url("/api/v1/predictions/" + encoded)));
        assertRefusedOrAnswered(http.get(app.url("/api/v1/teams/E0/" + encoded)));
        assertRefusedOrAnswered(http.get(app.url("/api/v1/teams/" + encoded + "/Arsenal")));
    }

    @Property(tries = 150)
    void shouldRefuseOrAnswerAnyRangeQuery(@ForAll("competitions") String competition, @ForAll("dates") String from,
                                           @ForAll("dates") String to) {
        assertRefusedOrAnswered(http.get(app.url("/api/v1/predictions?competition=" + queryEncoded(competition)
                + "&from=" + queryEncoded(from) + "&to=" + queryEncoded(to))));
    }

    // ---- the hostile battery ---------------------------------------------------------------

    @Example
    void shouldRefuseInvalidJsonWith400() {
        for (String body : List.of("{", "}", "{\"home_team\":}", "{'home_team':'Arsenal'}", "[1,]", "{\"a\":1,,}", "nul",
                "\"a string\"", "{}{}", "{} trailing", "{\"league\":NaN}", "\u0000", " ")) {
            Answer answer = http.post(predictUrl(), body);

            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.json().get("error").asText()).isNotBlank();
        }
    }

    @Example
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

    @Example
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

    @Example
    void shouldRefuseDeepNestingWith400() {
        for (String body : List.of("[".repeat(100_000), "[".repeat(100_000) + "]".repeat(100_000), "{\"a\":".repeat(50_000))) {
            Answer answer = http.post(predictUrl(), body);

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.json().get("error").asText()).startsWith("malformed JSON");
        }
        assertStillServing();
    }

    @Example
    void shouldRefuseNulButAnswerEmojiInNames() {
        Answer nul = http.post(predictUrl(), validBody().replace("Arsenal", "Arse\\u0000nal"));
        Answer emoji = http.post(predictUrl(), validBody().replace("Arsenal", "\u26bd Arsenal \ud83d\ude00"));

        assertThat(nul.status()).isEqualTo(422);
        assertThat(nul.json().get("error").asText()).isEqualTo("home_team must not contain control characters (found U+0000)");
        assertThat(emoji.status()).isEqualTo(200);
        assertThat(emoji.json().get("fixture_id").asText()).isEqualTo("E0:2024-12-01:\u26bd Arsenal \ud83d\ude00:Chelsea");
    }

    @Example
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

    @Example
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

    @Example
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

    @Example
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

    @Example
    void shouldAnswerOversizedHeadersWith431() throws Exception {
        try (Socket socket = RawHttp.connect(app.http.port())) {
            send(socket, "GET /health HTTP/1.1\r\nHost: test\r\n" + ("X-Filler: " + "y".repeat(4_000) + "\r\n").repeat(5) + "\r\n");

            Reply reply = read(socket);
            assertThat(reply.status()).isEqualTo(431);
            assertThat(reply.json().get("error").asText()).startsWith("the request headers are larger than");
        }
    }

    @Example
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

    // ---- generators ------------------------------------------------------------------------

    /** Token soup: JSON punctuation, the contract's field names, escapes and literals in any order. */
    @Provide
    Arbitrary<String> jsonishBodies() {
        Arbitrary<String> token = Arbitraries.oneOf(
                Arbitraries.of("{", "}", "[", "]", ":", ",", "\"", "null", "true", "false", "-0", "1e999", "0x10", "\\u0000",
                        "\\ud800", "\"home_team\"", "\"away_team\"", "\"league\"", "\"kickoff_time\"", "\"E0\"", "\"Arsenal\"",
                        "\"2024-05-01T15:00:00Z\"", " ", "\n", "\u00e9", "\ud83d\ude00"),
                Arbitraries.strings().ofMaxLength(12).map(PredictionHttpFuzzTest::quoted),
                Arbitraries.integers().map(String::valueOf));
        return Arbitraries.oneOf(token.list().ofMaxSize(40).map(tokens -> String.join("", tokens)), predictObjects());
    }

    /** Objects with each contract field absent, of any JSON type, or any string (control characters, lone surrogates). */
    @Provide
    Arbitrary<String> predictObjects() {
        return Combinators.combine(anyValue("home_team"), anyValue("away_team"), anyValue("league"), anyValue("kickoff_time"))
                .as((home, away, league, kickoff) -> {
                    StringJoiner object = new StringJoiner(",", "{", "}");
                    for (String member : new String[] {home, away, league, kickoff}) {
                        if (member != null) {
                            object.add(member);
                        }
                    }
                    return object.toString();
                });
    }

    private static Arbitrary<String> anyValue(String field) {
        return Arbitraries.oneOf(
                        Arbitraries.just(validValue(field)).map(PredictionHttpFuzzTest::quoted),
                        Arbitraries.strings().all().ofMaxLength(120).map(PredictionHttpFuzzTest::quoted),
                        Arbitraries.integers().map(String::valueOf),
                        Arbitraries.doubles().map(String::valueOf),
                        Arbitraries.of("null", "true", "false", "[]", "{}", "[\"Arsenal\"]", "{\"name\":\"Arsenal\"}"),
                        extremeKickoffs().map(PredictionHttpFuzzTest::quoted),
                        Arbitraries.of(Competition.class).map(c -> quoted(c.commonName())))
                .map(value -> quoted(field) + ":" + value)
                .injectNull(0.1);
    }

    /** Date-times with years from -999,999,999 to 999,999,999, impossible fields and odd offsets. */
    private static Arbitrary<String> extremeKickoffs() {
        Arbitrary<Integer> years = Arbitraries.oneOf(Arbitraries.integers().between(-999_999_999, 999_999_999),
                Arbitraries.integers().between(1840, 2210), Arbitraries.of(0, -1, 9999, 10_000, 1849, 1850, 2200, 2201));
        Arbitrary<String> offsets = Arbitraries.of("Z", "+00:00", "+01:00", "-12:00", "+18:00", "+19:00", "", "+5", "z", "GMT");
        return Combinators.combine(years, Arbitraries.integers().between(0, 13), Arbitraries.integers().between(0, 32),
                        Arbitraries.integers().between(0, 25), Arbitraries.integers().between(0, 61), offsets)
                .as((year, month, day, hour, minute, offset) ->
                        String.format("%s-%02d-%02dT%02d:%02d:00%s", isoYear(year), month, day, hour, minute, offset));
    }

    @Provide
    Arbitrary<ValidRequest> validRequests() {
        Arbitrary<String> names = Arbitraries.strings().alpha().numeric().withChars(' ', '\'', '.', '&', '-', '\u00e9', '\u00fc', '\u26bd')
                .ofMinLength(1).ofMaxLength(40).filter(name -> !name.isBlank());
        Arbitrary<Instant> kickoffs = Arbitraries.longs().between(FIRST_SERVED.getEpochSecond(), LAST_SERVED.getEpochSecond())
                .map(Instant::ofEpochSecond);
        Arbitrary<ZoneOffset> offsets = Arbitraries.integers().between(-18 * 60, 18 * 60).map(minutes -> ZoneOffset.ofTotalSeconds(minutes * 60));
        return Combinators.combine(names, names, Arbitraries.of(Competition.class), kickoffs, offsets)
                .as(ValidRequest::new)
                .filter(request -> !TeamNames.canonical(request.home().strip()).equalsIgnoreCase(TeamNames.canonical(request.away().strip())));
    }

    @Provide
    Arbitrary<Integer> unservedYears() {
        return Arbitraries.oneOf(Arbitraries.integers().between(-999_999_999, 1849), Arbitraries.integers().between(2201, 999_999_999),
                Arbitraries.of(0, -1, 9999, 999_999_999));
    }

    @Provide
    Arbitrary<String> batches() {
        return Arbitraries.oneOf(
                predictObjects().list().ofMaxSize(6).map(items -> "[" + String.join(",", items) + "]"),
                jsonishBodies(),
                Arbitraries.integers().between(MAX_BATCH - 1, MAX_BATCH + 1).map(size -> "[" + String.join(",", Collections.nCopies(size, validBody())) + "]"));
    }

    /** Percent-encoded segments: any bytes (not UTF-8, NUL, '/'), or fixture-id shapes with extreme dates. */
    @Provide
    Arbitrary<String> pathValues() {
        Arbitrary<String> anyBytes = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(80).map(PredictionHttpFuzzTest::percentEncoded);
        Arbitrary<String> idShapes = Combinators.combine(Arbitraries.of("E0", "D1", "XX", ""), extremeDates(),
                        Arbitraries.strings().all().ofMaxLength(20), Arbitraries.strings().ofMaxLength(20))
                .as((competition, date, home, away) -> percentEncoded((competition + ":" + date + ":" + home + ":" + away)
                        .getBytes(StandardCharsets.UTF_8)));
        return Arbitraries.oneOf(anyBytes, idShapes);
    }

    @Provide
    Arbitrary<String> competitions() {
        return Arbitraries.oneOf(Arbitraries.of(Competition.class).map(Competition::code), Arbitraries.strings().all().ofMaxLength(20));
    }

    @Provide
    Arbitrary<String> dates() {
        return Arbitraries.oneOf(extremeDates(), Arbitraries.strings().all().ofMaxLength(20),
                Arbitraries.longs().between(LocalDate.of(2023, 1, 1).toEpochDay(), LocalDate.of(2024, 12, 31).toEpochDay())
                        .map(day -> LocalDate.ofEpochDay(day).toString()));
    }

    private static Arbitrary<String> extremeDates() {
        return Arbitraries.longs().between(LocalDate.MIN.toEpochDay(), LocalDate.MAX.toEpochDay()).map(day -> LocalDate.ofEpochDay(day).toString());
    }

    // ---- helpers ---------------------------------------------------------------------------

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

    private static String validValue(String field) {
        return switch (field) {
            case "home_team" -> "Arsenal";
            case "away_team" -> "Chelsea";
            case "league" -> "E0";
            default -> "2024-12-01T16:30:00Z";
        };
    }

    private static String validBody() {
        return "{\"home_team\":\"Arsenal\",\"away_team\":\"Chelsea\",\"league\":\"E0\",\"kickoff_time\":\"2024-12-01T16:30:00Z\"}";
    }

    private static String predictUrl() {
        return app.url("/api/v1/predict");
    }

    private static String batchUrl() {
        return app.url("/api/v1/predict/batch");
    }

    /** A JSON string with every character outside printable ASCII escaped, so lone surrogates travel as {@code \\uXXXX}. */
    private static String quoted(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    /** A year as ISO-8601 writes it: four digits from 0000 to 9999, else signed. */
    private static String isoYear(int year) {
        if (year >= 0 && year <= 9999) {
            return String.format("%04d", year);
        }
        return year > 0 ? "+" + year : String.format("-%04d", -year);
    }

    private static String percentEncoded(byte[] bytes) {
        StringBuilder encoded = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            encoded.append('%').append(String.format("%02X", b & 0xff));
        }
        return encoded.toString();
    }

    private static String queryEncoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
