package com.sabiscore.data.download;

import static com.sabiscore.match.MatchBuilder.aMatch;

import com.sabiscore.data.FootballDataCsv;
import com.sabiscore.data.InternationalResultsCsv;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback stand-in for football-data.co.uk and the international results file, for tests: it
 * serves what a test puts under the site's addresses ({@code /mmz4281/2324/E0.csv}), answers 404
 * for anything else, counts requests, and misbehaves on request (server errors, a connection
 * dropped halfway, a body that stalls, the whole site down). Like a real web server it sends an
 * {@code ETag} and a {@code Last-Modified} with each file and answers a conditional request for an
 * unchanged file with 304 Not Modified; {@link #validators} makes it send fewer.
 */
public final class FootballDataSite implements AutoCloseable {

    /** Where the site serves the international results. */
    public static final String INTERNATIONAL_PATH = "/martj42/results.csv";

    private enum Fault { SERVER_ERROR, DROP_HALFWAY, STALL }

    /** Which cache validators the site sends with a file, and so which conditional requests it honours. */
    public enum Validators { ETAG_AND_LAST_MODIFIED, LAST_MODIFIED, NONE }

    /** A file's version: its content, entity tag and time of last change. */
    private record Served(byte[] body, String etag, ZonedDateTime lastModified) {
    }

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final Map<String, Served> files = new ConcurrentHashMap<>();
    private final Map<String, Integer> requests = new ConcurrentHashMap<>();
    private final Map<String, Integer> notModified = new ConcurrentHashMap<>();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, Integer> faultsLeft = new ConcurrentHashMap<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Validators validators = Validators.ETAG_AND_LAST_MODIFIED;
    private volatile boolean down;
    /* HTTP dates have whole seconds: each change gets a later second, so If-Modified-Since always tells versions apart */
    private ZonedDateTime lastChange = ZonedDateTime.now(ZoneOffset.UTC).withNano(0);

    private FootballDataSite() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        // a stalled answer must not hold up the next request
        server.setExecutor(handlers);
        server.start();
    }

    public static FootballDataSite start() {
        try {
            return new FootballDataSite();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The site's address {@code mmz4281/2324/E0.csv} for E0 2023-24. */
    public static String seasonPath(String division, int startYear) {
        return String.format("/mmz4281/%02d%02d/%s.csv", startYear % 100, (startYear + 1) % 100, division);
    }

    /** A small season file: two matches of {@code division} in the August the season starts. */
    public static byte[] twoMatches(String division, int startYear) {
        return FootballDataCsv.of(
                aMatch().competition(division).home("Alpha").away("Beta").on(startYear + "-08-12").score(2, 1).build(),
                aMatch().competition(division).home("Gamma").away("Delta").on(startYear + "-08-19").score(0, 0).build());
    }

    /** A small international results file with two friendlies. */
    public static byte[] twoInternationals() {
        return InternationalResultsCsv.of(
                aMatch().competition("INT").home("Scotland").away("England").on("1872-11-30").score(0, 0).build(),
                aMatch().competition("INT").home("England").away("Scotland").on("1873-03-08").score(4, 2).build());
    }

    /** Serves two matches for each of these seasons of {@code division}. */
    public FootballDataSite seasons(String division, int... startYears) {
        Arrays.stream(startYears).forEach(year -> serve(seasonPath(division, year), twoMatches(division, year)));
        return this;
    }

    /** Serves the international results at {@link #INTERNATIONAL_PATH}. */
    public FootballDataSite internationals() {
        return serve(INTERNATIONAL_PATH, twoInternationals());
    }

    /** Serves {@code body} at {@code path} from now on; a changed body gets a new entity tag and modification time. */
    public synchronized FootballDataSite serve(String path, byte[] body) {
        Served current = files.get(path);
        if (current == null || !Arrays.equals(current.body(), body)) {
            lastChange = lastChange.plusSeconds(1);
            files.put(path, new Served(body.clone(), "\"" + Integer.toHexString(Arrays.hashCode(body)) + "\"", lastChange));
        }
        return this;
    }

    public FootballDataSite validators(Validators sent) {
        this.validators = sent;
        return this;
    }

    /** The site goes down: every connection is closed without an answer until {@link #up()}. */
    public FootballDataSite down() {
        down = true;
        return this;
    }

    public FootballDataSite up() {
        down = false;
        return this;
    }

    public FootballDataSite serve(String path, String body) {
        return serve(path, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Answers {@code path} with HTTP 500 the next {@code times} times. */
    public FootballDataSite failWithServerError(String path, int times) {
        return fault(path, Fault.SERVER_ERROR, times);
    }

    /** Announces the whole body of {@code path}, sends half of it and closes the connection, every time. */
    public FootballDataSite dropHalfway(String path) {
        return fault(path, Fault.DROP_HALFWAY, Integer.MAX_VALUE);
    }

    /** Sends half the body of {@code path} and then nothing more until the site closes, every time. */
    public FootballDataSite stallHalfway(String path) {
        return fault(path, Fault.STALL, Integer.MAX_VALUE);
    }

    private FootballDataSite fault(String path, Fault fault, int times) {
        faults.put(path, fault);
        faultsLeft.put(path, times);
        return this;
    }

    /** An address on which nothing listens: a source that refuses every connection. */
    public static URI nowhere() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The site's root, what {@code --download-url} names. */
    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public URI url(String path) {
        return base().resolve(path);
    }

    /** The source a download from this site uses. */
    public DownloadSource source() {
        return new DownloadSource(base(), url(INTERNATIONAL_PATH));
    }

    public int requests(String path) {
        return requests.getOrDefault(path, 0);
    }

    public int requests() {
        return requests.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** How many requests for {@code path} were answered 304 Not Modified. */
    public int notModified(String path) {
        return notModified.getOrDefault(path, 0);
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.merge(path, 1, Integer::sum);
        if (down) {
            exchange.close();
            return;
        }
        Served served = files.get(path);
        Fault fault = faults.get(path);
        boolean faulty = fault != null && faultsLeft.merge(path, -1, Integer::sum) >= 0;
        if (faulty && fault == Fault.SERVER_ERROR) {
            respond(exchange, 500, "Internal Server Error".getBytes(StandardCharsets.US_ASCII));
        } else if (served == null) {
            respond(exchange, 404, "Not Found".getBytes(StandardCharsets.US_ASCII));
        } else if (faulty) {
            sendHalf(exchange, served.body(), fault == Fault.STALL);
        } else if (unchangedFor(exchange, served)) {
            notModified.merge(path, 1, Integer::sum);
            exchange.sendResponseHeaders(304, -1);
            exchange.close();
        } else {
            if (validators == Validators.ETAG_AND_LAST_MODIFIED) {
                exchange.getResponseHeaders().set("ETag", served.etag());
            }
            if (validators != Validators.NONE) {
                exchange.getResponseHeaders().set("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(served.lastModified()));
            }
            respond(exchange, 200, served.body());
        }
    }

    /** RFC 9110: If-None-Match decides when present, else If-Modified-Since; only validators the site sends count. */
    private boolean unchangedFor(HttpExchange exchange, Served served) {
        String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
        if (ifNoneMatch != null) {
            return validators == Validators.ETAG_AND_LAST_MODIFIED && ifNoneMatch.equals(served.etag());
        }
        String ifModifiedSince = exchange.getRequestHeaders().getFirst("If-Modified-Since");
        if (ifModifiedSince == null || validators == Validators.NONE) {
            return false;
        }
        try {
            return !served.lastModified().isAfter(ZonedDateTime.parse(ifModifiedSince, DateTimeFormatter.RFC_1123_DATE_TIME));
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private void sendHalf(HttpExchange exchange, byte[] body, boolean stall) throws IOException {
        exchange.sendResponseHeaders(200, body.length);
        OutputStream stream = exchange.getResponseBody();
        stream.write(body, 0, body.length / 2);
        stream.flush();
        try {
            if (stall) {
                closing.await();
            }
            // closing short of the announced length drops the connection, as a broken transfer does
            exchange.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream stream = exchange.getResponseBody()) {
            stream.write(body);
        }
    }
}
