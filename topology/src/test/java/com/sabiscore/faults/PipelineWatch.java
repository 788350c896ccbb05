package com.sabiscore.faults;

import static com.sabiscore.faults.InputCounts.TOPICS;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Watches a pipeline from the broker's side, as an operator's tools would: how many input events
 * are published, how many of them the stream has committed as processed (its consumer group's
 * offsets), and how far the output topic goes. A broker that is down answers nothing: the watch
 * then reports no progress instead of failing.
 */
final class PipelineWatch implements AutoCloseable {

    private static final int CALL_TIMEOUT_MS = 5_000;

    /**
     * @param published input events on the broker (fixtures and results)
     * @param processed input events the stream has committed as processed
     * @param output    end offsets of the predictions topic (records and transaction markers)
     */
    record Progress(long published, long processed, long output) {
        long lag() {
            return published - processed;
        }
    }

    private final Admin admin;
    private final int partitions;

    PipelineWatch(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, CALL_TIMEOUT_MS);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, CALL_TIMEOUT_MS);
        // a broker that restarts is reconnected to quickly, not after Kafka's growing back-off
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        this.admin = Admin.create(props);
        this.partitions = TOPICS.topicPartitions();
    }

    Admin admin() {
        return admin;
    }

    /** Where the pipeline is now; empty while the broker does not answer or the topics do not exist yet. */
    Optional<Progress> progress() {
        return progress(TOPICS.applicationId());
    }

    /** Where the application {@code applicationId} (its consumer group) is in the same inputs. */
    Optional<Progress> progress(String applicationId) {
        try {
            Map<TopicPartition, Long> inputEnds = endOffsets(List.of(TOPICS.fixturesTopic(), TOPICS.resultsTopic()), IsolationLevel.READ_UNCOMMITTED);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata().get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            long processed = inputEnds.keySet().stream()
                    .mapToLong(p -> committed.get(p) == null ? 0 : committed.get(p).offset()).sum();
            long output = endOffsets(List.of(TOPICS.predictionsTopic()), IsolationLevel.READ_UNCOMMITTED).values().stream()
                    .mapToLong(Long::longValue).sum();
            return Optional.of(new Progress(inputEnds.values().stream().mapToLong(Long::longValue).sum(), processed, output));
        } catch (Exception brokerNotAnswering) {
            if (brokerNotAnswering instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return Optional.empty();
        }
    }

    /** End offsets of every partition of {@code topics}: the log end, or the last stable offset for read_committed. */
    Map<TopicPartition, Long> endOffsets(List<String> topics, IsolationLevel isolation) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (String topic : topics) {
            for (int p = 0; p < partitions; p++) {
                request.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(request, new ListOffsetsOptions(isolation)).all().get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    /** The app's consumer group as the broker describes it now. */
    ConsumerGroupDescription group() throws Exception {
        return admin.describeConsumerGroups(List.of(TOPICS.applicationId())).all().get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .get(TOPICS.applicationId());
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
