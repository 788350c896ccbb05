package com.sabiscore.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FootballDataSourceConnectorTest {

    @TempDir
    Path feed;

    private final FootballDataSourceConnector connector = new FootballDataSourceConnector();

    @Test
    void shouldRunOneTaskWithTheConnectorsSettingsWhateverTasksMaxSays() {
        Map<String, String> props = Map.of("feed.dir", feed.toString(), "topic.partitions", "3");
        connector.start(props);

        assertThat(connector.taskConfigs(4)).containsExactly(props);
        assertThat(connector.taskClass()).isEqualTo(FootballDataSourceTask.class);
    }

    @Test
    void shouldRefuseToStartWithoutAnExistingFeedFolder() {
        Map<String, String> props = Map.of("feed.dir", feed.resolve("missing").toString());

        assertThatThrownBy(() -> connector.start(props))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("feed.dir").hasMessageContaining("must be an existing folder");
    }

    @Test
    void shouldReportEveryBadSettingWhenTheWorkerValidates() {
        Config validated = connector.validate(Map.of("feed.dir", feed.toString(), "topic.partitions", "0", "batch.size", "-1"));

        assertThat(validated.configValues())
                .filteredOn(value -> !value.errorMessages().isEmpty())
                .extracting(ConfigValue::name)
                .containsExactlyInAnyOrder("topic.partitions", "batch.size");
    }

    @Test
    void shouldDefaultToThePipelinesTopicsAndPartitionCount() {
        FootballDataConnectorConfig config = new FootballDataConnectorConfig(Map.of("feed.dir", feed.toString()));

        assertThat(List.of(config.fixturesTopic(), config.resultsTopic())).containsExactly("sabiscore.fixtures", "sabiscore.results");
        assertThat(config.topicPartitions()).isEqualTo(6);
        assertThat(config.divisions()).isEmpty();
    }

    @Test
    void shouldReportTheProjectVersion() {
        assertThat(connector.version()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(new FootballDataSourceTask().version()).isEqualTo(connector.version());
    }
}
