package com.sabiscore.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sabiscore.onnx.ModelMetadata;
import com.sabiscore.scoring.FixtureScorer;
import com.sabiscore.scoring.OnnxEnsembleScorer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelReleaseTest {

    @TempDir
    Path dir;

    @Test
    void shouldTakeTheVersionTheCardsNameAndTheFilesAsTheyAre() throws IOException {
        ModelRelease release = ModelRelease.fromDirectory(Releases.committedFolder(), null);

        assertThat(release.version()).isEqualTo("ensemble-v2-2023-24");
        assertThat(release.withOdds().onnx()).isEqualTo(Files.readAllBytes(Releases.committedFolder().resolve("sabiscore-odds.onnx")));
        assertThat(release.withoutOdds().card()).isEqualTo(
                Files.readString(Releases.committedFolder().resolve("sabiscore-no-odds.model-card.json")));
    }

    @Test
    void shouldStampAGivenVersionIntoBothModelsAndBothCards() throws IOException {
        ModelRelease release = ModelRelease.fromDirectory(Releases.committedFolder(), "ensemble-v3-rc1");

        for (FixtureScorer.Head head : FixtureScorer.Head.values()) {
            try (OnnxEnsembleScorer model = OnnxEnsembleScorer.fromBytes("stamped", release.head(head).onnx(), Releases.features(head))) {
                assertThat(model.modelVersion()).isEqualTo("ensemble-v3-rc1");
                assertThat(model.metadata().get(ModelMetadata.TRAINING_RANGE)).isNotBlank();
            }
            assertThat(new ObjectMapper().readTree(release.head(head).card()).get("model_version").asText()).isEqualTo("ensemble-v3-rc1");
        }
    }

    @Test
    void shouldAskForAVersionWhenTheCardsDisagree() throws IOException {
        copyCommitted();
        Path card = dir.resolve("sabiscore-no-odds.model-card.json");
        Files.writeString(card, Files.readString(card).replace("ensemble-v2-2023-24", "ensemble-v2-2022-23"));

        assertThatThrownBy(() -> ModelRelease.fromDirectory(dir, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two versions, ensemble-v2-2023-24 and ensemble-v2-2022-23: give one with --version");
        assertThat(ModelRelease.fromDirectory(dir, "v9").version()).isEqualTo("v9");
    }

    @Test
    void shouldNameAMissingFile() throws IOException {
        copyCommitted();
        Files.delete(dir.resolve("sabiscore-odds.model-card.json"));

        assertThatThrownBy(() -> ModelRelease.fromDirectory(dir, null))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("sabiscore-odds.model-card.json");
    }

    @Test
    void shouldRefuseACardThatIsNotJson() throws IOException {
        copyCommitted();
        Files.writeString(dir.resolve("sabiscore-odds.model-card.json"), "# a markdown card");

        assertThatThrownBy(() -> ModelRelease.fromDirectory(dir, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("sabiscore-odds.model-card.json is not JSON");
    }

    private void copyCommitted() throws IOException {
        for (String file : new String[] {"sabiscore-odds.onnx", "sabiscore-no-odds.onnx", "sabiscore-odds.model-card.json",
                "sabiscore-no-odds.model-card.json"}) {
            Files.copy(Releases.committedFolder().resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
