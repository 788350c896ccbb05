package com.sabiscore.http;

import static com.sabiscore.http.StreamedFixtures.ARSENAL_CHELSEA;
import static com.sabiscore.http.StreamedFixtures.BAYERN_DORTMUND;
import static com.sabiscore.http.StreamedFixtures.CITY_LIVERPOOL;
import static com.sabiscore.http.StreamedFixtures.FOREST_ARSENAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.sabiscore.cache.PredictionCache;
import com.sabiscore.events.Fixture;
import com.sabiscore.http.HttpCalls.Answer;
import com.sabiscore.match.Competition;
import com.sabiscore.query.InternalRoutes;
import com.sabiscore.streams.StoreNames;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The public API of one app instance ({@link PredictionRoutes}, with {@code /health}, {@code /ready}
 * and {@code /metrics}) over a real in-process broker, the real prediction topology and the
 * machine's Redis. A few fixtures are streamed once for the whole class; every request goes
 * through the real server and the JDK HTTP client.
 */
class PredictionRoutesTest {

    private static final String INTERNAL_SECRET = "between-instances";
    /** Differs per run, so cache keys (which hold the kick-off time) never meet a previous run's entries. */
    private static final String RUN_TIME = String.format("%02d:%02d", new Random().nextInt(60), new Random().nextInt(60));

    @TempDir
    static Path folder;

    private static SingleInstance instance;
    private static AppInstance app;
    private static RedisClient redisClient;
    private static StatefulRedisConnection<String, String> redis;
    private static final List<String> cacheKeys = new ArrayList<>();
    private final HttpCalls http = new HttpCalls();

    @BeforeAll
    static void streamSomeFixtures() throws Exception {
        instance = SingleInstance.start(folder, "serving-test", Map.of(
                "topic.partitions", "3",
                "http.max.batch.size", "5",
                "http.max.request.body.bytes", "2048",
                "http.internal.secret", INTERNAL_SECRET));
        app = instance.app();
        StreamedFixtures.produce(app.config, StreamedFixtures.RESULTS, StreamedFixtures.FIXTURES);
        redisClient = RedisClient.create("redis://127.0.0.1:6379");
        redis = redisClient.connect();
        HttpCalls calls = new HttpCalls();
        for (Fixture fixture : StreamedFixtures.FIXTURES) {
            awaitStatus(calls, app.url(predictionPath(fixture.getFixtureId())), 200);
        }
    }

    @AfterAll
    static void stop() {
        if (redis != null) {
            if (!cacheKeys.isEmpty()) {
                redis.sync().del(cacheKeys.toArray(String[]::new));
            }
            redis.close();
            redisClient.shutdown();
        }
        if (instance != null) {
            instance.close();
        }
    }

