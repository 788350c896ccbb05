package com.sabiscore.streams;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The season scenario of {@link PredictionPipelineIntegrationTest} on Kafka's own container image,
 * where a Docker engine exists; without one the class is skipped (the in-process broker covers it).
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerBrokerPipelineTest {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.4.0");

    @TempDir
    static Path workDir;

    @BeforeAll
    static void loadModel() throws Exception {
        PredictionPipelineIntegrationTest.loadModelAndSeason();
    }

    @AfterAll
    static void closeModel() {
        PredictionPipelineIntegrationTest.closeModel();
    }

    @Test
    void shouldPredictEveryFixtureOfAReplayedSeasonExactlyOnce() throws Exception {
        PredictionPipelineIntegrationTest.assertSeasonPredictedExactlyOnce(
                PredictionPipelineIntegrationTest.config(KAFKA.getBootstrapServers(), workDir, "season", "container-app"));
    }
}
