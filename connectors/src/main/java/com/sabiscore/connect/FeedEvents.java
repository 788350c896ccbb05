package com.sabiscore.connect;

import com.sabiscore.events.codec.AvroCodec;
import com.sabiscore.events.mapping.EventMapper;
import com.sabiscore.match.Fixture;
import com.sabiscore.match.MatchResult;

/**
 * Turns the domain records the football-data reader yields into the single-object-encoded Avro
 * events of the fixtures and results topics: the bytes a record value carries.
 */
public final class FeedEvents {

    private static final AvroCodec<com.sabiscore.events.Fixture> FIXTURES = AvroCodec.of(com.sabiscore.events.Fixture.class);
    private static final AvroCodec<com.sabiscore.events.MatchResult> RESULTS = AvroCodec.of(com.sabiscore.events.MatchResult.class);

    private FeedEvents() {
    }

    public static byte[] encode(Fixture fixture) {
        return FIXTURES.encode(EventMapper.toEvent(fixture));
    }

    public static byte[] encode(MatchResult result) {
        return RESULTS.encode(EventMapper.toEvent(result));
    }
}