    private static void awaitStatus(HttpCalls calls, String url, int status) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (calls.get(url).status() != status) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(url + " never answered " + status);
            }
            Thread.sleep(100);
        }
    }

    static String predictionPath(String fixtureId) {
        return "/api/v1/predictions/" + URLEncoder.encode(fixtureId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Deletes a cache entry the app writes after answering: the write is asynchronous, so a delete
     * sent at once can land first and leave the entry for the next request to hit.
     */
    private static void awaitKey(String key) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        while (redis.sync().exists(key) == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
        }
    }

    static void deleteOnceWritten(RedisCommands<String, String> redis, String key) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (redis.exists(key) == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(5);
        }
        assertThat(redis.del(key)).as("the app cached " + key).isEqualTo(1);
    }

    /** The version of the model answering, the first part of every cache key. */
    private static String modelVersion() {
        return app.models.lineup().champion().version();
    }

    /** A predict request body on this run's kick-off time (same UK date as {@code date}). */
    private static String predictBody(String home, String away, String league, String date) {
        String kickoff = date + "T14:" + RUN_TIME + "Z";
        cacheKeys.add(PredictionCache.key(modelVersion(), Competition.parse(league).orElseThrow().code(), home, away,
                Instant.parse(kickoff)));
        return "{\"home_team\":\"" + home + "\",\"away_team\":\"" + away + "\",\"league\":\"" + league
                + "\",\"kickoff_time\":\"" + kickoff + "\"}";
    }

    private double requests(String result) {
        return app.metrics.registry().get("prediction.requests").tag("result", result).counter().count();
    }

    @Test
    void shouldAnswerTheInternalRoutesOnlyToRequestsCarryingTheInstancesSecret() {
        String value = app.url("/internal/v1/stores/" + StoreNames.PREDICTIONS + "/keys/"
                + URLEncoder.encode(ARSENAL_CHELSEA.getFixtureId(), StandardCharsets.UTF_8).replace("+", "%20"));
        String range = app.url("/internal/v1/predictions?competition=E0&from=2023-01-01&to=2023-12-31");

        // without the secret: 401, saying which header to send
        for (String url : List.of(value, range)) {
            Answer anonymous = http.get(url);
            assertThat(anonymous.status()).as(url).isEqualTo(401);
            assertThat(anonymous.json().get("error").asText()).contains(InternalRoutes.SECRET);
            assertThat(anonymous.raw().headers().firstValue("WWW-Authenticate")).contains(InternalRoutes.SECRET);
        }
        // with another secret: 403
        Answer guessed = http.get(range, InternalRoutes.SECRET, "guess");
        assertThat(guessed.status()).isEqualTo(403);
        assertThat(guessed.json().get("error").asText()).contains("does not match");
        // with it: the local copies answer
        assertThat(http.get(value, InternalRoutes.SECRET, INTERNAL_SECRET).status()).isEqualTo(200);
        assertThat(http.get(range, InternalRoutes.SECRET, INTERNAL_SECRET).status()).isEqualTo(200);
        // and the public API asks for nothing
        assertThat(http.get(app.url(predictionPath(ARSENAL_CHELSEA.getFixtureId()))).status()).isEqualTo(200);
    }

    @Test
    void shouldServeAStreamedPredictionByItsUrlEncodedIdWithItsFreshness() {
        // when: the id holds ':' and a space, percent-encoded
        Answer answer = http.get(app.url(predictionPath(CITY_LIVERPOOL.getFixtureId())));

        // then
        assertThat(answer.status()).isEqualTo(200);
        JsonNode prediction = answer.json().get("prediction");
        assertThat(prediction.get("fixture_id").asText()).isEqualTo("E0:2023-10-22:Man City:Liverpool");
        assertThat(prediction.get("home_team").asText()).isEqualTo("Man City");
        assertThat(prediction.get("version").asLong()).isEqualTo(1);
        assertThat(prediction.get("as_of").asText()).isEqualTo(CITY_LIVERPOOL.getKickoff().minus(Duration.ofDays(7)).toString());
        assertThat(prediction.get("kickoff").asText()).isEqualTo("2023-10-22T15:30:00Z");
        assertThat(prediction.get("model_version").asText()).isNotBlank();
        assertThat(prediction.get("home_win_prob").asDouble() + prediction.get("draw_prob").asDouble()
                + prediction.get("away_win_prob").asDouble()).isCloseTo(1.0, within(1e-6));
        assertThat(answer.json().get("served_by").asText()).isEqualTo(app.name());
        assertThat(answer.json().get("stale").asBoolean()).isFalse();
    }

    @Test
    void shouldServeTheNewVersionOnceAResultReScoresAFixtureAlreadyAskedFor() throws Exception {
        // given a fixture of teams no other test streams, served (and so kept) at version 1
        Fixture fixture = StreamedFixtures.fixture("E0", "Everton", "Fulham", "2023-12-09T15:00:00Z");
        StreamedFixtures.produce(app.config, List.of(), List.of(fixture));
        String url = app.url(predictionPath(fixture.getFixtureId()));
        awaitStatus(http, url, 200);
        assertThat(http.get(url).json().get("prediction").get("version").asLong()).isEqualTo(1);
        assertThat(http.get(url).json().get("prediction").get("version").asLong()).isEqualTo(1);

        // when a result of the home side's previous match arrives
        StreamedFixtures.produce(app.config, List.of(StreamedFixtures.result("Everton", "Brighton", "2023-11-25T15:00:00Z", 0, 3)),
                List.of());

        // then the next answers carry the re-scored version
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        long version = 1;
        while (version == 1 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            version = http.get(url).json().get("prediction").get("version").asLong();
        }
        assertThat(version).isEqualTo(2);
    }

    @Test
    void shouldComputeOnDemandFromTheTeamStateAsItIsAfterEachResult() throws Exception {
        // given an on-demand answer for two clubs no other test streams, taken out of the cache again
        String body = predictBody("Wolves", "Brentford", "E0", "2024-03-02");
        String key = cacheKeys.get(cacheKeys.size() - 1);
        Answer before = http.post(app.url("/api/v1/predict"), body);
        assertThat(before.json().get("source").asText()).isEqualTo("computed");
        deleteOnceWritten(redis.sync(), key);

        // when a result of theirs arrives (earlier than the fixtures already streamed, so applied at once)
        StreamedFixtures.produce(app.config, List.of(StreamedFixtures.result("Wolves", "Brentford", "2023-08-20T13:00:00Z", 5, 0)),
                List.of());

        // then the same request is computed from the new ratings
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        double homeWin = before.json().get("home_win_prob").asDouble();
        while (homeWin == before.json().get("home_win_prob").asDouble() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            Answer again = http.post(app.url("/api/v1/predict"), body);
            deleteOnceWritten(redis.sync(), key);
            assertThat(again.json().get("source").asText()).isEqualTo("computed");
            homeWin = again.json().get("home_win_prob").asDouble();
        }
        assertThat(homeWin).isGreaterThan(before.json().get("home_win_prob").asDouble());
    }

    @Test
    void shouldServeIdsWithAnApostropheAndUnencodedColons() {
        Answer answer = http.get(app.url("/api/v1/predictions/E0:2023-11-04:Nott'm%20Forest:Arsenal"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("prediction").get("fixture_id").asText()).isEqualTo(FOREST_ARSENAL.getFixtureId());
    }

    @Test
    void shouldAnswerNotFoundForAFixtureWithoutPredictionAndRejectAMalformedId() {
        // when
        Answer missing = http.get(app.url(predictionPath("E0:2023-10-21:Chelsea:Arsenal")));
        Answer malformed = http.get(app.url(predictionPath("not-a-fixture")));

        // then
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error").asText()).contains("E0:2023-10-21:Chelsea:Arsenal");
        assertThat(malformed.status()).isEqualTo(422);
        assertThat(malformed.json().get("error").asText()).contains("fixture id");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // NUL and bytes that are not UTF-8, percent-encoded
            "/api/v1/predictions/E0:2023-10-21:Arse%00nal:Chelsea | 400 | must not contain control characters",
            "/api/v1/predictions/E0:2023-10-21:Arsenal:%FFChelsea | 400 | is not UTF-8 once percent-decoded",
            "/api/v1/teams/E0/Arse%00nal                         | 400 | must not contain control characters",
            // a well-formed id in a year no football is played in
            "/api/v1/predictions/E0:9999-10-21:Arsenal:Chelsea    | 422 | the date of fixture id 'E0:9999-10-21:Arsenal:Chelsea' is outside the years 1850 to 2200"})
    void shouldRejectAPathValueThatIsNotAPlainNameOrServedDate(String path, int status, String message) {
        Answer answer = http.get(app.url(path));

        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.json().get("error").asText()).contains(message);
    }

    @Test
    void shouldListACompetitionsPredictionsBetweenTwoDatesInKickoffOrder() {
        // when: the competition by its common name
        Answer answer = http.get(app.url("/api/v1/predictions?competition=Premier%20League&from=2023-10-21&to=2023-10-31"));

        // then: the two E0 fixtures of those dates, not the later one nor the Bundesliga one
        assertThat(answer.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        answer.json().get("predictions").forEach(p -> ids.add(p.get("fixture_id").asText()));
        assertThat(ids).containsExactly(ARSENAL_CHELSEA.getFixtureId(), CITY_LIVERPOOL.getFixtureId());
        assertThat(answer.json().get("competition").asText()).isEqualTo("E0");
        assertThat(answer.json().get("served_by").toString()).isEqualTo("[\"" + app.name() + "\"]");
        assertThat(answer.json().get("unreachable").isEmpty()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // no competition
            "from=2023-10-01&to=2023-10-31                        | competition is required",
            // a competition nobody plays
            "competition=XX&from=2023-10-01&to=2023-10-31         | competition 'XX' is unknown",
            // not a date
            "competition=E0&from=2023-13-01&to=2023-10-31         | from '2023-13-01' is not a date",
            // backwards
            "competition=E0&from=2023-10-31&to=2023-10-01         | to (2023-10-01) is before from",
            // too wide to answer in one go: a century
            "competition=E0&from=1923-10-01&to=2023-10-01         | spans more than",
            // years no football is served in
            "competition=E0&from=0000-01-01&to=0000-01-31         | from '0000-01-01' is outside the years 1850 to 2200",
            "competition=E0&from=2023-10-01&to=%2B999999999-12-31 | to '+999999999-12-31' is outside the years 1850 to 2200"})
    void shouldRejectARangeQueryNamingTheBadParameter(String query, String message) {
        Answer answer = http.get(app.url("/api/v1/predictions?" + query));

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().get("error").asText()).contains(message);
    }

    @Test
    void shouldShowATeamsRatingsAndForm() {
        // when
        Answer arsenal = http.get(app.url("/api/v1/teams/E0/Arsenal"));
        Answer unknown = http.get(app.url("/api/v1/teams/E0/Real%20Madrid"));

        // then: Arsenal played twice (a win and a draw)
        assertThat(arsenal.status()).isEqualTo(200);
        JsonNode team = arsenal.json().get("team");
        assertThat(team.get("team").asText()).isEqualTo("Arsenal");
        assertThat(team.get("matches_played").asInt()).isEqualTo(2);
        assertThat(team.get("form_points").asInt()).isEqualTo(4);
        assertThat(team.get("form_matches").asInt()).isEqualTo(2);
        assertThat(team.get("elo").asDouble()).isPositive();
        assertThat(team.get("last_match").asText()).isEqualTo("2023-08-26T14:00:00Z");
        assertThat(arsenal.json().get("served_by").asText()).isEqualTo(app.name());
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void shouldAnswerPredictFromTheStreamAndThenFromTheCache() throws InterruptedException {
        // given
        String body = predictBody("Arsenal", "Chelsea", "E0", "2023-10-21");
        String key = "pred:" + modelVersion() + ":E0:Arsenal:Chelsea:" + Instant.parse("2023-10-21T14:" + RUN_TIME + "Z");
        double missesBefore = requests("cache_miss");
        double hitsBefore = requests("cache_hit");

        // when asked twice, the second time once the first answer's cache write has landed (it is written after the answer)
        Answer first = http.post(app.url("/api/v1/predict"), body);
        awaitKey(key);
        Answer second = http.post(app.url("/api/v1/predict"), body);

        // then: the first is the streamed prediction, the second the same answer from Redis
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("source").asText()).isEqualTo("stream");
        assertThat(first.json().get("fixture_id").asText()).isEqualTo(ARSENAL_CHELSEA.getFixtureId());
        assertThat(first.json().get("version").asLong()).isEqualTo(1);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("source").asText()).isEqualTo("cache");
        for (String field : List.of("home_win_prob", "draw_prob", "away_win_prob", "recommended_bet", "confidence",
                "reasoning", "over25_prob", "under25_prob", "btts_prob", "model_version", "head")) {
            assertThat(second.json().get(field)).as(field).isEqualTo(first.json().get(field));
        }
        assertThat(redis.sync().ttl(key)).isBetween(3500L, 3600L);
        // the entry is the hit's answer byte for byte: a hit copies it instead of re-encoding
        assertThat(second.body()).isEqualTo(redis.sync().get(key));
        assertThat(requests("cache_miss") - missesBefore).isEqualTo(1);
        assertThat(requests("cache_hit") - hitsBefore).isEqualTo(1);
    }

    @Test
    void shouldCacheTheSameTeamsAndKickoffSeparatelyPerLeague() throws InterruptedException {
        // given: a D1 answer for two clubs at a kick-off, cached
        String inD1 = predictBody("Arsenal", "Chelsea", "D1", "2032-03-01");
        String inE0 = predictBody("Arsenal", "Chelsea", "E0", "2032-03-01");
        Answer d1 = http.post(app.url("/api/v1/predict"), inD1);
        String d1Key = cacheKeys.get(cacheKeys.size() - 2);
        for (int i = 0; i < 100 && redis.sync().exists(d1Key) == 0; i++) {
            Thread.sleep(50);
        }
        assertThat(http.post(app.url("/api/v1/predict"), inD1).json().get("source").asText()).isEqualTo("cache");

        // when: the same teams and kick-off in E0
        Answer e0 = http.post(app.url("/api/v1/predict"), inE0);

        // then: E0's own fixture, computed, not D1's cached answer
        assertThat(d1.json().get("fixture_id").asText()).startsWith("D1:2032-03-01:");
        assertThat(e0.status()).isEqualTo(200);
        assertThat(e0.json().get("fixture_id").asText()).isEqualTo("E0:2032-03-01:Arsenal:Chelsea");
        assertThat(e0.json().get("source").asText()).isEqualTo("computed");
        assertThat(d1Key).isEqualTo("pred:" + modelVersion() + ":D1:Arsenal:Chelsea:" + Instant.parse("2032-03-01T14:" + RUN_TIME + "Z"));
    }

    @Test
    void shouldTreatACacheEntryNotInTheAnswerFormatAsAMissAndReplaceIt() throws InterruptedException {
        // given: an entry as an older release wrote it (the first answer's own source), and a corrupt one
        String older = predictBody("Chelsea", "Arsenal", "E0", "2023-11-04");
        String olderKey = "pred:" + modelVersion() + ":E0:Chelsea:Arsenal:" + Instant.parse("2023-11-04T14:" + RUN_TIME + "Z");
        redis.sync().setex(olderKey, 60, "{\"home_win_prob\":0.9,\"source\":\"computed\"}");
        String corrupt = predictBody("Chelsea", "Arsenal", "E0", "2023-11-11");
        String corruptKey = "pred:" + modelVersion() + ":E0:Chelsea:Arsenal:" + Instant.parse("2023-11-11T14:" + RUN_TIME + "Z");
        redis.sync().setex(corruptKey, 60, "{\"home_win_prob\":0.9,\"source\":\"cache\"");
        double missesBefore = requests("cache_miss");

        // when
        Answer fromOlder = http.post(app.url("/api/v1/predict"), older);
        Answer fromCorrupt = http.post(app.url("/api/v1/predict"), corrupt);

        // then: both computed afresh, and the entries now hold answers a hit can send
        assertThat(fromOlder.json().get("source").asText()).isEqualTo("computed");
        assertThat(fromCorrupt.json().get("source").asText()).isEqualTo("computed");
        assertThat(requests("cache_miss") - missesBefore).isEqualTo(2);
        // the cache write is not waited for by the request
        for (int i = 0; i < 100 && !redis.sync().get(olderKey).contains("\"source\":\"cache\""); i++) {
            Thread.sleep(50);
        }
        assertThat(http.post(app.url("/api/v1/predict"), older).body()).isEqualTo(redis.sync().get(olderKey));
    }

    @Test
    void shouldComputeOnDemandWhenTheStreamHasNoSuchFixture() {
        // when: a fixture nobody published, the league by its common name
        Answer answer = http.post(app.url("/api/v1/predict"), predictBody("Chelsea", "Arsenal", "Premier League", "2023-12-02"));

        // then: the classic contract's fields, and the extras
        assertThat(answer.status()).isEqualTo(200);
        JsonNode json = answer.json();
        assertThat(json.get("source").asText()).isEqualTo("computed");
        assertThat(json.get("fixture_id").asText()).isEqualTo("E0:2023-12-02:Chelsea:Arsenal");
        assertThat(json.get("home_win_prob").asDouble() + json.get("draw_prob").asDouble()
                + json.get("away_win_prob").asDouble()).isCloseTo(1.0, within(1e-6));
        assertThat(json.get("over25_prob").asDouble() + json.get("under25_prob").asDouble()).isCloseTo(1.0, within(1e-9));
        assertThat(json.get("recommended_bet").asText()).isEqualTo("no_bet");
        assertThat(json.get("confidence").asText()).isNotBlank();
        assertThat(json.get("reasoning").isArray()).isTrue();
        assertThat(json.get("reasoning").toString()).doesNotContain("no match history");
        assertThat(json.get("head").asText()).isEqualTo("without_odds");
        assertThat(json.has("version")).isFalse();
    }

    @Test
    void shouldRateAnUnknownTeamWithTheLeaguePriorAndSaySo() {
        // when
        Answer answer = http.post(app.url("/api/v1/predict"), predictBody("Arsenal", "Wrexham", "E0", "2023-12-09"));

        // then
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("source").asText()).isEqualTo("computed");
        assertThat(answer.json().get("reasoning").get(0).asText())
                .isEqualTo("Wrexham has no match history in the Premier League, so it is rated with the league's prior for a newly promoted club.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // not JSON at all
            "`{\"home_team\": \"Arsenal\",`                                                                     | 400 | malformed JSON",
            // JSON, but not an object
            "`[1, 2]`                                                                                           | 400 | must be a JSON object",
            // a field missing
            "`{\"away_team\":\"Chelsea\",\"league\":\"E0\",\"kickoff_time\":\"2023-10-21T14:00:00Z\"}`          | 422 | home_team is required",
            // a field of the wrong type
            "`{\"home_team\":7,\"away_team\":\"Chelsea\",\"league\":\"E0\",\"kickoff_time\":\"2023-10-21T14:00:00Z\"}` | 422 | home_team must be a string",
            // a league nobody plays
            "`{\"home_team\":\"Arsenal\",\"away_team\":\"Chelsea\",\"league\":\"MLS\",\"kickoff_time\":\"2023-10-21T14:00:00Z\"}` | 422 | league 'MLS' is unknown",
            // not a time
            "`{\"home_team\":\"Arsenal\",\"away_team\":\"Chelsea\",\"league\":\"E0\",\"kickoff_time\":\"next Saturday\"}` | 422 | kickoff_time 'next Saturday' is not an ISO-8601 date-time",
            // a team against itself
            "`{\"home_team\":\"Arsenal\",\"away_team\":\"arsenal\",\"league\":\"E0\",\"kickoff_time\":\"2023-10-21T14:00:00Z\"}` | 422 | home_team and away_team must be different",
            // a separator inside a name
            "`{\"home_team\":\"Ars:enal\",\"away_team\":\"Chelsea\",\"league\":\"E0\",\"kickoff_time\":\"2023-10-21T14:00:00Z\"}` | 422 | home_team must not contain ':'",
            // a second document after the first
            "`{\"home_team\":\"Arsenal\",\"away_team\":\"Chelsea\",\"league\":\"E0\",\"kickoff_time\":\"2023-10-21T14:00:00Z\"}{}` | 400 | the body goes on after its JSON document",
            // trailing garbage
            "`{\"home_team\":\"Arsenal\",\"away_team\":\"Chelsea\",\"league\":\"E0\",\"kickoff_time\":\"2023-10-21T14:00:00Z\"}xyz` | 400 | malformed JSON",
            // a local time: which time zone?
            "`{\"home_team\":\"Arsenal\",\"away_team\":\"Chelsea\",\"league\":\"E0\",\"kickoff_time\":\"2024-05-01T15:00:00\"}` | 422 | kickoff_time '2024-05-01T15:00:00' has no UTC offset",
            // years no football is played in
            "`{\"home_team\":\"Arsenal\",\"away_team\":\"Chelsea\",\"league\":\"E0\",\"kickoff_time\":\"9999-03-01T12:00:00Z\"}` | 422 | kickoff_time '9999-03-01T12:00:00Z' is outside the years 1850 to 2200",
            "`{\"home_team\":\"Arsenal\",\"away_team\":\"Chelsea\",\"league\":\"E0\",\"kickoff_time\":\"+999999999-03-01T12:00:00Z\"}` | 422 | is outside the years 1850 to 2200",
            // NUL and a lone surrogate in names
            "`{\"home_team\":\"Arse\\u0000nal\",\"away_team\":\"Chelsea\",\"league\":\"E0\",\"kickoff_time\":\"2023-10-21T14:00:00Z\"}` | 422 | home_team must not contain control characters",
            "`{\"home_team\":\"Arsenal\",\"away_team\":\"\\ud800Chelsea\",\"league\":\"E0\",\"kickoff_time\":\"2023-10-21T14:00:00Z\"}` | 422 | away_team holds an unpaired UTF-16 surrogate",
            // nothing sent
            "``                                                                                                 | 400 | the request body is empty"})
    void shouldRejectABadPredictRequestNamingWhatIsWrong(String body, int status, String message) {
        Answer answer = http.post(app.url("/api/v1/predict"), body);

        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.json().get("error").asText()).contains(message);
    }

    @Test
    void shouldRefuseABodyOverTheSizeCap() {
        // given a body over the 2048 bytes this instance accepts
        String body = "{\"home_team\":\"" + "A".repeat(3000) + "\"}";

        // when
        Answer answer = http.post(app.url("/api/v1/predict"), body);

        // then
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.json().get("error").asText()).contains("larger than 2048 bytes");
    }

    @Test
    void shouldAnswerABatchInRequestOrder() {
        // given: a streamed fixture, an on-demand one and one with an unknown team
        String batch = "[" + predictBody("Man City", "Liverpool", "E0", "2023-10-22") + ","
                + predictBody("Liverpool", "Man City", "E0", "2024-03-09") + ","
                + predictBody("Wrexham", "Chelsea", "E0", "2024-03-16") + "]";

        // when
        Answer answer = http.post(app.url("/api/v1/predict/batch"), batch);

        // then
        assertThat(answer.status()).isEqualTo(200);
        JsonNode answers = answer.json();
        assertThat(answers.size()).isEqualTo(3);
        assertThat(answers.get(0).get("fixture_id").asText()).isEqualTo(CITY_LIVERPOOL.getFixtureId());
        assertThat(answers.get(0).get("source").asText()).isEqualTo("stream");
        assertThat(answers.get(1).get("fixture_id").asText()).isEqualTo("E0:2024-03-09:Liverpool:Man City");
        assertThat(answers.get(1).get("source").asText()).isEqualTo("computed");
        assertThat(answers.get(2).get("fixture_id").asText()).isEqualTo("E0:2024-03-16:Wrexham:Chelsea");
        assertThat(answers.get(2).get("reasoning").get(0).asText()).startsWith("Wrexham has no match history");
    }

    @Test
    void shouldRejectABadBatchNamingTheRequestAtFault() {
        String ok = "{\"home_team\":\"Arsenal\",\"away_team\":\"Chelsea\",\"league\":\"E0\",\"kickoff_time\":\"2023-10-21T14:00:00Z\"}";
        String bad = "{\"home_team\":\"Arsenal\",\"away_team\":\"Chelsea\",\"league\":\"E0\"}";

        Answer notArray = http.post(app.url("/api/v1/predict/batch"), ok);
        Answer tooMany = http.post(app.url("/api/v1/predict/batch"), "[" + String.join(",", List.of(ok, ok, ok, ok, ok, ok)) + "]");
        Answer secondBad = http.post(app.url("/api/v1/predict/batch"), "[" + ok + "," + bad + "]");

        assertThat(notArray.status()).isEqualTo(400);
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.json().get("error").asText()).contains("at most 5");
        assertThat(secondBad.status()).isEqualTo(422);
        assertThat(secondBad.json().get("error").asText()).isEqualTo("[1].kickoff_time is required");
    }

    @Test
    void shouldReportHealthReadinessAndMetrics() {
        // when
        Answer health = http.get(app.url("/health"));
        Answer ready = http.get(app.url("/ready"));
        Answer metrics = http.get(app.url("/metrics"));

        // then
        assertThat(health.status()).isEqualTo(200);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("ready").asBoolean()).isTrue();
        assertThat(ready.json().get("streams").asText()).isEqualTo("RUNNING");
        assertThat(ready.json().get("models").get("with_odds").asText()).isNotBlank();
        assertThat(ready.json().get("redis").asText()).isEqualTo("up");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw().headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(metrics.body())
                .contains("prediction_requests_total{result=\"cache_hit\"}")
                .contains("prediction_latency_seconds_bucket{le=\"0.05\"}")
                .contains("predictions_emitted_total")
                .contains("kafka_stream_")
                .contains("jvm_memory_used_bytes")
                .contains("redis_near_cache_entries")
                .contains("redis_near_cache_hits_total");
        // every in-memory cache's statistics, labelled with its name
        for (String cache : List.of("near_cache", "prediction_answers", "prediction_json", "team_states", "league_states",
                "placements", "last_known_predictions")) {
            assertThat(metrics.body()).as(cache)
                    .contains("cache_gets_total{cache=\"" + cache + "\",result=\"hit\"}")
                    .contains("cache_gets_total{cache=\"" + cache + "\",result=\"miss\"}")
                    .contains("cache_evictions_total{cache=\"" + cache + "\"}")
                    .contains("cache_size{cache=\"" + cache + "\"}");
        }
    }

    @Test
    void shouldAnswerAnUnknownRouteWithJson() {
        Answer answer = http.get(app.url("/api/v1/nothing-here"));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().get("error").asText()).contains("/api/v1/nothing-here");
    }
}
