package com.sabiscore.replay;

import com.sabiscore.events.mapping.EventMapper;
import com.sabiscore.match.MatchTimeline;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes history as it happened: every fixture, then its result, in {@link MatchTimeline}
 * order, each stamped with the instant it became known. The stream then sees, before every
 * kick-off, exactly what the backtest sees.
 */
public final class HistoryReplayer {

    /**
     * Progress of a replay, reported every {@code progressEvery} sends and at the end.
     *
     * @param published events the broker acknowledged (a send is not yet published)
     */
    public record Progress(long published, long total, long elapsedMillis) {
        public double eventsPerSecond() {
            return elapsedMillis == 0 ? 0 : published * 1000.0 / elapsedMillis;
        }
    }

    private final Producer<String, SpecificRecord> producer;
    private final String fixturesTopic;
    private final String resultsTopic;

    public HistoryReplayer(Producer<String, SpecificRecord> producer, String fixturesTopic, String resultsTopic) {
        this.producer = producer;
        this.fixturesTopic = fixturesTopic;
        this.resultsTopic = resultsTopic;
    }

    /**
     * Sends {@code events} in order (see {@link MatchTimeline#of}) and flushes. Sends are
     * asynchronous; a failed send fails the replay at the end rather than silently dropping an event.
     */
    public Progress replay(List<MatchTimeline.Event> events, int progressEvery, Consumer<Progress> onProgress) {
        long started = System.currentTimeMillis();
        Acknowledgements acknowledged = new Acknowledgements();
        long sent = 0;
        for (MatchTimeline.Event event : events) {
            String fixtureId = event.match().fixture().id().toString();
            long timestamp = event.at().toEpochMilli();
            ProducerRecord<String, SpecificRecord> record = event.kind() == MatchTimeline.Kind.FIXTURE
                    ? new ProducerRecord<>(fixturesTopic, null, timestamp, fixtureId, EventMapper.toEvent(event.match().fixture()))
                    : new ProducerRecord<>(resultsTopic, null, timestamp, fixtureId, EventMapper.toEvent(event.match().result()));
            producer.send(record, acknowledged);
            sent++;
            if (sent % progressEvery == 0) {
                onProgress.accept(new Progress(acknowledged.count(), events.size(), System.currentTimeMillis() - started));
            }
        }
        producer.flush();
        acknowledged.throwIfAnyFailed();
        Progress done = new Progress(acknowledged.count(), events.size(), System.currentTimeMillis() - started);
        onProgress.accept(done);
        return done;
    }

    /** Counts the sends the broker acknowledged and keeps the first failure. */
    private static final class Acknowledgements implements org.apache.kafka.clients.producer.Callback {
        private final AtomicLong count = new AtomicLong();
        private volatile Exception first;

        @Override
        public void onCompletion(org.apache.kafka.clients.producer.RecordMetadata metadata, Exception exception) {
            if (exception == null) {
                count.incrementAndGet();
            } else if (first == null) {
                first = exception;
            }
        }

        long count() {
            return count.get();
        }

        void throwIfAnyFailed() {
            if (first != null) {
                throw new IllegalStateException("replay failed to publish an event: " + first.getMessage(), first);
            }
        }
    }
}
