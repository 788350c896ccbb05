package com.sabiscore.http;

import static com.sabiscore.query.PredictionEvents.aPrediction;
import static org.assertj.core.api.Assertions.assertThat;

import com.sabiscore.metrics.SabiScoreMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The live prediction events as a client's connection receives them, on Netty's embedded channel:
 * what is sent, resuming from {@code Last-Event-ID}, the competition filter, and dropping a client
 * whose socket does not take its events.
 */
class PredictionEventStreamTest {

    private static final Pattern EVENT = Pattern.compile("id: (\\S+)\nevent: (\\w+)\ndata: (.*)\n\n");

    private final PredictionEventStream stream = new PredictionEventStream(3);
    private final RouteTable routes = new RouteTable(Runnable::run, new SabiScoreMetrics());

    PredictionEventStreamTest() {
        stream.register(routes);
    }

    /** One event as the client reads it. */
    private record Event(String id, String type, String data) {
    }

    /** A client connecting with these headers; its connection holds what the server wrote. */
    private EmbeddedChannel connect(String query, HttpHeaders headers) {
        Request request = new Request(HttpMethod.GET, PredictionEventStream.PATH + query, headers, new byte[0], null);
        Answer answer = routes.answer(request).toCompletableFuture().join();
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.type()).isEqualTo(Answer.BodyType.EVENT_STREAM);
        EmbeddedChannel connection = new EmbeddedChannel();
        request.takeover().accept(connection);
        connection.runPendingTasks();
        return connection;
    }

    private EmbeddedChannel connect(String query) {
        return connect(query, new DefaultHttpHeaders());
    }

    private static List<Event> received(EmbeddedChannel connection) {
        connection.runPendingTasks();
        StringBuilder text = new StringBuilder();
        ByteBuf written;
        while ((written = connection.readOutbound()) != null) {
            text.append(written.toString(StandardCharsets.UTF_8));
            written.release();
        }
        assertThat(text.toString()).doesNotContain("\r");
        List<Event> events = new ArrayList<>();
        Matcher matcher = EVENT.matcher(text);
        while (matcher.find()) {
            events.add(new Event(matcher.group(1), matcher.group(2), matcher.group(3)));
        }
        return events;
    }

    @Test
    void shouldSendEachPredictionWrittenAfterTheClientConnected() {
        // given
        stream.predictionEmitted(aPrediction().home("Everton").away("Fulham").build());
        EmbeddedChannel connection = connect("");

        // when
        stream.predictionEmitted(aPrediction().home("Arsenal").away("Chelsea").version(1).build());
        stream.predictionEmitted(aPrediction().home("Arsenal").away("Chelsea").version(2).build());

        // then
        List<Event> events = received(connection);
        assertThat(events).extracting(Event::type).containsExactly("prediction", "prediction");
        assertThat(events.get(0).data()).contains("\"home_team\":\"Arsenal\"", "\"away_team\":\"Chelsea\"", "\"version\":1");
        assertThat(events.get(1).data()).contains("\"version\":2");
        assertThat(events.get(0).id()).isNotEqualTo(events.get(1).id());
    }

    @Test
    void shouldSendOnlyTheAskedCompetition() {
        // given
        EmbeddedChannel bundesliga = connect("?competition=Bundesliga");

        // when
        stream.predictionEmitted(aPrediction().competition("E0").home("Arsenal").away("Chelsea").build());
        stream.predictionEmitted(aPrediction().competition("D1").home("Bayern Munich").away("Dortmund").build());

        // then
        assertThat(received(bundesliga)).singleElement().extracting(Event::data).asString().contains("Bayern Munich");
    }

    @Test
    void shouldResumeAfterTheLastEventIdTheClientSaw() {
        // given: a client saw the first event, then lost its connection
        EmbeddedChannel first = connect("");
        stream.predictionEmitted(aPrediction().home("Arsenal").away("Chelsea").build());
        String lastSeen = received(first).get(0).id();
        first.close();
        stream.predictionEmitted(aPrediction().home("Liverpool").away("Everton").build());
        stream.predictionEmitted(aPrediction().home("Man City").away("Brighton").build());

        // when
        EmbeddedChannel again = connect("", new DefaultHttpHeaders().set("Last-Event-ID", lastSeen));

        // then
        assertThat(received(again)).extracting(Event::data)
                .satisfiesExactly(data -> assertThat(data).contains("Liverpool"), data -> assertThat(data).contains("Man City"));
        assertThat(stream.clientCount()).isEqualTo(1);
    }

    @Test
    void shouldAskForAResyncWhenTheLastEventIdCannotBeResumed() {
        // given: an id of an earlier run of the server
        stream.predictionEmitted(aPrediction().build());

        // when
        EmbeddedChannel connection = connect("", new DefaultHttpHeaders().set("Last-Event-ID", "earlier-17"));

        // then: the client reads afresh, and its next reconnect resumes after this point
        Event resync = received(connection).get(0);
        assertThat(resync.type()).isEqualTo("resync");
        stream.predictionEmitted(aPrediction().home("Leeds").away("Wolves").build());
        EmbeddedChannel after = connect("", new DefaultHttpHeaders().set("Last-Event-ID", resync.id()));
        assertThat(received(after)).singleElement().extracting(Event::data).asString().contains("Leeds");
    }

    @Test
    void shouldDropAClientWhoseSocketTakesNothingOnceItsQueueIsFull() {
        // given: a client whose socket is full (the client does not read)
        EmbeddedChannel slow = connect("");
        EmbeddedChannel reader = connect("");
        received(slow);
        slow.unsafe().outboundBuffer().setUserDefinedWritability(1, false);

        // when: more events than its queue holds (3), while the other client's loop writes each one out
        for (int version = 1; version <= 4; version++) {
            stream.predictionEmitted(aPrediction().version(version).build());
            reader.runPendingTasks();
        }
        slow.runPendingTasks();

        // then: the slow client is dropped, the other one has every event
        assertThat(slow.isOpen()).isFalse();
        assertThat(received(reader)).hasSize(4);
        assertThat(stream.clientCount()).isEqualTo(1);
    }

    @Test
    void shouldDropAClientThatReadsNothingEvenWhenNoEventComes() {
        // given: a client whose socket stays full
        EmbeddedChannel stalled = connect("");
        received(stalled);
        stalled.unsafe().outboundBuffer().setUserDefinedWritability(1, false);

        // when: a minute of keep-alives passes
        stalled.advanceTimeBy(61, TimeUnit.SECONDS);
        stalled.runScheduledPendingTasks();

        // then
        assertThat(stalled.isOpen()).isFalse();
        assertThat(stream.clientCount()).isZero();
    }

    @Test
    void shouldKeepAQuietClientThatReads() {
        EmbeddedChannel quiet = connect("");
        received(quiet);

        quiet.advanceTimeBy(61, TimeUnit.SECONDS);
        quiet.runScheduledPendingTasks();

        assertThat(quiet.isOpen()).isTrue();
        assertThat(quiet.<ByteBuf>readOutbound().toString(StandardCharsets.UTF_8)).isEqualTo(": keep-alive\n\n");
    }

    @Test
    void shouldWriteWhatWaitedOnceTheSocketTakesMoreAgain() {
        // given
        EmbeddedChannel client = connect("");
        received(client);
        client.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        stream.predictionEmitted(aPrediction().version(1).build());
        stream.predictionEmitted(aPrediction().version(2).build());
        assertThat(received(client)).isEmpty();

        // when
        client.unsafe().outboundBuffer().setUserDefinedWritability(1, true);

        // then
        assertThat(received(client)).hasSize(2);
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void shouldRefuseAnUnknownCompetition() {
        Request request = new Request(HttpMethod.GET, PredictionEventStream.PATH + "?competition=Narnia",
                new DefaultHttpHeaders(), new byte[0], null);

        Answer answer = routes.answer(request).toCompletableFuture().join();

        assertThat(answer.status()).isEqualTo(422);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("Narnia");
        assertThat(request.takeover()).isNull();
    }
}
