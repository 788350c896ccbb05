package com.sabiscore.faults;

import com.sabiscore.config.AppConfig;
import com.sabiscore.match.MatchTimeline;
import com.sabiscore.replay.HistoryReplayer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * A feed at a live pace: publishes the events of a timeline to the input topics at a steady rate
 * (after an optional first part sent at once), through the product's own {@link HistoryReplayer},
 * so every record is exactly what {@code run} would publish for it. Runs on its own thread and
 * keeps going whatever happens to the app instances.
 */
final class PacedPublisher implements AutoCloseable {

    /** Events are sent in slices this often. */
    private static final long SLICE_MILLIS = 100;

    private final List<MatchTimeline.Event> events;
    private final int burst;
    private final double ratePerSecond;
    private final String bootstrapServers;
    private final AtomicLong published = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    /**
     * @param burst events sent at once first (the state an instance already has), the rest at {@code ratePerSecond}
     */
    PacedPublisher(String bootstrapServers, List<MatchTimeline.Event> events, int burst, double ratePerSecond) {
        this.bootstrapServers = bootstrapServers;
        this.events = List.copyOf(events);
        this.burst = Math.min(burst, events.size());
        this.ratePerSecond = ratePerSecond;
        this.thread = new Thread(this::publish, "paced-publisher");
        thread.setDaemon(true);
        thread.start();
    }

    private void publish() {
        AppConfig config = AppConfig.of(Map.of("kafka.bootstrap.servers", bootstrapServers));
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(config.producerProperties())) {
            HistoryReplayer replayer = new HistoryReplayer(producer, config.fixturesTopic(), config.resultsTopic());
            send(replayer, 0, burst);
            long perSlice = Math.max(1, Math.round(ratePerSecond * SLICE_MILLIS / 1000.0));
            long next = System.nanoTime();
            for (int from = burst; from < events.size() && running; from += perSlice) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                send(replayer, from, (int) Math.min(events.size(), from + perSlice));
                next += TimeUnit.MILLISECONDS.toNanos(SLICE_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    private void send(HistoryReplayer replayer, int from, int to) {
        if (to > from) {
            replayer.replay(events.subList(from, to), Integer.MAX_VALUE, progress -> { });
            published.addAndGet(to - from);
        }
    }

    /** Events acknowledged by the broker so far. */
    long published() {
        return published.get();
    }

    int total() {
        return events.size();
    }

    /** True once every event is published (or publishing failed: see {@link #failure()}). */
    boolean done() {
        return !thread.isAlive();
    }

    RuntimeException failure() {
        return failure;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(TimeUnit.SECONDS.toMillis(30));
    }
}
