package com.sabiscore.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The connector must partition exactly like the streams app's {@code CompetitionPartitioner}, whose
 * rule is {@code toPositive(murmur2(competition as UTF-8)) % partitions}: the expected values
 * below come from that formula, written out again here rather than taken from either class.
 */
class CompetitionPartitionTest {

    @ParameterizedTest(name = "{0} among {2} partitions goes where {1} goes")
    @CsvSource(delimiter = '|', textBlock = """
            # a fixture id: the competition is the prefix before the first colon
            E0:2023-08-11:Burnley:Man City        | E0  | 6
            SP1:2023-08-11:Almeria:Vallecano      | SP1 | 6
            D1:2023-08-18:Werder Bremen:Bayern Munich | D1 | 6
            I1:2023-08-19:Empoli:Verona            | I1  | 6
            F1:2023-08-11:Nice:Lille               | F1  | 6
            # a second meeting on one day keeps its competition
            INT:1974-02-17:Tahiti:New Caledonia:2  | INT | 6
            # team keys and bare competition keys of the same competition agree with its fixtures
            E0:Arsenal                             | E0  | 6
            E0                                     | E0  | 6
            # other partition counts
            E0:2023-08-11:Burnley:Man City         | E0  | 1
            SP1:2023-08-11:Almeria:Vallecano       | SP1 | 7
            F1:2023-08-11:Nice:Lille               | F1  | 50
            """)
    void shouldPartitionByTheCompetitionPrefixLikeCompetitionPartitioner(String key, String competition, int partitions) {
        int expected = Utils.toPositive(Utils.murmur2(competition.getBytes(StandardCharsets.UTF_8))) % partitions;

        assertThat(CompetitionPartition.of(key, partitions)).isEqualTo(expected);
    }

    @Test
    void shouldRejectATopicWithoutPartitions() {
        assertThatThrownBy(() -> CompetitionPartition.of("E0", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one partition");
    }
}
