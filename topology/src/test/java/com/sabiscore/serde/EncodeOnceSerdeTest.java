package com.sabiscore.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.sabiscore.events.Fixture;
import com.sabiscore.events.FixtureEvents;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

class EncodeOnceSerdeTest {

    private final EncodeOnceSerde<Fixture> serde = new EncodeOnceSerde<>(EventSerdes.fixture());

    @Test
    void shouldHandBackTheSameBytesForTheSameInstanceWithoutEncodingAgain() {
        Serializer<Fixture> store = serde.serializer();
        Serializer<Fixture> sink = serde.serializer();
        Fixture fixture = FixtureEvents.aFixtureEvent().build();

        byte[] first = store.serialize("changelog", fixture);
        byte[] second = sink.serialize("predictions", fixture);

        assertThat(second).isSameAs(first).isEqualTo(EventSerdes.fixture().serializer().serialize("any", fixture));
        assertThat(serde.deserializer().deserialize("any", second)).isEqualTo(fixture);
    }

    @Test
    void shouldEncodeAnotherInstanceAgainEvenWhenEqual() {
        Serializer<Fixture> serializer = serde.serializer();
        Fixture fixture = FixtureEvents.aFixtureEvent().build();
        Fixture other = FixtureEvents.aFixtureEvent().home("Everton").build();
        byte[] first = serializer.serialize("t", fixture);

        byte[] forOther = serializer.serialize("t", other);
        byte[] forEqualCopy = serializer.serialize("t", Fixture.newBuilder(fixture).build());

        assertThat(serde.deserializer().deserialize("t", forOther)).isEqualTo(other);
        assertThat(forEqualCopy).isNotSameAs(first).isEqualTo(first);
        assertThat(serializer.serialize("t", null)).isNull();
    }
}
