package com.sabiscore.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class LiveFeedSourceConnectorTest {

    private final LiveFeedSourceConnector connector = new LiveFeedSourceConnector();

    @Test
    void shouldRunOneTaskWithTheConnectorsSettingsWhateverTasksMaxSays() {
        Map<String, String> props = Map.of("feed.url", "http://127.0.0.1:8000", "divisions", "E0");
        connector.start(props);

        assertThat(connector.taskConfigs(3)).containsExactly(props);
        assertThat(connector.taskClass()).isEqualTo(LiveFeedSourceTask.class);
    }

    @Test
    void shouldFollowTheFiveLeaguesOfFootballDataEveryTenMinutesByDefault() {
        LiveFeedConnectorConfig config = new LiveFeedConnectorConfig(Map.of());

        assertThat(config.feedUrl()).isEqualTo(URI.create("https://www.football-data.co.uk"));
        assertThat(config.divisions()).containsExactlyInAnyOrder("E0", "D1", "I1", "SP1", "F1");
        assertThat(config.pollInterval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.retryBackoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.deadLettersTopic()).isEqualTo("sabiscore.dead-letters");
    }

    @Test
    void shouldRefuseADivisionSabiScoreHasNoModelFor() {
        assertThatThrownBy(() -> connector.start(Map.of("divisions", "E0,E1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'E1' is not a league SabiScore knows");
    }

    @Test
    void shouldReportEveryBadSettingWhenTheWorkerValidates() {
        Config validated = connector.validate(Map.of(
                "feed.url", "ftp://example.com", "feed.poll.interval", "10 minutes", "feed.retry.backoff", "PT0S",
                "divisions", "INT"));

        assertThat(validated.configValues())
                .filteredOn(value -> !value.errorMessages().isEmpty())
                .extracting(ConfigValue::name)
                .containsExactlyInAnyOrder("feed.url", "feed.poll.interval", "feed.retry.backoff", "divisions");
    }

    @Test
    void shouldReportTheProjectVersion() {
        assertThat(connector.version()).isEqualTo(new LiveFeedSourceTask().version()).matches("\\d+\\.\\d+\\.\\d+.*");
    }
}
