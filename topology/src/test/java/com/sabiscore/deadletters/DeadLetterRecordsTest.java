package com.sabiscore.deadletters;

import static com.sabiscore.events.FixtureEvents.aFixtureEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.sabiscore.events.DeadLetter;
import com.sabiscore.events.Fixture;
import com.sabiscore.serde.EventSerdes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLetterRecordsTest {

    private static final Instant AT = Instant.parse("2023-10-21T14:00:00Z");
    private static final Fixture FIXTURE = aFixtureEvent().kickoff(AT).build();
    private static final byte[] KEY = FIXTURE.getFixtureId().getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = EventSerdes.fixture().serializer().serialize("sabiscore.fixtures", FIXTURE);

    @Test
    void shouldTurnTheAppsDeadLetterBackIntoTheRecordItRefused() {
        DeadLetter letter = DeadLetter.newBuilder()
                .setOriginalKey(ByteBuffer.wrap(KEY)).setOriginalValue(ByteBuffer.wrap(VALUE))
                .setSourceTopic("sabiscore.fixtures").setSourcePartition(4).setSourceOffset(17L)
                .setErrorClass("com.sabiscore.events.mapping.InvalidEventException").setReason("missing kickoff")
                .setFailedAt(AT).build();

        Optional<RawRecord> original = DeadLetterRecords.original(
                inDeadLetterTopic(KEY, EventSerdes.deadLetter().serializer().serialize("sabiscore.dead-letters", letter), new RecordHeaders()));

        assertThat(original).contains(new RawRecord("sabiscore.fixtures", 4, 17L, AT, KEY, VALUE, "missing kickoff",
                "com.sabiscore.events.mapping.InvalidEventException"));
    }

    @Test
    void shouldTurnKafkaStreamsOwnDeadLetterBackIntoTheRecordItRefused() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("__streams.errors.exception", "java.lang.IllegalStateException".getBytes(StandardCharsets.UTF_8));
        headers.add("__streams.errors.message", "store closed".getBytes(StandardCharsets.UTF_8));
        headers.add("__streams.errors.stacktrace", "at somewhere".getBytes(StandardCharsets.UTF_8));
        headers.add("__streams.errors.topic", "sabiscore.results".getBytes(StandardCharsets.UTF_8));
        headers.add("__streams.errors.partition", "2".getBytes(StandardCharsets.UTF_8));
        headers.add("__streams.errors.offset", "99".getBytes(StandardCharsets.UTF_8));

        Optional<RawRecord> original = DeadLetterRecords.original(inDeadLetterTopic(KEY, VALUE, headers));

        assertThat(original).contains(new RawRecord("sabiscore.results", 2, 99L, AT, KEY, VALUE, "store closed",
                "java.lang.IllegalStateException"));
    }

    @Test
    void shouldFindNoRefusedRecordInSomethingElse() {
        assertThat(DeadLetterRecords.original(inDeadLetterTopic(KEY, VALUE, new RecordHeaders()))).isEmpty();
        assertThat(DeadLetterRecords.original(inDeadLetterTopic(KEY, null, new RecordHeaders()))).isEmpty();
    }

    private static ConsumerRecord<byte[], byte[]> inDeadLetterTopic(byte[] key, byte[] value, RecordHeaders headers) {
        return new ConsumerRecord<>("sabiscore.dead-letters", 0, 5L, AT.toEpochMilli(), TimestampType.CREATE_TIME,
                key == null ? -1 : key.length, value == null ? -1 : value.length, key, value, headers, Optional.empty());
    }
}
