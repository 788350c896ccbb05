package com.sabiscore.http;

/**
 * What a name, code or id sent to the API may hold: well-formed Unicode without control
 * characters. A NUL or a lone UTF-16 surrogate passes JSON and percent-decoding, but has no place
 * in a team name or a store key, and a lone surrogate cannot even be written back as UTF-8.
 */
final class PlainText {

    /** Longest value quoted whole in an error message. */
    private static final int MAX_QUOTED = 80;

    private PlainText() {
    }

    /** Why {@code text} is refused, as the end of a sentence naming it; null when it is fine. */
    static String fault(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                return "must not contain control characters (found U+" + String.format("%04X", (int) c) + ")";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "holds an unpaired UTF-16 surrogate (U+" + String.format("%04X", (int) c) + "): send valid Unicode";
            }
        }
        return null;
    }

    /**
     * The text as an error message quotes it: a huge value is cut, so an answer never echoes a
     * whole oversized field back (a surrogate pair is never split).
     */
    static String excerpt(String text) {
        if (text.length() <= MAX_QUOTED) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_QUOTED - 1)) ? MAX_QUOTED - 1 : MAX_QUOTED;
        return text.substring(0, end) + "... (" + text.length() + " characters)";
    }
}
