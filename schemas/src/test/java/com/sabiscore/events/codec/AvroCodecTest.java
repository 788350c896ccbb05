package com.sabiscore.events.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sabiscore.events.DeadLetter;
import com.sabiscore.events.Fixture;
import com.sabiscore.events.MatchResult;
import com.sabiscore.events.ModelRecord;
import com.sabiscore.events.Prediction;
import com.sabiscore.state.FixtureStatus;
import com.sabiscore.state.LeagueState;
import com.sabiscore.state.TeamState;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.AvroTypeException;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class AvroCodecTest {

    @Test
    void shouldRoundTripEveryEventTypeWithAllFieldsSet() {
        assertRoundTrip(AvroCodec.of(Fixture.class), SampleEvents.fixture());
        assertRoundTrip(AvroCodec.of(MatchResult.class), SampleEvents.result());
        assertRoundTrip(AvroCodec.of(Prediction.class), SampleEvents.prediction());
        assertRoundTrip(AvroCodec.of(DeadLetter.class), SampleEvents.deadLetter());
        assertRoundTrip(AvroCodec.of(ModelRecord.class), SampleEvents.modelRelease());
        assertRoundTrip(AvroCodec.of(ModelRecord.class), SampleEvents.modelRoles());
    }

    @Test
    void shouldRoundTripEveryStateTypeWithAllFieldsSet() {
        assertRoundTrip(AvroCodec.of(TeamState.class), SampleStates.teamState());
        assertRoundTrip(AvroCodec.of(LeagueState.class), SampleStates.leagueState());
        assertRoundTrip(AvroCodec.of(FixtureStatus.class), SampleStates.fixtureStatus());
        assertRoundTrip(AvroCodec.of(FixtureStatus.class), FixtureStatus.newBuilder().setAppliedAtMs(7L).build());
    }

    @Test
    void shouldTellSingleObjectBytesFromOthers() {
        assertThat(AvroCodec.isSingleObject(AvroCodec.of(LeagueState.class).encode(SampleStates.leagueState()))).isTrue();
        // the state stores' earlier layouts start with a format version (2) or a flags byte (0 to 15)
        assertThat(AvroCodec.isSingleObject(new byte[] {2, 0, 7})).isFalse();
        assertThat(AvroCodec.isSingleObject(new byte[] {(byte) 0xC3})).isFalse();
        assertThat(AvroCodec.isSingleObject(new byte[0])).isFalse();
    }

    @Test
    void shouldTakeTheArrayOfADecodedBytesFieldAndCopyAnyOtherBuffer() {
        FixtureStatus decoded = roundTrip(AvroCodec.of(FixtureStatus.class), SampleStates.fixtureStatus());
        ByteBuffer whole = decoded.getFixtureEvent();
        ByteBuffer slice = ByteBuffer.wrap("xfixture eventx".getBytes(StandardCharsets.UTF_8), 1, 13);

        assertThat(AvroCodec.toArray(whole)).isSameAs(whole.array());
        assertThat(AvroCodec.toArray(slice)).isEqualTo("fixture event".getBytes(StandardCharsets.UTF_8));
        assertThat(slice.position()).isEqualTo(1);
    }

    @Test
    void shouldReadAnEventTypeAsAStateTypeOnlyAsAnError() {
        byte[] fixture = AvroCodec.of(Fixture.class).encode(SampleEvents.fixture());

        assertThatThrownBy(() -> AvroCodec.of(FixtureStatus.class).decode(fixture))
                .isInstanceOf(AvroTypeException.class)
                .hasMessageContaining("com.sabiscore.events.Fixture");
    }

    @Test
    void shouldDefaultTheOptionalFieldsOfAMinimalFixture() {
        Fixture minimal = Fixture.newBuilder()
                .setFixtureId("INT:2022-12-18:Argentina:France")
                .setCompetition("INT")
                .setSeason("2022")
                .setHomeTeam("Argentina")
                .setAwayTeam("France")
                .build();

        Fixture decoded = roundTrip(AvroCodec.of(Fixture.class), minimal);

        assertThat(decoded.getKickoff()).isNull();
        assertThat(decoded.getNeutral()).isFalse();
        assertThat(decoded.getOdds()).isEmpty();
        assertThat(decoded.getMarketAverage()).isNull();
    }

    @Test
    void shouldWriteTheSingleObjectMarkerAndTheWriterFingerprintFirst() {
        AvroCodec<Fixture> codec = AvroCodec.of(Fixture.class);

        byte[] bytes = codec.encode(SampleEvents.fixture());

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(fingerprint).isEqualTo(EventSchemaStore.fingerprint(Fixture.getClassSchema()));
    }

    @Test
    void shouldWriteNothingOfAnEncodeThatFailedHalfWayIntoTheNextOne() {
        AvroCodec<Fixture> codec = AvroCodec.of(Fixture.class);
        byte[] whole = codec.encode(SampleEvents.fixture());
        // the id is written before the missing competition fails the encode
        Fixture incomplete = new Fixture();
        incomplete.setFixtureId("E0:2023-08-11:Burnley:Man City");

        assertThatThrownBy(() -> codec.encode(incomplete)).isInstanceOf(NullPointerException.class);
        assertThat(codec.encode(SampleEvents.fixture())).isEqualTo(whole);
    }

    @Test
    void shouldRefuseBytesWithoutTheMarker() {
        AvroCodec<Fixture> codec = AvroCodec.of(Fixture.class);

        assertThatThrownBy(() -> codec.decode("{\"fixtureId\":\"x\"}".getBytes()))
                .isInstanceOf(BadHeaderException.class);
    }

    @Test
    void shouldRefuseAnUnknownWriterSchema() {
        AvroCodec<Fixture> codec = AvroCodec.of(Fixture.class);
        byte[] bytes = codec.encode(SampleEvents.fixture());
        bytes[5] ^= 0x5A;

        assertThatThrownBy(() -> codec.decode(bytes)).isInstanceOf(MissingSchemaException.class);
    }

    @Test
    void shouldRefuseATruncatedBody() {
        AvroCodec<Fixture> codec = AvroCodec.of(Fixture.class);
        byte[] bytes = codec.encode(SampleEvents.fixture());

        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 20);

        assertThatThrownBy(() -> codec.decode(truncated)).isInstanceOf(AvroRuntimeException.class);
    }

    @Test
    void shouldReadAnotherEventTypeOnlyAsAnError() {
        byte[] result = AvroCodec.of(MatchResult.class).encode(SampleEvents.result());

        // a result's schema cannot be resolved to a fixture's: such bytes must never decode silently
        assertThatThrownBy(() -> AvroCodec.of(Fixture.class).decode(result))
                .isInstanceOf(AvroTypeException.class)
                .hasMessageContaining("MatchResult");
    }

    private static <T extends SpecificRecord> void assertRoundTrip(AvroCodec<T> codec, T event) {
        assertThat(roundTrip(codec, event)).isEqualTo(event);
    }

    private static <T extends SpecificRecord> T roundTrip(AvroCodec<T> codec, T event) {
        return codec.decode(codec.encode(event));
    }
}
