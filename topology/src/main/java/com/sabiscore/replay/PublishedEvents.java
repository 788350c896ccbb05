package com.sabiscore.replay;

import com.sabiscore.match.MatchTimeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The fixture ids the two input topics already hold: what a replay interrupted by a crash got onto
 * the broker. A replay is sent in timeline order by an idempotent producer, so each partition holds
 * a prefix of its share of the timeline, and publishing only the events missing here, still in
 * timeline order, leaves every partition exactly as an uninterrupted replay would. Counting sends
 * instead would not do: a crashed process had sent records the broker never acknowledged.
 */
public final class PublishedEvents {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

    private final Set<String> fixtures;
    private final Set<String> results;

    PublishedEvents(Set<String> fixtures, Set<String> results) {
        this.fixtures = fixtures;
        this.results = results;
    }

    /**
     * Reads the keys of every record in both topics, up to their end offsets when called.
     *
     * @param consumerProperties bootstrap servers and any client settings; deserializers, group and
     *                           offsets are set here
     */
    public static PublishedEvents read(Properties consumerProperties, String fixturesTopic, String resultsTopic) {
        Properties props = new Properties();
        props.putAll(consumerProperties);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        // only the keys are needed; the values are skipped as raw bytes
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        Set<String> fixtures = new HashSet<>();
        Set<String> results = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(fixturesTopic, resultsTopic)) {
                consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the input topics within " + READ_TIMEOUT.toSeconds()
                            + " s to find where the replay stopped: is the broker reachable?");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (record.key() != null) {
                        (record.topic().equals(fixturesTopic) ? fixtures : results).add(record.key());
                    }
                }
            }
        }
        return new PublishedEvents(fixtures, results);
    }

    /** The events of {@code timeline} not yet in their topic, in timeline order. */
    public List<MatchTimeline.Event> missingFrom(List<MatchTimeline.Event> timeline) {
        return timeline.stream().filter(event -> !contains(event)).toList();
    }

    /** How many events of {@code timeline} are in their topic already. */
    public long presentIn(List<MatchTimeline.Event> timeline) {
        return timeline.stream().filter(this::contains).count();
    }

    /**
     * Events already present that come after a missing event of the same topic and competition: a
     * replay that stopped leaves none, so any is a sign that something else wrote to the topics or
     * records were deleted, and publishing the missing events would put them out of timeline order.
     */
    public long presentAfterAGap(List<MatchTimeline.Event> timeline) {
        Set<String> gapped = new HashSet<>();
        long count = 0;
        for (MatchTimeline.Event event : timeline) {
            String stream = event.kind() + ":" + event.match().fixture().id().competition();
            if (!contains(event)) {
                gapped.add(stream);
            } else if (gapped.contains(stream)) {
                count++;
            }
        }
        return count;
    }

    private boolean contains(MatchTimeline.Event event) {
        String id = event.match().fixture().id().toString();
        return event.kind() == MatchTimeline.Kind.FIXTURE ? fixtures.contains(id) : results.contains(id);
    }
}
