package com.sabiscore.partitioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.junit.jupiter.api.Test;

class CompetitionPartitionerTest {

    private static final int PARTITIONS = 6;
    private final CompetitionPartitioner partitioner = new CompetitionPartitioner();

    @Test
    void shouldPutEveryKeyOfOneCompetitionOnOnePartition() {
        List<String> premierLeagueKeys = List.of(
                "E0:2023-08-11:Burnley:Man City",
                "E0:2024-05-19:Man City:West Ham",
                "E0:1993-08-14:Arsenal:Coventry",
                "E0:2023-08-12:Arsenal:Nott'm Forest:2",
                "E0:Arsenal",
                "E0:Man City",
                "E0");

        Set<Integer> partitions = premierLeagueKeys.stream()
                .map(key -> partitioner.partitionFor(key, PARTITIONS))
                .collect(Collectors.toSet());

        assertThat(partitions).hasSize(1);
    }

    @Test
    void shouldHashTheCompetitionLikeKafkasOwnPartitionerHashesAKey() {
        for (String competition : List.of("E0", "D1", "I1", "SP1", "F1", "INT")) {
            int kafkaPartition = BuiltInPartitioner.partitionForKey(competition.getBytes(StandardCharsets.UTF_8), PARTITIONS);

            assertThat(partitioner.partitionFor(competition + ":2023-08-11:Home:Away", PARTITIONS))
                    .as(competition).isEqualTo(kafkaPartition);
        }
    }

    @Test
    void shouldSpreadCompetitionsOverPartitions() {
        Set<Integer> partitions = List.of("E0", "D1", "I1", "SP1", "F1", "INT").stream()
                .map(competition -> partitioner.partitionFor(competition, PARTITIONS))
                .collect(Collectors.toSet());

        assertThat(partitions).hasSizeGreaterThan(1).allMatch(p -> p >= 0 && p < PARTITIONS);
    }

    @Test
    void shouldAnswerTheSameAsStreamPartitionerAndAsProducerPartitioner() {
        String key = "SP1:2023-08-11:Almeria:Vallecano";
        Cluster cluster = clusterWithTopic("sabiscore.fixtures", PARTITIONS);

        int producerPartition = partitioner.partition("sabiscore.fixtures", key, key.getBytes(StandardCharsets.UTF_8),
                null, null, cluster);
        Optional<Set<Integer>> streamPartitions = partitioner.partitions("sabiscore.predictions", key, null, PARTITIONS);

        assertThat(streamPartitions).contains(Set.of(producerPartition));
        assertThat(producerPartition).isEqualTo(partitioner.partitionFor("SP1", PARTITIONS));
    }

    @Test
    void shouldLeaveKeylessRecordsToKafkaStreamsButRefuseThemFromProducers() {
        assertThat(partitioner.partitions("t", null, null, PARTITIONS)).isEmpty();
        assertThatThrownBy(() -> partitioner.partition("t", null, null, null, null, clusterWithTopic("t", PARTITIONS)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no key");
    }

    @Test
    void shouldTakeTheCompetitionBeforeTheFirstColon() {
        assertThat(CompetitionPartitioner.competitionOf("INT:1974-02-17:Tahiti:New Caledonia:2")).isEqualTo("INT");
        assertThat(CompetitionPartitioner.competitionOf("D1:Bayern Munich")).isEqualTo("D1");
        assertThat(CompetitionPartitioner.competitionOf("F1")).isEqualTo("F1");
    }

    private static Cluster clusterWithTopic(String topic, int partitions) {
        Node node = new Node(1, "localhost", 9092);
        List<PartitionInfo> infos = java.util.stream.IntStream.range(0, partitions)
                .mapToObj(p -> new PartitionInfo(topic, p, node, new Node[] {node}, new Node[] {node}))
                .toList();
        return new Cluster("test", List.of(node), infos, Set.of(), Set.of());
    }
}
