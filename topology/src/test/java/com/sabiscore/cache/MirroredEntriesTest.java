package com.sabiscore.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MirroredEntriesTest {

    private static final long TTL_MILLIS = 60_000;

    private final List<String> forgotten = new ArrayList<>();

    /** An entry whose JSON is {@code {"version":N}} padded to {@code chars} characters. */
    private static MirrorEntry entry(String fixture, long version, int chars) {
        String json = "{\"version\":" + version + "}";
        return new MirrorEntry(fixture, version, json + " ".repeat(Math.max(0, chars - json.length())), 0);
    }

    @Test
    void shouldKeepTheNewestWrittenVersionOfEachFixtureInWriteOrder() {
        // given
        MirroredEntries mirrored = new MirroredEntries(TTL_MILLIS, 1_000);

        // when A is written, then B, then A again in a newer version, then a late older version of B
        mirrored.written(entry("A", 1, 20), 100, forgotten::add);
        mirrored.written(entry("B", 2, 20), 200, forgotten::add);
        mirrored.written(entry("A", 2, 20), 300, forgotten::add);
        mirrored.written(entry("B", 1, 20), 400, forgotten::add);

        // then one entry per fixture with its newest version, the fixture written last at the end
        assertThat(mirrored.entries()).extracting(MirrorEntry::fixtureId, MirrorEntry::version)
                .containsExactly(tuple("A", 2L), tuple("B", 2L));
        assertThat(forgotten).isEmpty();
    }

    @Test
    void shouldForgetTheOldestWritesWhenTheJsonKeptExceedsItsBound() {
        // given room for three entries of 100 characters
        MirroredEntries mirrored = new MirroredEntries(TTL_MILLIS, 300);
        mirrored.written(entry("A", 1, 100), 100, forgotten::add);
        mirrored.written(entry("B", 1, 100), 200, forgotten::add);
        mirrored.written(entry("C", 1, 100), 300, forgotten::add);

        // when A is written again (now the newest write) and then D arrives
        mirrored.written(entry("A", 2, 100), 400, forgotten::add);
        mirrored.written(entry("D", 1, 100), 500, forgotten::add);

        // then B, now the oldest write, made room
        assertThat(forgotten).containsExactly("B");
        assertThat(mirrored.entries()).extracting(MirrorEntry::fixtureId).containsExactly("C", "A", "D");
    }

    @Test
    void shouldDropWhatRedisNoLongerKeepsOnceTheTimeToLiveHasRunOut() {
        // given
        MirroredEntries mirrored = new MirroredEntries(TTL_MILLIS, 1_000);
        mirrored.written(entry("A", 1, 20), 1_000, forgotten::add);
        mirrored.written(entry("B", 1, 20), 5_000, forgotten::add);

        // when one time to live has passed since A was written, but not since B was
        mirrored.expire(1_000 + TTL_MILLIS, forgotten::add);

        // then
        assertThat(forgotten).containsExactly("A");
        assertThat(mirrored.entries()).extracting(MirrorEntry::fixtureId).containsExactly("B");
    }
}
