package com.sabiscore.http;

import com.sabiscore.metrics.HttpRouteTimers;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** One HTTP request as a route sees it: its matched path parameters, query parameters, headers and body. */
final class Request {

    private final HttpMethod method;
    private final String uri;
    private final String path;
    private final HttpHeaders headers;
    private final byte[] body;
    private final EventLoop eventLoop;
    private PathTemplate template;
    private String[] pathValues;
    private HttpRouteTimers timers;
    private Map<String, List<String>> query;
    private Consumer<Channel> takeover;

    /**
     * @param uri       the request target as sent (path and query, not decoded)
     * @param headers   the request's headers
     * @param body      the whole body, empty when there is none
     * @param eventLoop the event loop that read the request (and writes its answer)
     */
    Request(HttpMethod method, String uri, HttpHeaders headers, byte[] body, EventLoop eventLoop) {
        this.method = method;
        this.headers = headers;
        this.eventLoop = eventLoop;
        this.uri = uri;
        int queryStart = uri.indexOf('?');
        this.path = queryStart < 0 ? uri : uri.substring(0, queryStart);
        this.body = body;
    }

    HttpMethod method() {
        return method;
    }

    /** The path without the query, not decoded. */
    String path() {
        return path;
    }

    /** A header's first value, null when absent. */
    String header(CharSequence name) {
        return headers.get(name);
    }

    byte[] body() {
        return body;
    }

    /** The event loop that read the request: work that must not block, and timers, may run there. */
    EventLoop eventLoop() {
        return eventLoop;
    }

    void matched(PathTemplate template, String[] values, HttpRouteTimers timers) {
        this.template = template;
        this.pathValues = values;
        this.timers = timers;
    }

    /** The timers of the route that matched the path, null when none did. */
    HttpRouteTimers routeTimers() {
        return timers;
    }

    /** The decoded value of a parameter of the route's path template. */
    String pathParam(String name) {
        return pathValues[template.parameterIndex(name)];
    }

    /** A query parameter's first value, null when absent. */
    String queryParam(String name) {
        if (query == null) {
            query = new QueryStringDecoder(uri).parameters();
        }
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * Asks for the connection once this request's answer, of type {@link Answer.BodyType#EVENT_STREAM},
     * has been written: {@code then} receives the channel, on its event loop, and writes the
     * stream's events to it from then on. Nothing else is read or answered on that connection.
     */
    void takeOver(Consumer<Channel> then) {
        this.takeover = then;
    }

    /** What takes the connection over after the answer, null for an ordinary answer. */
    Consumer<Channel> takeover() {
        return takeover;
    }
}
