package com.sabiscore.connect;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.sabiscore.data.download.DownloadSource;

/**
 * football-data.co.uk (or a site laid out like it) as the live feed reads it: the addresses of a
 * season's division files and of {@code fixtures.csv}, fetched with conditional requests. The
 * {@code ETag} and {@code Last-Modified} of each file's last full answer go back as
 * {@code If-None-Match} and {@code If-Modified-Since}, so an unchanged file costs a 304 answer
 * instead of its bytes, where the server gives them.
 */
final class FeedSite {

    /** What the site said about a file. */
    sealed interface Answer {
    }

    /** The file's content, new since the last look (or the first look). */
    record Changed(byte[] content) implements Answer {
    }

    /** 304 Not Modified: the same content as at the last look. */
    record Unchanged() implements Answer {
    }

    /** 404: the site has no such file, e.g. a season that has not started. */
    record Missing() implements Answer {
    }

    private static final String USER_AGENT = "sabiscore-streams (live feed)";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /* a whole season file is about 150 kB: a minute without it means a stuck transfer, retried at the next poll */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private record Validators(String etag, String lastModified) {
    }

    private final DownloadSource layout;
    private final URI fixtures;
    private final HttpClient client;
    private final Map<URI, Validators> validators = new HashMap<>();

    FeedSite(URI base) {
        this.layout = DownloadSource.defaults().with(base, null);
        this.fixtures = URI.create(base.toString().replaceAll("/+$", "") + "/fixtures.csv");
        this.client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** {@code {base}/mmz4281/2425/E0.csv} for E0 2024-25. */
    URI seasonFile(String division, int startYear) {
        return layout.seasonFile(division, startYear);
    }

    /** {@code {base}/fixtures.csv}: the coming matches of every division. */
    URI fixtures() {
        return fixtures;
    }

    /**
     * Asks for {@code file}, conditionally when an earlier answer gave validators.
     *
     * @throws IOException when the site cannot be reached or answers anything but 200, 304 or 404
     */
    Answer fetch(URI file) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(file).GET()
                .timeout(REQUEST_TIMEOUT)
                .header("User-Agent", USER_AGENT);
        Validators known = validators.get(file);
        if (known != null && known.etag() != null) {
            request.header("If-None-Match", known.etag());
        }
        if (known != null && known.lastModified() != null) {
            request.header("If-Modified-Since", known.lastModified());
        }
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return switch (response.statusCode()) {
            case 200 -> {
                validators.put(file, new Validators(response.headers().firstValue("ETag").orElse(null),
                        response.headers().firstValue("Last-Modified").orElse(null)));
                yield new Changed(response.body());
            }
            case 304 -> new Unchanged();
            case 404 -> new Missing();
            default -> throw new IOException("HTTP " + response.statusCode() + " from " + file);
        };
    }
}
