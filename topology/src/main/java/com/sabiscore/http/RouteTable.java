package com.sabiscore.http;

import com.sabiscore.metrics.HttpRouteTimers;
import com.sabiscore.metrics.SabiScoreMetrics;
import com.sabiscore.query.NotFoundException;
import com.sabiscore.query.UnavailableException;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's routes, each declared with where it runs. Routes are asked on the event loop that
 * read the request, so a route either answers at once without blocking ({@link #inline}), runs on
 * the bounded worker pool ({@link #blocking}), or starts asynchronous work itself and hands
 * anything blocking to the workers ({@link #async}). Also turns failures into answers: bad input
 * 4xx, a full worker pool 503.
 *
 * <p>Where two routes match a path, the one with fewer parameters wins, so
 * {@code /api/v1/predictions/stream} is not taken for a fixture id. A {@link Filter} sees every
 * request before its route.
 */
public final class RouteTable {

    private static final Logger LOG = LoggerFactory.getLogger(RouteTable.class);
    /** Seconds a client is asked to wait before retrying a 503. */
    private static final String RETRY_AFTER_SECONDS = "1";

    /** Answers a request; must not block the calling event loop. */
    @FunctionalInterface
    interface Handler {
        CompletionStage<Answer> answer(Request request);
    }

    /** Sees a request before its route: answers it itself, or asks {@code route} and may change the answer. */
    @FunctionalInterface
    interface Filter {
        CompletionStage<Answer> answer(Request request, Handler route);
    }

    private record Route(HttpMethod method, PathTemplate path, Handler handler, HttpRouteTimers timers) {
    }

    /** A route as the server lists it: its method and path template, such as {@code GET /api/v1/teams/{competition}/{team}}. */
    record Listed(String method, String path) {
    }

    private final Executor workers;
    private final SabiScoreMetrics metrics;
    private final List<Route> routes = new ArrayList<>();
    /** The timers of requests no route matched (a preflight, a 404), by method. */
    private final Map<String, HttpRouteTimers> unmatched = new ConcurrentHashMap<>();
    /** The routes behind the filters added so far. */
    private Handler entry = this::route;

    /**
     * @param workers where {@link #blocking} routes run; rejects work when full (see {@link #workerPool})
     * @param metrics where every answer is counted and timed, by route and status
     */
    public RouteTable(Executor workers, SabiScoreMetrics metrics) {
        this.workers = workers;
        this.metrics = metrics;
    }

    /**
     * A fixed pool of {@code threads} with {@code queue} places for the routes that may block: when
     * both are full a request is rejected, and answered 503 with {@code Retry-After}, never queued
     * without end.
     */
    public static ThreadPoolExecutor workerPool(int threads, int queue) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queue), new DefaultThreadFactory("http-worker", true),
                new ThreadPoolExecutor.AbortPolicy());
        pool.prestartAllCoreThreads();
        return pool;
    }

    Executor workers() {
        return workers;
    }

    /** A route answered on the event loop itself: {@code handler} must neither block nor take long. */
    RouteTable inline(HttpMethod method, String path, Function<Request, Answer> handler) {
        return async(method, path, request -> CompletableFuture.completedFuture(handler.apply(request)));
    }

    /** A route that may block (forwarding, waiting out a rebalance, scans): it runs on the worker pool. */
    RouteTable blocking(HttpMethod method, String path, Function<Request, Answer> handler) {
        return async(method, path, request -> CompletableFuture.supplyAsync(() -> handler.apply(request), workers));
    }

    /** A route that answers at once or later by itself; it hands anything blocking to {@link #workers()}. */
    RouteTable async(HttpMethod method, String path, Handler handler) {
        PathTemplate template = new PathTemplate(path);
        int at = routes.size();
        while (at > 0 && routes.get(at - 1).path().parameterCount() > template.parameterCount()) {
            at--;
        }
        routes.add(at, new Route(method, template, handler, metrics.httpRouteTimers(method.name(), path)));
        return this;
    }

    /** Puts {@code filter} in front of the routes and of the filters added before it. */
    RouteTable filter(Filter filter) {
        Handler inner = entry;
        entry = request -> {
            try {
                return filter.answer(request, inner);
            } catch (RuntimeException e) {
                return CompletableFuture.completedFuture(failure(e, request));
            }
        };
        return this;
    }

    /** Every route, in the order they are matched. */
    List<Listed> listed() {
        return routes.stream().map(route -> new Listed(route.method().name(), route.path().toString())).toList();
    }

    /** The methods the routes matching {@code path} answer, empty when none matches. */
    List<HttpMethod> methodsAt(String path) {
        List<HttpMethod> methods = new ArrayList<>(2);
        for (Route route : routes) {
            try {
                if (route.path().match(path) != null) {
                    methods.add(route.method());
                }
            } catch (RequestRejected malformed) {
                return List.of();
            }
        }
        return methods;
    }

    /**
     * The answer to a request: the filters', else {@link #route}'s. An answer that fails is the
     * caller's to turn into one with {@link #failure}, and each answer is then counted and timed
     * with {@link #answered}: the connection that writes it does both, so an answer costs no extra
     * completion stage.
     */
    CompletionStage<Answer> answer(Request request) {
        return entry.answer(request);
    }

    /** Counts and times the answer given to {@code request}, ready {@code nanos} after the request arrived whole. */
    void answered(Request request, int status, long nanos) {
        HttpRouteTimers timers = request.routeTimers();
        if (timers == null) {
            timers = unmatched.computeIfAbsent(request.method().name(),
                    method -> metrics.httpRouteTimers(method, SabiScoreMetrics.UNMATCHED_ROUTE));
        }
        timers.record(status, nanos);
    }

    /**
     * The answer to a request: the route's, 405 when the path is served for other methods only,
     * 404 when no route has the path. A route's failure is answered by {@link #failure}.
     */
    private CompletionStage<Answer> route(Request request) {
        List<String> allowed = null;
        for (Route route : routes) {
            String[] values;
            try {
                values = route.path().match(request.path());
            } catch (RequestRejected e) {
                return CompletableFuture.completedFuture(failure(e, request));
            }
            if (values == null) {
                continue;
            }
            if (route.method().equals(request.method())) {
                request.matched(route.path(), values, route.timers());
                try {
                    return route.handler().answer(request);
                } catch (RuntimeException e) {
                    return CompletableFuture.completedFuture(failure(e, request));
                }
            }
            if (allowed == null) {
                allowed = new ArrayList<>(2);
            }
            allowed.add(route.method().name());
        }
        if (allowed != null) {
            return CompletableFuture.completedFuture(Answer.error(405,
                    request.method() + " is not allowed on " + request.path() + ": use " + String.join(", ", allowed),
                    "Allow", String.join(", ", allowed)));
        }
        return CompletableFuture.completedFuture(
                Answer.error(404, "no such route: " + request.method() + " " + request.path()));
    }

    /** The answer to a route that failed: the status the failure stands for, with its message. */
    static Answer failure(Throwable failure, Request request) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RequestRejected rejected) {
            return Answer.error(rejected.status(), rejected.getMessage());
        }
        if (cause instanceof NotFoundException) {
            return Answer.error(404, cause.getMessage());
        }
        if (cause instanceof UnavailableException) {
            return Answer.error(503, cause.getMessage(), "Retry-After", RETRY_AFTER_SECONDS);
        }
        if (cause instanceof RejectedExecutionException) {
            return Answer.error(503, "the server is busy: try again shortly", "Retry-After", RETRY_AFTER_SECONDS);
        }
        LOG.error("{} {} failed", request.method(), request.path(), cause);
        return Answer.error(500, "internal error: " + cause.getClass().getSimpleName());
    }
}
