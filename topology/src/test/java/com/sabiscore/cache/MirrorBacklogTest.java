package com.sabiscore.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import org.junit.jupiter.api.Test;

class MirrorBacklogTest {

    private final MirrorBacklog backlog = new MirrorBacklog();

    private static MirrorEntry entry(String fixture, long version, long receivedMillis) {
        return new MirrorEntry(fixture, version, "{\"version\":" + version + "}", receivedMillis);
    }

    @Test
    void shouldKeepOnlyTheNewestVersionOfAFixture() {
        // when versions arrive out of order
        backlog.offer(entry("A", 2, 100));
        backlog.offer(entry("A", 1, 150));
        backlog.offer(entry("A", 3, 200));
        backlog.offer(entry("B", 1, 300));

        // then one entry per fixture, the newest version, oldest fixture first
        assertThat(backlog.next(10)).extracting(MirrorEntry::fixtureId, MirrorEntry::version)
                .containsExactly(tuple("A", 3L), tuple("B", 1L));
        assertThat(backlog.oldestWaitMillis(1_100)).isEqualTo(1_000);
    }

    @Test
    void shouldKeepANewerVersionThatArrivedWhileTheOlderWasBeingWritten() {
        // given version 1 taken for writing
        backlog.offer(entry("A", 1, 100));
        MirrorEntry taken = backlog.next(1).get(0);

        // when version 2 arrives before the write of version 1 completes
        backlog.offer(entry("A", 2, 150));
        backlog.done(taken);

        // then version 2 still waits
        assertThat(backlog.next(10)).extracting(MirrorEntry::version).containsExactly(2L);
        backlog.done(backlog.next(1).get(0));
        assertThat(backlog.isEmpty()).isTrue();
        assertThat(backlog.oldestWaitMillis(1_000)).isZero();
    }
}
