package com.sabiscore.http;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.List;

/**
 * A route's path, such as {@code /api/v1/teams/{competition}/{team}}: literal segments and named
 * parameters that match one whole segment each. Matching walks the request path in place; only a
 * parameter's value is cut out and percent-decoded ('+' stays '+', as in any URL path).
 */
final class PathTemplate {

    private static final String[] NO_VALUES = new String[0];

    private final String template;
    /** Each segment's literal text, or null where the segment is a parameter. */
    private final String[] literals;
    private final List<String> parameterNames = new ArrayList<>();

    PathTemplate(String template) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("a path template starts with '/': " + template);
        }
        this.template = template;
        String[] segments = template.substring(1).split("/", -1);
        literals = new String[segments.length];
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].startsWith("{") && segments[i].endsWith("}")) {
                parameterNames.add(segments[i].substring(1, segments[i].length() - 1));
            } else {
                literals[i] = segments[i];
            }
        }
    }

    /** The index of a parameter in {@link #match}'s answer. */
    int parameterIndex(String name) {
        int index = parameterNames.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException(template + " has no parameter " + name);
        }
        return index;
    }

    /**
     * The decoded parameter values when {@code path} (raw, without its query) matches, else null.
     * A template without parameters answers an empty array when it matches.
     */
    String[] match(String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            return null;
        }
        String[] values = parameterNames.isEmpty() ? NO_VALUES : new String[parameterNames.size()];
        int at = 1;
        int parameter = 0;
        for (int i = 0; i < literals.length; i++) {
            int end = path.indexOf('/', at);
            boolean last = i == literals.length - 1;
            if (last != (end < 0)) {
                return null;
            }
            if (last) {
                end = path.length();
            }
            if (literals[i] == null) {
                if (end == at) {
                    return null;
                }
                values[parameter++] = decode(path.substring(at, end));
            } else if (end - at != literals[i].length() || !path.startsWith(literals[i], at)) {
                return null;
            }
            at = end + 1;
        }
        return values;
    }

    private static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        return QueryStringDecoder.decodeComponent(segment.replace("+", "%2B"));
    }

    @Override
    public String toString() {
        return template;
    }
}
