package com.sabiscore.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
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

    int parameterCount() {
        return parameterNames.size();
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

    /**
     * Percent-decodes one segment as UTF-8 ({@code '+'} stays {@code '+'}). Written out rather than
     * through Netty's {@code QueryStringDecoder}, which turns '+' into a space and allocated a
     * third of a {@code GET}'s garbage in a profile.
     *
     * @throws RequestRejected (400) on a '%' not followed by two hex digits, bytes that are not
     *                          UTF-8, or a value that is not {@link PlainText}
     */
    private static String decode(String segment) {
        String value = segment.indexOf('%') < 0 ? segment : percentDecode(segment);
        String fault = PlainText.fault(value);
        if (fault != null) {
            throw RequestRejected.malformed("path segment '" + PlainText.excerpt(segment) + "' " + fault);
        }
        return value;
    }

    private static String percentDecode(String segment) {
        // Netty reads the request line one char per byte, so each char is one raw byte of the target
        byte[] bytes = new byte[segment.length()];
        int length = 0;
        boolean ascii = true;
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                int high = i + 2 < segment.length() ? Character.digit(segment.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(segment.charAt(i + 2), 16);
                if (low < 0) {
                    throw RequestRejected.malformed("malformed percent-escape in path segment '" + PlainText.excerpt(segment)
                            + "': '%' must be followed by two hex digits");
                }
                bytes[length++] = (byte) (high << 4 | low);
                ascii &= high < 8;
                i += 2;
            } else {
                bytes[length++] = (byte) c;
                ascii &= c < 0x80;
            }
        }
        if (ascii) {
            return new String(bytes, 0, length, StandardCharsets.US_ASCII);
        }
        try {
            // strict: String's own decoding would turn bad bytes into U+FFFD and answer for another name
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw RequestRejected.malformed("path segment '" + PlainText.excerpt(segment) + "' is not UTF-8 once percent-decoded");
        }
    }

    @Override
    public String toString() {
        return template;
    }
}
