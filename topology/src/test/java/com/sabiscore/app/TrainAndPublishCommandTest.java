package com.sabiscore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sabiscore.broker.EmbeddedKafkaBroker;
import com.sabiscore.config.AppConfig;
import com.sabiscore.data.RealHistory;
import com.sabiscore.modelfeed.ModelCatalog;
import com.sabiscore.modelfeed.ModelPublisher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sabiscore train --publish-challenger}: what was trained becomes the challenger on the models topic. */
class TrainAndPublishCommandTest {

    @TempDir
    Path dir;

    @Test
    void shouldPublishWhatItTrainedAsTheChallenger() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0)) {
            // when trained on the Premier League's first seasons with prices (a short history keeps the test quick)
            SabiScoreCommandRun run = SabiScoreCommandRun.of("train", "--data", premierLeagueTo2004().toString(),
                    "--last-season", "2003-04", "--out", dir.resolve("trained").toString(), "--publish-challenger",
                    "--set", "kafka.bootstrap.servers=" + broker.bootstrapServers());

            // then the folder holds the models and the topic names them challenger beside no published champion
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(dir.resolve("trained").resolve("sabiscore-odds.onnx")).exists();
            assertThat(Files.readString(dir.resolve("trained").resolve("sabiscore-no-odds.model-card.json")))
                    .contains("\"model_version\" : \"ensemble-v2-2003-04\"");
            assertThat(run.out()).contains("published ensemble-v2-2003-04 (")
                    .contains(": champion none (each instance's own model), challenger ensemble-v2-2003-04");
            ModelCatalog catalog = new ModelPublisher(AppConfig.of(Map.of("kafka.bootstrap.servers", broker.bootstrapServers())),
                    Duration.ofSeconds(30)).catalog();
            assertThat(catalog.roles()).isEqualTo(new ModelCatalog.Roles(null, "ensemble-v2-2003-04"));
            assertThat(catalog.releases()).containsOnlyKeys("ensemble-v2-2003-04");
        }
    }

    /** The real Premier League files from the first season to 2003-04, in a data folder of their own. */
    private Path premierLeagueTo2004() throws IOException {
        Path league = Files.createDirectories(dir.resolve("data").resolve("E0"));
        for (int start = 1993; start <= 2003; start++) {
            String season = String.format("%d-%02d.csv", start, (start + 1) % 100);
            Files.copy(RealHistory.football().resolve("E0").resolve(season), league.resolve(season));
        }
        return league.getParent();
    }

    @Test
    void shouldOfferThePublishOptionBesideTheTrainingAndClusterOptions() {
        SabiScoreCommandRun help = SabiScoreCommandRun.of("train", "--help");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--publish-challenger").contains("--last-season").contains("--set").contains("--data");
    }
}
