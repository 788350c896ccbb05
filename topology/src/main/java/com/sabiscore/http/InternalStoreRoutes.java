package com.sabiscore.http;

import com.sabiscore.http.Answer.BodyType;
import com.sabiscore.query.InternalRoutes;
import com.sabiscore.query.NotFoundException;
import com.sabiscore.query.PredictionQueryService;
import com.sabiscore.query.QueryableStore;
import com.sabiscore.query.Served;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Function;

/**
 * The instance-to-instance routes ({@link InternalRoutes}): answer from this instance's own store
 * copies, never forwarding, so a forwarded query takes one hop at most. A value is one local read,
 * answered on the event loop; a range scans the local copies, on a worker. With a shared secret
 * configured, a request without it is answered 401 and one with another secret 403, before any
 * store is read.
 */
public final class InternalStoreRoutes {

    private final StreamBinding stream;
    private final byte[] secret;

    /** @param secret the instances' shared secret ({@code http.internal.secret}); null leaves the routes open */
    public InternalStoreRoutes(StreamBinding stream, String secret) {
        this.stream = stream;
        this.secret = secret == null ? null : secret.getBytes(StandardCharsets.UTF_8);
    }

    public void register(RouteTable routes) {
        routes.inline(HttpMethod.GET, InternalRoutes.VALUE, guarded(this::value))
                .blocking(HttpMethod.GET, InternalRoutes.PREDICTION_RANGE, guarded(this::range));
    }

    private Function<Request, Answer> guarded(Function<Request, Answer> route) {
        if (secret == null) {
            return route;
        }
        return request -> {
            String presented = request.header(InternalRoutes.SECRET);
            if (presented == null) {
                return Answer.error(401, "this route is for SabiScore instances: send the shared secret (http.internal.secret) in the "
                        + InternalRoutes.SECRET + " header", "WWW-Authenticate", InternalRoutes.SECRET);
            }
            // compared in constant time: the time taken must not tell how much of a guess was right
            if (!MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8))) {
                return Answer.error(403, "the " + InternalRoutes.SECRET + " header does not match this instance's http.internal.secret");
            }
            return route.apply(request);
        };
    }

    private Answer value(Request request) {
        String storeName = request.pathParam("store");
        QueryableStore<?> store = QueryableStore.named(storeName)
                .orElseThrow(() -> new NotFoundException("no queryable store " + storeName));
        String key = request.pathParam("key");
        PredictionQueryService queries = stream.queries();
        try {
            Served<byte[]> served = queries.localValue(store, key);
            return new Answer(200, BodyType.BYTES, served.value(),
                    InternalRoutes.SERVED_BY, served.servedBy(), InternalRoutes.STALE, Boolean.toString(served.stale()));
        } catch (NotFoundException e) {
            // the asker needs to know whether this "missing" is authoritative
            return Answer.error(404, e.getMessage(), InternalRoutes.STALE, Boolean.toString(queries.isLocalCopyStale(store, key)));
        }
    }

    private Answer range(Request request) {
        return Answer.json(stream.queries().localPredictions(QueryParams.required(request, "competition"),
                QueryParams.date(request, "from"), QueryParams.date(request, "to")));
    }
}
