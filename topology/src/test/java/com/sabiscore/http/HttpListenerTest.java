package com.sabiscore.http;

import static com.sabiscore.http.RawHttp.get;
import static com.sabiscore.http.RawHttp.read;
import static com.sabiscore.http.RawHttp.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sabiscore.http.RawHttp.Reply;
import com.sabiscore.metrics.SabiScoreMetrics;
import io.micrometer.core.instrument.Timer;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpMethod;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP/1.1 connection handling on a real socket, over routes made for the test: body cap,
 * methods, keep-alive and pipelining, read and idle timeouts, oversized request lines and headers,
 * and a full worker pool. Requests are written as raw bytes ({@link RawHttp}) so the test controls
 * exactly what goes over the wire.
 */
class HttpListenerTest {

    private static final int MAX_BODY_BYTES = 1_024;
    /** Short, so a request that never arrives whole is answered soon; every other request is sent in one write. */
    private static final Duration READ_TIMEOUT = Duration.ofMillis(500);
    private static final HttpListener.Limits LIMITS = new HttpListener.Limits(MAX_BODY_BYTES, READ_TIMEOUT, HttpListener.IDLE_CONNECTION);

    /** One worker and one queue slot: the third blocking request at once finds the pool full. */
    private final ThreadPoolExecutor workers = RouteTable.workerPool(1, 1);
    private final CountDownLatch blockingStarted = new CountDownLatch(1);
    private final CountDownLatch releaseBlocking = new CountDownLatch(1);
    private final EventLoopGroup eventLoops = HttpListener.newEventLoops();
    private final SabiScoreMetrics metrics = new SabiScoreMetrics();
    private final RouteTable routes = new RouteTable(workers, metrics)
            .inline(HttpMethod.GET, "/fast/{name}", request -> Answer.json(Map.of("name", request.pathParam("name"))))
            // answered later, from another thread
            .async(HttpMethod.GET, "/slow/{name}", request -> CompletableFuture.supplyAsync(
                    () -> Answer.json(Map.of("name", request.pathParam("name"))),
                    CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS)))
            .inline(HttpMethod.POST, "/echo", request -> Answer.json(Map.of("bytes", request.body().length)))
            .inline(HttpMethod.GET, "/events", request -> {
                request.takeOver(channel -> channel.writeAndFlush(Unpooled.copiedBuffer("data: hello\n\n", StandardCharsets.UTF_8)));
                return new Answer(200, Answer.BodyType.EVENT_STREAM, new byte[0]);
            })
            .blocking(HttpMethod.GET, "/blocking", request -> {
                blockingStarted.countDown();
                try {
                    releaseBlocking.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Answer.json(Map.of("done", true));
            });
    private final HttpListener listener = HttpListener.open("127.0.0.1", 0, routes, LIMITS, eventLoops);

    @AfterEach
    void stop() {
        releaseBlocking.countDown();
        listener.close();
        eventLoops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        workers.shutdownNow();
        metrics.close();
    }

    private Socket connect() throws IOException {
        return RawHttp.connect(listener.port());
    }

    @Test
    void shouldAnswerPipelinedRequestsInRequestOrderWhenAnEarlierOneIsAnsweredLater() throws Exception {
        try (Socket socket = connect()) {
            // when: three requests in one write, the first and last answered asynchronously
            send(socket, get("/slow/first") + get("/fast/second") + get("/slow/third"));

            // then: the answers come back in the order asked, on the same connection
            assertThat(read(socket).json().get("name").asText()).isEqualTo("first");
            assertThat(read(socket).json().get("name").asText()).isEqualTo("second");
            assertThat(read(socket).json().get("name").asText()).isEqualTo("third");
        }
    }

    @Test
    void shouldAnswerTheRequestsInFlightWhenItClosesAndThenCloseTheConnection() throws Exception {
        try (Socket busy = connect(); Socket idle = connect()) {
            // given: two requests read whole, the first answered only after the close has begun
            send(busy, get("/slow/first") + get("/fast/second"));
            send(idle, get("/fast/warm"));
            assertThat(read(idle).status()).isEqualTo(200);
            Thread.sleep(50);

            // when
            CompletableFuture<Void> closed = CompletableFuture.runAsync(listener::close);

            // then: both are answered in order, then the connection closes; the idle one closes at once
            assertThat(read(busy).json().get("name").asText()).isEqualTo("first");
            assertThat(read(busy).json().get("name").asText()).isEqualTo("second");
            assertThat(busy.getInputStream().read()).isEqualTo(-1);
            assertThat(idle.getInputStream().read()).isEqualTo(-1);
            closed.get(HttpListener.DRAIN_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
            assertThatThrownBy(this::connect).isInstanceOf(IOException.class);
        }
    }

    @Test
    void shouldDecodeAPercentEncodedPathParameterKeepingPlus() throws Exception {
        try (Socket socket = connect()) {
            send(socket, get("/fast/Nott'm%20Forest%3AA+B"));

            assertThat(read(socket).json().get("name").asText()).isEqualTo("Nott'm Forest:A+B");
        }
    }

    @Test
    void shouldRefuseAChunkedBodyOverTheCapAndCloseOnceItHasBeenSent() throws Exception {
        try (Socket socket = connect()) {
            // when: 3 chunks of 500 bytes, no length declared
            StringBuilder request = new StringBuilder("POST /echo HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n");
            for (int i = 0; i < 3; i++) {
                request.append("1f4\r\n").append("x".repeat(500)).append("\r\n");
            }
            send(socket, request.append("0\r\n\r\n").toString());

            // then
            Reply reply = read(socket);
            assertThat(reply.status()).isEqualTo(413);
            assertThat(reply.json().get("error").asText()).isEqualTo("the request body is larger than 1024 bytes");
            assertThat(reply.headers()).containsEntry("connection", "close");
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void shouldRefuseADeclaredBodyOverTheCapAndKeepTheConnection() throws Exception {
        try (Socket socket = connect()) {
            // when: a body declared and sent whole, then another request on the same connection
            send(socket, "POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 2000\r\n\r\n" + "x".repeat(2000)
                    + "POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 3\r\n\r\n{}\n");

            // then
            Reply tooLarge = read(socket);
            assertThat(tooLarge.status()).isEqualTo(413);
            assertThat(tooLarge.headers()).doesNotContainKey("connection");
            Reply next = read(socket);
            assertThat(next.status()).isEqualTo(200);
            assertThat(next.json().get("bytes").asInt()).isEqualTo(3);
        }
    }

    @Test
    void shouldAnswerAMethodTheRouteDoesNotTakeWith405() throws Exception {
        try (Socket socket = connect()) {
            // when: HEAD (answered without a body) and DELETE on a GET route, then a GET
            send(socket, "HEAD /fast/x HTTP/1.1\r\nHost: test\r\n\r\n"
                    + "DELETE /fast/x HTTP/1.1\r\nHost: test\r\n\r\n" + get("/fast/y"));

            // then
            Reply head = read(socket, false);
            assertThat(head.status()).isEqualTo(405);
            assertThat(head.headers()).containsEntry("allow", "GET");
            Reply delete = read(socket);
            assertThat(delete.status()).isEqualTo(405);
            assertThat(delete.json().get("error").asText()).isEqualTo("DELETE is not allowed on /fast/x: use GET");
            assertThat(read(socket).json().get("name").asText()).isEqualTo("y");
        }
    }

    @Test
    void shouldAnswerAnUnknownRouteWith404Json() throws Exception {
        try (Socket socket = connect()) {
            send(socket, get("/nothing/here?x=1"));

            Reply reply = read(socket);
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.json().get("error").asText()).isEqualTo("no such route: GET /nothing/here");
        }
    }

    @Test
    void shouldCountAndTimeEveryAnswerByRouteTemplateAndStatus() throws Exception {
        try (Socket socket = connect()) {
            // when: two requests of one route (each with its own path value), one answered later, and one of no route
            send(socket, get("/fast/a") + get("/slow/b") + get("/fast/c") + get("/nothing/here"));
            for (int i = 0; i < 4; i++) {
                read(socket);
            }
        }

        // then each is counted under its route's template (a bounded label), the unknown path under "unmatched"
        assertThat(requestsOf("GET", "/fast/{name}", "200")).isEqualTo(2);
        assertThat(requestsOf("GET", "/slow/{name}", "200")).isEqualTo(1);
        assertThat(requestsOf("GET", SabiScoreMetrics.UNMATCHED_ROUTE, "404")).isEqualTo(1);
        // the slow route took 200 ms: over the 100 ms objective
        assertThat(metrics.scrape()).contains("http_server_requests_seconds_bucket{method=\"GET\",route=\"/slow/{name}\",status=\"200\",le=\"0.1\"} 0");
    }

    private long requestsOf(String method, String route, String status) {
        Timer timer = metrics.registry().find("http.server.requests").tags("method", method, "route", route, "status", status).timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void shouldCloseTheConnectionWhenTheClientAsks() throws Exception {
        try (Socket socket = connect()) {
            // when: the second request is never answered, the connection is closed after the first
            send(socket, "GET /fast/x HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n" + get("/fast/y"));

            // then
            Reply reply = read(socket);
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.headers()).containsEntry("connection", "close");
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void shouldKeepAnHttp10ConnectionOpenOnlyWhenAsked() throws Exception {
        try (Socket socket = connect()) {
            send(socket, "GET /fast/x HTTP/1.0\r\nConnection: keep-alive\r\n\r\n" + "GET /fast/y HTTP/1.0\r\n\r\n");

            Reply kept = read(socket);
            assertThat(kept.headers()).containsEntry("connection", "keep-alive");
            Reply last = read(socket);
            assertThat(last.headers()).containsEntry("connection", "close");
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void shouldAcceptSocketsWithTcpNoDelay() throws Exception {
        // given: a connection the server has accepted
        try (Socket socket = connect()) {
            List<Boolean> noDelay = listener.tcpNoDelayOfConnections();
            for (int i = 0; i < 100 && noDelay.isEmpty(); i++) {
                Thread.sleep(20);
                noDelay = listener.tcpNoDelayOfConnections();
            }

            // then: small answers must not wait for Nagle's algorithm
            assertThat(noDelay).isNotEmpty().containsOnly(true);
        }
    }

    @Test
    void shouldAnswer503WithRetryAfterWhenTheWorkerPoolIsFull() throws Exception {
        try (Socket first = connect(); Socket second = connect(); Socket third = connect()) {
            // given: the only worker busy and the only queue slot taken
            send(first, get("/blocking"));
            assertThat(blockingStarted.await(10, TimeUnit.SECONDS)).isTrue();
            send(second, get("/blocking"));
            while (workers.getQueue().isEmpty()) {
                Thread.sleep(10);
            }

            // when
            send(third, get("/blocking"));

            // then: refused at once, not queued without bound; the others are answered once the worker is free
            Reply refused = read(third);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.headers()).containsEntry("retry-after", "1");
            assertThat(refused.json().get("error").asText()).contains("busy");
            releaseBlocking.countDown();
            assertThat(read(first).status()).isEqualTo(200);
            assertThat(read(second).status()).isEqualTo(200);
        }
    }

    @Test
    void shouldAnswerAMalformedRequestWith400AndClose() throws Exception {
        try (Socket socket = connect()) {
            send(socket, "GET /fast/x HTTP/1.1\r\nHost: test\r\nContent-Length: nope\r\n\r\n");

            Reply reply = read(socket);
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().get("error").asText()).startsWith("unreadable HTTP request");
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void shouldAnswer408AndCloseWhenADeclaredBodyNeverArrivesWhole() throws Exception {
        try (Socket socket = connect()) {
            // when: 100 bytes announced, 10 sent, and then nothing
            send(socket, "POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 100\r\n\r\n{\"a\":\"bcd\"");

            // then: answered once the read timeout has passed (the socket gives up after 10 s), and closed
            Reply reply = read(socket);
            assertThat(reply.status()).isEqualTo(408);
            assertThat(reply.json().get("error").asText()).isEqualTo("the request did not arrive whole within 500 ms");
            assertThat(reply.headers()).containsEntry("connection", "close");
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void shouldAnswer408WhenTheHeadersNeverEnd() throws Exception {
        try (Socket socket = connect()) {
            send(socket, "GET /fast/x HTTP/1.1\r\nHost: te");

            Reply reply = read(socket);
            assertThat(reply.status()).isEqualTo(408);
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void shouldAnswerEarlierPipelinedRequestsBeforeThe408() throws Exception {
        try (Socket socket = connect()) {
            // when: a request answered later, then one whose body never arrives whole
            send(socket, get("/slow/first") + "POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 50\r\n\r\n{");

            // then
            assertThat(read(socket).json().get("name").asText()).isEqualTo("first");
            assertThat(read(socket).status()).isEqualTo(408);
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void shouldKeepAConnectionIdleBetweenRequestsLongerThanTheReadTimeout() throws Exception {
        try (Socket socket = connect()) {
            send(socket, get("/fast/first"));
            assertThat(read(socket).status()).isEqualTo(200);

            // when: silent for longer than a request may take to arrive, but no request was begun
            Thread.sleep(READ_TIMEOUT.toMillis() * 3);
            send(socket, get("/fast/second"));

            // then: no 408 came meanwhile; the next request is answered
            assertThat(read(socket).json().get("name").asText()).isEqualTo("second");
        }
    }

    @Test
    void shouldHandTheConnectionToAnEventStreamPastTheIdleTimeoutUntilItStops() throws Exception {
        HttpListener shortIdle = HttpListener.open("127.0.0.1", 0, routes,
                new HttpListener.Limits(MAX_BODY_BYTES, Duration.ofSeconds(30), Duration.ofMillis(300)), eventLoops);
        try (Socket socket = RawHttp.connect(shortIdle.port())) {
            // given: an event stream's head, without a length, then what the stream writes
            send(socket, get("/events"));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            List<String> head = new ArrayList<>();
            for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
                head.add(line);
            }
            assertThat(head).contains("HTTP/1.1 200 OK", "Content-Type: text/event-stream; charset=utf-8")
                    .noneMatch(line -> line.startsWith("Content-Length"));
            assertThat(in.readLine()).isEqualTo("data: hello");
            assertThat(in.readLine()).isEmpty();

            // when: silent for longer than the idle timeout, the connection stays open
            socket.setSoTimeout(900);
            assertThatThrownBy(in::readLine).isInstanceOf(SocketTimeoutException.class);

            // then: a stopping server closes it
            socket.setSoTimeout(10_000);
            shortIdle.close();
            assertThat(in.readLine()).isNull();
        } finally {
            shortIdle.close();
        }
    }

    @Test
    void shouldCloseAnIdleConnectionWithoutAnAnswer() throws Exception {
        HttpListener shortIdle = HttpListener.open("127.0.0.1", 0, routes,
                new HttpListener.Limits(MAX_BODY_BYTES, Duration.ofSeconds(30), Duration.ofMillis(300)), eventLoops);
        try (Socket socket = RawHttp.connect(shortIdle.port())) {
            send(socket, get("/fast/x"));
            assertThat(read(socket).status()).isEqualTo(200);

            // then: closed after the idle timeout, nothing sent
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        } finally {
            shortIdle.close();
        }
    }

    @Test
    void shouldAnswerAnOverlongRequestLineWith414AndClose() throws Exception {
        try (Socket socket = connect()) {
            send(socket, get("/fast/" + "x".repeat(10_000)));

            Reply reply = read(socket);
            assertThat(reply.status()).isEqualTo(414);
            assertThat(reply.json().get("error").asText()).startsWith("the request line is longer than 8192 bytes");
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void shouldAnswerOversizedHeadersWith431AndClose() throws Exception {
        try (Socket socket = connect()) {
            // five headers of 4,000 bytes: each fits, together they do not
            send(socket, "GET /fast/x HTTP/1.1\r\nHost: test\r\n" + ("X-Filler: " + "y".repeat(4_000) + "\r\n").repeat(5) + "\r\n");

            Reply reply = read(socket);
            assertThat(reply.status()).isEqualTo(431);
            assertThat(reply.json().get("error").asText()).isEqualTo("the request headers are larger than 16384 bytes");
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }
}
