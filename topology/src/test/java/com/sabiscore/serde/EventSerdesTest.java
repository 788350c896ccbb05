package com.sabiscore.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sabiscore.events.FixtureEvents;
import com.sabiscore.events.MatchResult;
import com.sabiscore.events.Fixture;
import com.sabiscore.events.ResultEvents;
import org.apache.avro.AvroRuntimeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class EventSerdesTest {

    @Test
    void shouldRoundTripAFixtureThroughItsSerde() {
        Fixture fixture = FixtureEvents.aFixtureEvent().build();
        Serde<Fixture> serde = EventSerdes.fixture();

        byte[] bytes = serde.serializer().serialize("sabiscore.fixtures", fixture);

        assertThat(serde.deserializer().deserialize("sabiscore.fixtures", bytes)).isEqualTo(fixture);
    }

    @Test
    void shouldKeepNullsAsTombstones() {
        assertThat(EventSerdes.prediction().serializer().serialize("t", null)).isNull();
        assertThat(EventSerdes.prediction().deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void shouldFailLoudlyOnBytesThatAreNotAnEvent() {
        assertThatThrownBy(() -> EventSerdes.result().deserializer().deserialize("t", new byte[] {1, 2, 3}))
                .isInstanceOf(AvroRuntimeException.class);
    }

    @Test
    void shouldWriteEveryEventTypeWithOneSerializerThatTheTypedSerdesRead() {
        MatchResult result = ResultEvents.aResultEvent().build();
        Fixture fixture = FixtureEvents.aFixtureEvent().build();
        try (AnyEventSerializer serializer = new AnyEventSerializer()) {
            assertThat(EventSerdes.result().deserializer().deserialize("t", serializer.serialize("t", result)))
                    .isEqualTo(result);
            assertThat(EventSerdes.fixture().deserializer().deserialize("t", serializer.serialize("t", fixture)))
                    .isEqualTo(fixture);
        }
    }

    @Test
    void shouldRefuseARecordThatIsNotAnEventType() {
        try (AnyEventSerializer serializer = new AnyEventSerializer()) {
            assertThatThrownBy(() -> serializer.serialize("t", new com.sabiscore.events.SourceOffset("t", 0, 1L)))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("SourceOffset");
        }
    }
}
