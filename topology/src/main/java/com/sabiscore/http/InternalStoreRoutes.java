package com.sabiscore.http;

import com.sabiscore.http.Answer.BodyType;
import com.sabiscore.query.InternalRoutes;
import com.sabiscore.query.NotFoundException;
import com.sabiscore.query.PredictionQueryService;
import com.sabiscore.query.QueryableStore;
import com.sabiscore.query.Served;
import io.netty.handler.codec.http.HttpMethod;

/**
 * The instance-to-instance routes ({@link InternalRoutes}): answer from this instance's own store
 * copies, never forwarding, so a forwarded query takes one hop at most. A value is one local read,
 * answered on the event loop; a range scans the local copies, on a worker.
 */
public final class InternalStoreRoutes {

    private final StreamBinding stream;

    public InternalStoreRoutes(StreamBinding stream) {
        this.stream = stream;
    }

    public void register(RouteTable routes) {
        routes.inline(HttpMethod.GET, InternalRoutes.VALUE, this::value)
                .blocking(HttpMethod.GET, InternalRoutes.PREDICTION_RANGE, this::range);
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
