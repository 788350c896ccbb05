package com.sabiscore.query;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The instance-to-instance HTTP protocol: one instance forwards a query to the instance that
 * hosts the key. Internal routes answer from the local store copies only and never forward again,
 * so a query takes at most one hop.
 */
public final class InternalRoutes {

    /** The local copy's value bytes, 404 when the copy lacks the key, 503 when no copy is readable. */
    public static final String VALUE = "/internal/v1/stores/{store}/keys/{key}";
    /** The local copies' predictions of a competition: {@link LocalRange} JSON. */
    public static final String PREDICTION_RANGE = "/internal/v1/predictions";
    /** Response header: the instance that read its store. */
    public static final String SERVED_BY = "X-Served-By";
    /** Response header: {@code true} when the copy read may be behind (standby or not RUNNING). */
    public static final String STALE = "X-Stale";
    /** Request header: the instances' shared secret ({@code http.internal.secret}), when one is configured. */
    public static final String SECRET = "X-SabiScore-Internal-Secret";

    private InternalRoutes() {
    }

    static URI valueUri(HostInfo host, String store, String key) {
        return URI.create(base(host) + "/internal/v1/stores/" + pathSegment(store) + "/keys/" + pathSegment(key));
    }

    static URI rangeUri(HostInfo host, String competition, LocalDate from, LocalDate to) {
        return URI.create(base(host) + PREDICTION_RANGE + "?competition=" + pathSegment(competition)
                + "&from=" + from + "&to=" + to);
    }

    private static String base(HostInfo host) {
        return "http://" + host.host() + ":" + host.port();
    }

    /** Percent-encodes a key for a URL path or query: {@link URLEncoder} writes a space as '+', which a path keeps as '+'. */
    static String pathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
