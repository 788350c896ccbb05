package com.sabiscore.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class KeptReadsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final KeptReads<String> kept = new KeptReads<>("answers", 100, registry);

    private double gets(String result) {
        return registry.get("cache.gets").tag("cache", "answers").tag("result", result).functionCounter().count();
    }

    @Test
    void shouldKeepAReadUntilTheStreamWritesItsKey() {
        // given
        kept.keep("E0:Arsenal", "read", kept.writes());

        // when another key is written, then this one
        kept.written("E0:Chelsea");
        String beforeItsWrite = kept.get("E0:Arsenal");
        kept.written("E0:Arsenal");

        // then
        assertThat(beforeItsWrite).isEqualTo("read");
        assertThat(kept.get("E0:Arsenal")).isNull();
    }

    @Test
    void shouldNotKeepAReadThatAWriteOverlapped() {
        // given a read that began before the stream wrote some key
        long before = kept.writes();
        kept.written("E0:Everton");

        // when
        String answered = kept.keep("E0:Arsenal", "maybe old", before);

        // then answered once, not kept
        assertThat(answered).isEqualTo("maybe old");
        assertThat(kept.get("E0:Arsenal")).isNull();
    }

    @Test
    void shouldForgetEverythingWhenTheTasksHereChange() {
        // given
        kept.keep("E0:Arsenal", "read", kept.writes());
        kept.keep("D1:Bayern Munich", "read", kept.writes());

        // when
        kept.forgetAll();

        // then
        assertThat(kept.get("E0:Arsenal")).isNull();
        assertThat(kept.get("D1:Bayern Munich")).isNull();
    }

    @Test
    void shouldPublishItsHitsAndMissesUnderItsName() {
        // given
        kept.keep("E0:Arsenal", "read", kept.writes());

        // when
        kept.get("E0:Arsenal");
        kept.get("E0:Arsenal");
        kept.get("E0:Fulham");

        // then
        assertThat(gets("hit")).isEqualTo(2);
        assertThat(gets("miss")).isEqualTo(1);
    }
}
