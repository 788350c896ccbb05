package com.sabiscore.connect;

import java.util.Optional;

import com.sabiscore.events.codec.AvroCodec;
import com.sabiscore.events.mapping.EventMapper;
import com.sabiscore.events.mapping.EventValidator;
import com.sabiscore.match.Fixture;
import com.sabiscore.match.MatchResult;

/**
 * Turns the domain records the football-data reader yields into the single-object-encoded Avro
 * events of the fixtures and results topics: the bytes a record value carries. The mapping and the
 * checks are the streams app's own ({@link EventMapper}, {@link EventValidator}).
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

    /** Why the stream would refuse this fixture's event, or empty when it takes it. */
    public static Optional<String> rejection(Fixture fixture) {
        return EventValidator.reasonToReject(EventMapper.toEvent(fixture));
    }

    /** Why the stream would refuse this result's event, or empty when it takes it. */
    public static Optional<String> rejection(MatchResult result) {
        return EventValidator.reasonToReject(EventMapper.toEvent(result));
    }
}
