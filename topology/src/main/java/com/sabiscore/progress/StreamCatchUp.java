package com.sabiscore.progress;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many input events the application's consumer group has not yet processed (end offsets of
 * the input topics minus the group's committed offsets), refreshed in the background so
 * {@code /ready} can show it without blocking, and logged while the stream catches up: after a
 * restart the instance serves at once, but its answers are only complete once this reaches zero.
 */
public final class StreamCatchUp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamCatchUp.class);
    private static final Duration REFRESH = Duration.ofSeconds(1);
    private static final Duration LOG_EVERY = Duration.ofSeconds(10);
    private static final long CALL_TIMEOUT_MS = 5_000;

    /** What {@code /ready} shows: unprocessed input events, or -1 before the first look. */
    public record Snapshot(long behind, boolean caughtUp) {
    }

    private final Admin admin;
    private final String groupId;
    private final List<String> inputTopics;
    private final int partitions;
    private final ReplayProgress replay;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sabiscore-catch-up");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Snapshot current = new Snapshot(-1, false);
    private long lastLoggedNanos;
    private boolean announcedCaughtUp;

    public StreamCatchUp(Properties adminProperties, String groupId, List<String> inputTopics, int partitions, ReplayProgress replay) {
        this.admin = Admin.create(adminProperties);
        this.groupId = groupId;
        this.inputTopics = List.copyOf(inputTopics);
        this.partitions = partitions;
        this.replay = replay;
        scheduler.scheduleWithFixedDelay(this::refresh, 0, REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Snapshot snapshot() {
        return current;
    }

    private void refresh() {
        try {
            long behind = behind();
            ReplayProgress.Phase phase = replay.snapshot().phase();
            boolean replayDone = phase == ReplayProgress.Phase.COMPLETE || phase == ReplayProgress.Phase.NONE;
            boolean caughtUp = behind == 0 && replayDone;
            current = new Snapshot(behind, caughtUp);
            long now = System.nanoTime();
            if (caughtUp && !announcedCaughtUp) {
                LOG.info("stream caught up: every input event is processed");
                announcedCaughtUp = true;
            } else if (!caughtUp && behind > 0 && now - lastLoggedNanos >= LOG_EVERY.toNanos()) {
                LOG.info("stream catching up: {} input events not yet processed", behind);
                lastLoggedNanos = now;
                announcedCaughtUp = false;
            }
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("could not read the consumer group's lag: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("could not read the consumer group's lag", e);
        }
    }

    private long behind() throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (String topic : inputTopics) {
            for (int partition = 0; partition < partitions; partition++) {
                latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
            }
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                admin.listOffsets(latest).all().get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        long behind = 0;
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : ends.entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            behind += Math.max(0, end.getValue().offset() - (done == null ? 0 : done.offset()));
        }
        return behind;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        admin.close(Duration.ofSeconds(2));
    }
}
