package com.sabiscore.query;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks another app instance's internal routes ({@link InternalRoutes}) over HTTP for what its
 * local store copies hold. An unreachable or slow instance is an answer too
 * ({@link RemoteValue.Failed}), so the caller can try the next copy.
 */
public final class InstanceClient implements PeerInstances {

    private static final Logger LOG = LoggerFactory.getLogger(InstanceClient.class);

    private final HttpClient http;
    private final Duration timeout;
    private final String secret;

    /**
     * @param timeout how long to wait for another instance, connecting and answering each
     * @param secret  the instances' shared secret ({@code http.internal.secret}) sent with every request; null for none
     */
    public InstanceClient(Duration timeout, String secret) {
        this.timeout = timeout;
        this.secret = secret;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    private HttpRequest get(URI uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        if (secret != null) {
            request.header(InternalRoutes.SECRET, secret);
        }
        return request.build();
    }

    @Override
    public RemoteValue value(HostInfo host, String store, String key) {
        HttpRequest request = get(InternalRoutes.valueUri(host, store, key));
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            boolean stale = response.headers().firstValue(InternalRoutes.STALE).map(Boolean::parseBoolean).orElse(true);
            return switch (response.statusCode()) {
                case 200 -> new RemoteValue.Found(response.body(),
                        response.headers().firstValue(InternalRoutes.SERVED_BY).orElse(Placements.nameOf(host)), stale);
                case 404 -> new RemoteValue.Missing(stale);
                default -> new RemoteValue.Failed(Placements.nameOf(host) + " answered " + response.statusCode());
            };
        } catch (IOException e) {
            LOG.debug("instance {} did not answer for {}/{}", Placements.nameOf(host), store, key, e);
            return new RemoteValue.Failed(Placements.nameOf(host) + " unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RemoteValue.Failed("interrupted");
        }
    }

    /** The instance's share of a competition's predictions, empty when it did not answer. */
    @Override
    public Optional<LocalRange> range(HostInfo host, String competition, LocalDate from, LocalDate to) {
        HttpRequest request = get(InternalRoutes.rangeUri(host, competition, from, to));
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            return Optional.of(JsonFormat.mapper().readValue(response.body(), LocalRange.class));
        } catch (IOException e) {
            LOG.debug("instance {} did not answer a range of {}", Placements.nameOf(host), competition, e);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
