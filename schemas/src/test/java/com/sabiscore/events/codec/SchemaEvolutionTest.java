package com.sabiscore.events.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.sabiscore.events.Fixture;
import com.sabiscore.events.MatchResult;
import com.sabiscore.events.Prediction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Producers and consumers upgrade one at a time, so both directions must work through
 * single-object encoding: an old writer read by the current class, and a newer writer read by the
 * current class (and the current writer read by an old reader). State-store values too: a store is
 * restored from its changelog by whichever release opens it next.
 */
class SchemaEvolutionTest {

    /** The test-only earlier Fixture version, shipped through the history index in test resources. */
    private static final Schema FIXTURE_V0 = parse("/com/sabiscore/events/history/Fixture-v0.avsc");

    @Test
    void shouldReadAnOldWriterThroughTheBundledStoreFillingAddedFieldsWithDefaults() throws IOException {
        // given an event written with v0: required kickoff, flat prices, no neutral/odds fields
        GenericRecord v0 = burnleyManCity(FIXTURE_V0)
                .set("homePrice", 9.0)
                .build();
        byte[] bytes = encode(FIXTURE_V0, v0);

        // when the current codec reads it
        Fixture decoded = AvroCodec.of(Fixture.class).decode(bytes);

        // then shared fields carry over, added fields take their defaults, removed ones are skipped
        assertThat(decoded.getFixtureId()).isEqualTo("E0:2023-08-11:Burnley:Man City");
        assertThat(decoded.getKickoff()).isEqualTo(SampleEvents.KICKOFF);
        assertThat(decoded.getNeutral()).isFalse();
        assertThat(decoded.getOdds()).isEmpty();
        assertThat(decoded.getMarketAverage()).isNull();
    }

    @Test
    void shouldReadAResultWrittenBeforeItCarriedPreMatchPrices() throws IOException {
        // given a result written with the retired v1 schema shipped in the main history folder
        Schema v1 = parse("/com/sabiscore/events/history/MatchResult-v1.avsc");
        GenericRecord old = burnleyManCity(v1)
                .set("homeGoals", 0)
                .set("awayGoals", 3)
                .build();

        // when the current codec reads it, then the prices are simply absent
        MatchResult decoded = AvroCodec.of(MatchResult.class).decode(encode(v1, old));

        assertThat(decoded.getAwayGoals()).isEqualTo(3);
        assertThat(decoded.getPreMatchPrices()).isNull();
    }

    @Test
    void shouldReadAPredictionWrittenBeforeItCarriedAChallenger() throws IOException {
        // given a prediction written with the retired v1 schema: no challenger field
        Schema v1 = parse("/com/sabiscore/events/history/Prediction-v1.avsc");
        Prediction sample = SampleEvents.prediction();
        GenericRecordBuilder old = new GenericRecordBuilder(v1);
        for (Schema.Field field : v1.getFields()) {
            old.set(field.name(), sample.get(field.name()));
        }
        byte[] bytes = encode(v1, old.build(), SpecificData.getForClass(Prediction.class));

        // when the current codec reads it, then everything carries over and there is no challenger
        Prediction decoded = AvroCodec.of(Prediction.class).decode(bytes);

        assertThat(decoded.getChallenger()).isNull();
        assertThat(decoded).isEqualTo(Prediction.newBuilder(sample).setChallenger(null).build());
    }

    @Test
    void shouldLetAPredictionReaderFromBeforeTheChallengerReadTheCurrentWriter() throws IOException {
        // given a prediction with a challenger forecast, as the stream now writes it (also the predictions store's value)
        byte[] current = AvroCodec.of(Prediction.class).encode(SampleEvents.prediction());
        Schema v1 = parse("/com/sabiscore/events/history/Prediction-v1.avsc");

        // when a consumer still on v1 reads it
        GenericRecord decoded = new BinaryMessageDecoder<GenericRecord>(GenericData.get(), v1, EventSchemaStore.bundled())
                .decode(current);

        // then it reads the champion's forecast and skips the challenger
        assertThat(decoded.get("modelVersion").toString()).isEqualTo("test-1");
        assertThat(decoded.get("awayWinProb")).isEqualTo(0.75);
        assertThat(decoded.getSchema().getField("challenger")).isNull();
    }

    @Test
    void shouldLetAnOldReaderReadTheCurrentWriter() throws IOException {
        byte[] current = AvroCodec.of(Fixture.class).encode(SampleEvents.fixture());
        BinaryMessageDecoder<GenericRecord> oldReader =
                new BinaryMessageDecoder<>(GenericData.get(), FIXTURE_V0, EventSchemaStore.bundled());

        GenericRecord decoded = oldReader.decode(current);

        assertThat(decoded.get("homeTeam").toString()).isEqualTo("Burnley");
        assertThat(decoded.get("kickoff")).isEqualTo(SampleEvents.KICKOFF.toEpochMilli());
        assertThat(decoded.get("homePrice")).isNull();
    }

