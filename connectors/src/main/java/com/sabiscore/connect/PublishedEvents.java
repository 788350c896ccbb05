package com.sabiscore.connect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.connect.storage.OffsetStorageReader;

import com.sabiscore.match.Fixture;

/**
 * What the live feed has published, kept as Connect source offsets with one source partition per
 * event: {@code {"kind": "fixture", "key": "E0:2024-08-16:Man United:Fulham"}} with the offset
 * {@code {"content": "<digest>"}}. The digest of a fixture covers its kick-off and odds, so a
 * fixture that moves or is re-priced is published again and one that stays the same is not, in
 * whatever order the file lists it. A result is published once; a row refused to the dead-letter
 * topic (kind {@code rejected}, keyed by a digest of the row) is refused once.
 *
 * <p>The offset store thus gains one small entry per fixture and per result published (about
 * 3,700 a season for the five leagues, some 100 bytes each); a compacted offsets topic keeps one
 * record per entry, and the task reads back only the entries of the matches its files list.
 */
final class PublishedEvents {

    /** The three kinds of event the feed sends. */
    enum Kind { FIXTURE, RESULT, REJECTED }

    /** One event's source partition. */
    record Key(Kind kind, String id) {
        Map<String, String> sourcePartition() {
            return Map.of(KIND, kind.name().toLowerCase(Locale.ROOT), KEY, id);
        }
    }

    private static final String KIND = "kind";
    private static final String KEY = "key";
    private static final String CONTENT = "content";
    private static final HexFormat HEX = HexFormat.of();

    private final OffsetStorageReader offsets;
    /* every key looked up in the offset store, and the content sent under those that were published */
    private final Set<Key> recalled = new HashSet<>();
    private final Map<Key, String> sent = new HashMap<>();

    PublishedEvents(OffsetStorageReader offsets) {
        this.offsets = offsets;
    }

    /** Reads the committed offsets of the keys not looked up yet, in one request to the offset store. */
    void recall(Collection<Key> keys) {
        List<Map<String, String>> unknown = new ArrayList<>();
        for (Key key : keys) {
            if (recalled.add(key)) {
                unknown.add(key.sourcePartition());
            }
        }
        if (unknown.isEmpty()) {
            return;
        }
        Map<Map<String, String>, Map<String, Object>> committed = offsets.offsets(unknown);
        committed.forEach((partition, offset) -> {
            if (offset != null && offset.get(CONTENT) instanceof String content) {
                sent.put(new Key(Kind.valueOf(partition.get(KIND).toUpperCase(Locale.ROOT)), partition.get(KEY)), content);
            }
        });
    }

    /** Whether an event was sent under {@code key} (recalled or sent by this task). */
    boolean wasSent(Key key) {
        return sent.containsKey(key);
    }

    /** Whether {@code content} is what was last sent under {@code key}. */
    boolean wasSent(Key key, String content) {
        return content.equals(sent.get(key));
    }

    /** Records that {@code content} goes out under {@code key}; returns the record's source offset. */
    Map<String, String> send(Key key, String content) {
        recalled.add(key);
        sent.put(key, content);
        return Map.of(CONTENT, content);
    }

    /** The digest of what makes a fixture worth publishing again: its kick-off and odds. */
    static String contentOf(Fixture fixture) {
        return digest(fixture.kickoff() + " " + fixture.odds());
    }

    /** A short digest of {@code text}: 64 bits of its SHA-256, in hex. */
    static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HEX.formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
