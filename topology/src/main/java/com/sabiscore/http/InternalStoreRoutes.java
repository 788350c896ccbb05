package com.sabiscore.http;

import com.sabiscore.query.InternalRoutes;
import com.sabiscore.query.NotFoundException;
import com.sabiscore.query.PredictionQueryService;
import com.sabiscore.query.QueryableStore;
import com.sabiscore.query.Served;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * The instance-to-instance routes ({@link InternalRoutes}): answer from this instance's own store
 * copies, never forwarding, so a forwarded query takes one hop at most.
 */
final class InternalStoreRoutes {

    private final StreamBinding stream;

    InternalStoreRoutes(StreamBinding stream) {
        this.stream = stream;
    }

    void register(RoutesConfig routes) {
        routes.get(InternalRoutes.VALUE, this::value);
        routes.get(InternalRoutes.PREDICTION_RANGE, this::range);
    }

    private void value(Context ctx) {
        String storeName = ctx.pathParam("store");
        QueryableStore<?> store = QueryableStore.named(storeName)
                .orElseThrow(() -> new NotFoundException("no queryable store " + storeName));
        String key = ctx.pathParam("key");
        PredictionQueryService queries = stream.queries();
        try {
            Served<byte[]> served = queries.localValue(store, key);
            ctx.header(InternalRoutes.SERVED_BY, served.servedBy())
                    .header(InternalRoutes.STALE, Boolean.toString(served.stale()))
                    .contentType("application/octet-stream")
                    .result(served.value());
        } catch (NotFoundException e) {
            // the asker needs to know whether this "missing" is authoritative
            ctx.header(InternalRoutes.STALE, Boolean.toString(queries.isLocalCopyStale(store, key)))
                    .status(404)
                    .json(new ErrorBody(e.getMessage()));
        }
    }

    private void range(Context ctx) {
        ctx.json(stream.queries().localPredictions(QueryParams.required(ctx, "competition"),
                QueryParams.date(ctx, "from"), QueryParams.date(ctx, "to")));
    }
}