    @Test
    void shouldLetTheCurrentClassReadANewerWriterWithAnAddedDefaultedField() throws IOException {
        // given a future Fixture version with a venue field, registered at run time
        Schema future = withExtraField(Fixture.getClassSchema(),
                new Schema.Field("venue", Schema.create(Schema.Type.STRING), "stadium name", ""));
        EventSchemaStore store = new EventSchemaStore().register(future);
        GenericRecordBuilder builder = new GenericRecordBuilder(future);
        Fixture sample = SampleEvents.fixture();
        for (Schema.Field field : Fixture.getClassSchema().getFields()) {
            builder.set(field.name(), sample.get(field.name()));
        }
        GenericRecord newer = builder.set("venue", "Turf Moor").build();
        // the sample's values are Instants and generated records: write them with the generated model
        byte[] bytes = encode(future, newer, SpecificData.getForClass(Fixture.class));

        // when the current class reads it, then it sees every field it knows and ignores venue
        Fixture decoded = AvroCodec.of(Fixture.class, store).decode(bytes);

        assertThat(decoded).isEqualTo(sample);
    }

    /** One value of each state-store type, every field set. */
    static Stream<SpecificRecordBase> stateValues() {
        return Stream.of(SampleStates.teamState(), SampleStates.leagueState(), SampleStates.fixtureStatus());
    }

    @ParameterizedTest
    @MethodSource("stateValues")
    void shouldLetAStateReaderWithANewOptionalFieldReadTheCurrentWriter(SpecificRecordBase value) throws IOException {
        // given a store value as this release writes it
        byte[] bytes = codecOf(value).encode(value);
        // and a later release's reader with an optional field added
        Schema current = value.getSchema();
        Schema later = withExtraField(current, new Schema.Field("note",
                Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
                "added later", Schema.Field.NULL_DEFAULT_VALUE));

        // when the later reader reads it
        GenericRecord read = new BinaryMessageDecoder<GenericRecord>(GenericData.get(), later, EventSchemaStore.bundled()).decode(bytes);

        // then every field is as written and the added one takes its default
        for (Schema.Field field : current.getFields()) {
            assertThat(GenericData.get().compare(read.get(field.name()), value.get(field.name()), field.schema()))
                    .as(field.name()).isZero();
        }
        assertThat(read.get("note")).isNull();
    }

    @ParameterizedTest
    @MethodSource("stateValues")
    void shouldLetTheCurrentStateClassReadANewerWriterWithAnAddedDefaultedField(SpecificRecordBase value) throws IOException {
        // given a later release's value with a counter added, registered at run time
        Schema later = withExtraField(value.getSchema(),
                new Schema.Field("revision", Schema.create(Schema.Type.INT), "added later", 0));
        GenericRecordBuilder builder = new GenericRecordBuilder(later);
        for (Schema.Field field : value.getSchema().getFields()) {
            builder.set(field.name(), value.get(field.name()));
        }
        byte[] bytes = encode(later, builder.set("revision", 4).build(), SpecificData.getForClass(value.getClass()));

        // when this release reads it, then it sees every field it knows and skips the added one
        assertThat(codecOf(value, new EventSchemaStore().register(later)).decode(bytes)).isEqualTo(value);
    }

    private static <T extends SpecificRecord> AvroCodec<T> codecOf(T value) {
        return codecOf(value, EventSchemaStore.bundled());
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> AvroCodec<T> codecOf(T value, EventSchemaStore writerSchemas) {
        return AvroCodec.of((Class<T>) value.getClass(), writerSchemas);
    }

    private static Schema withExtraField(Schema schema, Schema.Field extra) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            fields.add(new Schema.Field(field, field.schema()));
        }
        fields.add(extra);
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    private static byte[] encode(Schema schema, GenericRecord record) throws IOException {
        return encode(schema, record, GenericData.get());
    }

    private static byte[] encode(Schema schema, GenericRecord record, GenericData model) throws IOException {
        ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(model, schema).encode(record);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static Schema parse(String resource) {
        try (InputStream in = SchemaEvolutionTest.class.getResourceAsStream(resource)) {
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An old-schema record of the sample fixture, its identifying fields filled in. */
    private static GenericRecordBuilder burnleyManCity(Schema schema) {
        return new GenericRecordBuilder(schema)
                .set("fixtureId", "E0:2023-08-11:Burnley:Man City")
                .set("competition", "E0")
                .set("season", "2023-24")
                .set("homeTeam", "Burnley")
                .set("awayTeam", "Man City")
                .set("kickoff", SampleEvents.KICKOFF.toEpochMilli());
    }
}
