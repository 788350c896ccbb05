package com.sabiscore.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sabiscore.query.JsonFormat;
import com.sabiscore.query.PredictionEvents;
import com.sabiscore.query.PredictionView;
import com.sabiscore.query.Served;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class PredictionAnswersTest {

    private final PredictionAnswers answers = new PredictionAnswers(2, new SimpleMeterRegistry());

    private static PredictionView prediction(String fixtureId, long version, double homeWinProb) {
        return new PredictionView(fixtureId, "E0", "Arsenal", "Chelsea", "2024-12-01T16:30:00Z", homeWinProb, 0.25,
                1 - 0.25 - homeWinProb, 0.55, 0.5, "home", 0.02, "medium", List.of("Arsenal are in form."),
                "odds-v1", "odds", 42L, "2024-11-30T17:00:00Z", version);
    }

    /** The body as Jackson would write it from the fields. */
    private static JsonNode expected(PredictionView prediction, String servedBy, boolean stale) throws Exception {
        ObjectNode body = JsonFormat.mapper().createObjectNode();
        body.set("prediction", JsonFormat.mapper().valueToTree(prediction));
        body.put("served_by", servedBy);
        body.put("stale", stale);
        return parse(JsonFormat.mapper().writeValueAsBytes(body));
    }

    private static JsonNode parse(byte[] json) throws Exception {
        return JsonFormat.mapper().readTree(json);
    }

    @Test
    void shouldWriteThePredictionWhereItWasReadAndWhetherItIsStale() throws Exception {
        // given
        PredictionView prediction = prediction("E0:2024-12-01:Arsenal:Chelsea", 3, 0.5);

        // when
        byte[] fresh = answers.json(new Served<>(prediction, "app-1:8080", false));
        byte[] stale = answers.json(new Served<>(prediction, "app-2:8080", true));

        // then
        assertThat(parse(fresh)).isEqualTo(expected(prediction, "app-1:8080", false));
        assertThat(parse(stale)).isEqualTo(expected(prediction, "app-2:8080", true));
    }

    @Test
    void shouldWriteANewerVersionOfAPredictionAfresh() throws Exception {
        // given an answer already written for version 1
        PredictionView first = prediction("E0:2024-12-01:Arsenal:Chelsea", 1, 0.5);
        answers.json(new Served<>(first, "app-1:8080", false));

        // when a result re-scores the fixture
        PredictionView second = prediction("E0:2024-12-01:Arsenal:Chelsea", 2, 0.6);
        byte[] json = answers.json(new Served<>(second, "app-1:8080", false));

        // then
        assertThat(parse(json)).isEqualTo(expected(second, "app-1:8080", false));
    }

    @Test
    void shouldKeepAnActiveCopysAnswerUntilTheStreamWritesThatFixtureAgain() throws Exception {
        // given two fixtures read from the active copy with no write in between
        PredictionView first = prediction("E0:2023-10-21:Arsenal:Chelsea", 1, 0.5);
        PredictionView other = prediction("E0:2023-10-21:Everton:Fulham", 1, 0.4);
        answers.keep(new Served<>(first, "app-1:8080", false), answers.storeChanges());
        answers.keep(new Served<>(other, "app-1:8080", false), answers.storeChanges());

        // then both are answered without reading the store
        assertThat(answers.kept(first.fixtureId()).prediction()).isEqualTo(first);
        assertThat(parse(answers.kept(first.fixtureId()).answer().body())).isEqualTo(expected(first, "app-1:8080", false));

        // when the stream writes a new version of the first
        answers.predictionEmitted(PredictionEvents.aPrediction().fixtureId(first.fixtureId()).version(2).build());

        // then only the first must be read again
        assertThat(answers.kept(first.fixtureId())).isNull();
        assertThat(answers.kept(other.fixtureId()).prediction()).isEqualTo(other);
    }

    @Test
    void shouldNotKeepAReadThatAStreamWriteOverlapped() {
        // given a read that started before the stream wrote some prediction
        long before = answers.storeChanges();
        answers.predictionEmitted(PredictionEvents.aPrediction().fixtureId("E0:2023-10-21:Arsenal:Chelsea").version(2).build());

        // when what it read is answered
        PredictionView read = prediction("E0:2023-10-21:Arsenal:Chelsea", 1, 0.5);
        PredictionAnswers.Kept answer = answers.keep(new Served<>(read, "app-1:8080", false), before);

        // then it is answered once but not kept: it may be the version the write replaced
        assertThat(answer.prediction()).isEqualTo(read);
        assertThat(answers.kept(read.fixtureId())).isNull();
    }

    @Test
    void shouldForgetEveryKeptAnswerWhenATaskStartsOrStopsHere() {
        // given
        PredictionView kept = prediction("E0:2023-10-21:Arsenal:Chelsea", 1, 0.5);
        answers.keep(new Served<>(kept, "app-1:8080", false), answers.storeChanges());

        // when a rebalance moves a task (or an error revives one)
        answers.tasksChanged();

        // then
        assertThat(answers.kept(kept.fixtureId())).isNull();
    }

    @Test
    void shouldKeepAnsweringCorrectlyPastTheNumberOfFixturesKept() throws Exception {
        // given more fixtures than are kept (2)
        List<PredictionView> predictions = List.of(prediction("E0:2024-12-01:A:B", 1, 0.4),
                prediction("E0:2024-12-01:C:D", 1, 0.45), prediction("E0:2024-12-01:E:F", 1, 0.5));

        // when each is asked for twice
        for (int round = 0; round < 2; round++) {
            for (PredictionView p : predictions) {
                // then
                assertThat(parse(answers.json(new Served<>(p, "app-1:8080", false)))).isEqualTo(expected(p, "app-1:8080", false));
            }
        }
    }

    @Test
    void shouldHoldOneCopyOfAPredictionReadAgainAfterItsAnswerWasForgotten() {
        // given an answer kept, then forgotten (a task moved), and the same prediction read again as another object
        PredictionView read = prediction("E0:2023-10-21:Arsenal:Chelsea", 1, 0.5);
        answers.keep(new Served<>(read, "app-1:8080", false), answers.storeChanges());
        answers.tasksChanged();
        PredictionView readAgain = prediction("E0:2023-10-21:Arsenal:Chelsea", 1, 0.5);

        // when
        PredictionAnswers.Kept kept = answers.keep(new Served<>(readAgain, "app-1:8080", false), answers.storeChanges());

        // then the answer holds the copy already encoded, so the fixture is held once at both levels
        assertThat(kept.prediction()).isSameAs(read);
        assertThat(answers.kept(read.fixtureId()).prediction()).isSameAs(read);
    }
}
