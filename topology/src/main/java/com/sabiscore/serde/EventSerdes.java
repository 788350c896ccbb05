package com.sabiscore.serde;

import com.sabiscore.events.DeadLetter;
import com.sabiscore.events.Fixture;
import com.sabiscore.events.MatchResult;
import com.sabiscore.events.ModelRecord;
import com.sabiscore.events.Prediction;
import com.sabiscore.events.codec.AvroCodec;

/** The serde of each event type. Serdes are stateless and thread-safe: one shared instance each. */
public final class EventSerdes {

    private static final EventSerde<Fixture> FIXTURE = new EventSerde<>(AvroCodec.of(Fixture.class));
    private static final EventSerde<MatchResult> RESULT = new EventSerde<>(AvroCodec.of(MatchResult.class));
    private static final EventSerde<Prediction> PREDICTION = new EventSerde<>(AvroCodec.of(Prediction.class));
    private static final EventSerde<DeadLetter> DEAD_LETTER = new EventSerde<>(AvroCodec.of(DeadLetter.class));
    private static final EventSerde<ModelRecord> MODEL_RECORD = new EventSerde<>(AvroCodec.of(ModelRecord.class));

    private EventSerdes() {
    }

    public static EventSerde<Fixture> fixture() {
        return FIXTURE;
    }

    public static EventSerde<MatchResult> result() {
        return RESULT;
    }

    public static EventSerde<Prediction> prediction() {
        return PREDICTION;
    }

    public static EventSerde<DeadLetter> deadLetter() {
        return DEAD_LETTER;
    }

    public static EventSerde<ModelRecord> modelRecord() {
        return MODEL_RECORD;
    }
}
