package com.sabiscore.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * What an instance says of itself on {@code GET /ready}: whether it serves, and how far its
 * history replay and its stream are ({@code history.replay}, {@code history.caught_up}).
 */
final class ReadyProbe {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Replay phases after which the instance publishes nothing more. */
    private static final Set<String> FINISHED = Set.of("complete", "none", "failed");
    /** Kafka Streams states it does not leave by itself. */
    private static final Set<String> STOPPED = Set.of("ERROR", "PENDING_ERROR", "NOT_RUNNING");

    private final String baseUrl;

    ReadyProbe(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The body of {@code /ready} (200 or 503), or empty when the instance does not answer. */
    Optional<JsonNode> report() {
        try {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(baseUrl + "/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return Optional.of(JSON.readTree(response.body()));
        } catch (IOException notAnswering) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** True once the instance's replay has published everything, failed, or there is none. */
    boolean replayFinished() {
        return report().map(r -> FINISHED.contains(r.path("history").path("replay").asText())).orElse(false);
    }

    /** True when the instance says its replay is done and its stream has processed every input event. */
    boolean saysCaughtUp() {
        return report().map(r -> r.path("history").path("caught_up").asBoolean(false)).orElse(false);
    }

    /**
     * Waits up to {@code timeout} for the instance to say it has caught up: it refreshes what it
     * says in the background, so the last event processed is not at once the last one it reports.
     */
    boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!saysCaughtUp()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(200);
        }
        return true;
    }

    /** The stream's state when it has stopped for good (ERROR, NOT_RUNNING, PENDING_ERROR); empty while it runs or does not answer. */
    Optional<String> stoppedStream() {
        return report().map(r -> r.path("streams").asText()).filter(STOPPED::contains);
    }

    @Override
    public String toString() {
        return baseUrl;
    }

    /** The {@code history} part, for a report line. */
    String history() {
        return report().map(r -> r.path("history").toString()).orElse("(no answer)");
    }
}
