package com.sabiscore.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sabiscore.config.Setting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The operator's files: {@code docker-compose.yml}, the Prometheus configuration and alert rules
 * of {@code ops/prometheus} (checked by Prometheus' own {@code promtool}) and the Grafana
 * provisioning and dashboard of {@code ops/grafana}. No container engine runs these here: they
 * are read and checked as files. {@code ops/check-monitoring.sh} runs the rules and the
 * dashboard's queries against a real instance.
 */
class MonitoringFilesTest {

    private static final Path ROOT = Path.of(System.getProperty("sabiscore.repo.root"));
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldDescribeTheWholeStackInTheComposeFile() throws IOException {
        JsonNode compose = YAML.readTree(ROOT.resolve("docker-compose.yml").toFile());

        assertThat(fieldNames(compose.get("services")))
                .containsExactlyInAnyOrder("kafka", "redis", "connect", "app-1", "app-2", "prometheus", "grafana");
        assertThat(compose.at("/services/kafka/image").asText()).startsWith("apache/kafka:");
        // every file or folder of the repository it mounts exists (the plugin and the secret are made before `up`)
        for (JsonNode service : compose.get("services")) {
            for (JsonNode volume : service.path("volumes")) {
                String source = volume.asText().split(":")[0];
                if (source.startsWith("./") && !source.startsWith("./connectors/target")) {
                    assertThat(ROOT.resolve(source)).as(volume.asText()).exists();
                }
            }
        }
    }

    @Test
    void shouldConfigureTheAppInstancesOnlyWithSettingsTheAppKnows() throws IOException {
        JsonNode compose = YAML.readTree(ROOT.resolve("docker-compose.yml").toFile());
        Set<String> known = Arrays.stream(Setting.values())
                .flatMap(setting -> setting.secret() ? Set.of(setting.envName(), setting.envName() + "_FILE").stream()
                        : Set.of(setting.envName()).stream())
                .collect(Collectors.toSet());

        for (String app : List.of("app-1", "app-2")) {
            JsonNode environment = compose.at("/services/" + app + "/environment");
            assertThat(fieldNames(environment)).as(app).isSubsetOf(known)
                    .contains("KAFKA_BOOTSTRAP_SERVERS", "SABISCORE_ADVERTISED_HOST", "SABISCORE_HTTP_INTERNAL_SECRET_FILE");
            assertThat(environment.get("SABISCORE_ADVERTISED_HOST").asText()).isEqualTo(app);
            // Prometheus and the other instance reach it from other containers
            assertThat(environment.get("SABISCORE_HTTP_HOST").asText()).isEqualTo("0.0.0.0");
        }
    }

    @Test
    void shouldPassPromtoolsChecksOfTheConfigurationAndTheAlertRules() throws Exception {
        Path prometheus = ROOT.resolve("ops/prometheus");

        assertThat(promtool("check", "config", prometheus.resolve("prometheus.yml").toString())).contains("SUCCESS");
        assertThat(promtool("check", "rules", prometheus.resolve("alerts.yml").toString())).contains("SUCCESS: 7 rules found");
    }

    @Test
    void shouldAlertOnLatencyDeadLettersModelsLagTheMirrorAndABetterChallenger() throws IOException {
        JsonNode rules = YAML.readTree(ROOT.resolve("ops/prometheus/alerts.yml").toFile()).at("/groups/0/rules");
        List<String> alerts = new ArrayList<>();
        for (JsonNode rule : rules) {
            alerts.add(rule.get("alert").asText());
            // ops/check-monitoring.sh evaluates each expression without its threshold and needs this shape for that
            assertThat(rule.get("expr").asText()).as(rule.get("alert").asText())
                    .matches("(?s).+ (<|>) [0-9.]+\\s*");
            assertThat(rule.at("/annotations/summary").asText()).isNotBlank();
        }

        assertThat(alerts).containsExactlyInAnyOrder("SabiScoreInstanceDown", "SabiScoreApiP95Over100ms", "SabiScoreDeadLettersGrowing",
                "SabiScoreNoModelLoaded", "SabiScoreConsumerLagGrowing", "SabiScoreRedisMirrorFailing", "SabiScoreChallengerAhead");
    }

    @Test
    void shouldProvisionTheDashboardWithQueriesOfTheProvisionedDatasource() throws IOException {
        JsonNode datasource = YAML.readTree(ROOT.resolve("ops/grafana/provisioning/datasources/prometheus.yml").toFile())
                .at("/datasources/0");
        JsonNode provider = YAML.readTree(ROOT.resolve("ops/grafana/provisioning/dashboards/sabiscore.yml").toFile())
                .at("/providers/0");
        JsonNode dashboard = JSON.readTree(ROOT.resolve("ops/grafana/dashboards/sabiscore-streams.json").toFile());

        assertThat(provider.at("/options/path").asText()).isEqualTo("/var/lib/grafana/dashboards");
        assertThat(dashboard.get("uid").asText()).isEqualTo("sabiscore-streams");
        List<String> titles = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            titles.add(panel.get("title").asText());
            assertThat(panel.at("/datasource/uid").asText()).isEqualTo(datasource.get("uid").asText());
            assertThat(panel.get("targets")).as(panel.get("title").asText()).isNotEmpty();
            for (JsonNode target : panel.get("targets")) {
                assertThat(target.get("expr").asText()).isNotBlank();
                assertThat(target.at("/datasource/uid").asText()).isEqualTo(datasource.get("uid").asText());
            }
        }
        assertThat(titles).contains("Requests/s by route and status", "API latency p50 / p95 / p99 (objective 100 ms)",
                "Cache hit ratio", "Events in, predictions out", "Consumer lag", "Dead letters", "Redis mirror", "Model versions",
                "Model scores: running log-loss, RPS, Brier");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Runs Debian's {@code promtool} (package {@code prometheus}; {@code .ci/run} installs it) and returns its output. */
    private static String promtool(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("promtool is not installed: apt-get install -y prometheus", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
