package com.sabiscore.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sabiscore.data.DataLocation.DataNotFoundException;

class DataLocationTest {

    @TempDir
    Path workspace;

    private Path repo;
    private Path sharedFootball;
    private Path sharedInternational;
    private Path elsewhere;
    private Path ownCopy;

    @BeforeEach
    void layOutAWorkspace() throws IOException {
        // workspace/repo beside workspace/shared/data/{football,international}, as on the build machines
        repo = Files.createDirectories(workspace.resolve("repo"));
        sharedFootball = Files.createDirectories(workspace.resolve("shared/data/football"));
        sharedInternational = Files.createDirectories(workspace.resolve("shared/data/international"));
        elsewhere = Files.createDirectories(workspace.resolve("somewhere/else"));
        ownCopy = Files.createDirectories(workspace.resolve("my-football"));
    }

    @Test
    void shouldPreferTheExplicitFlagOverTheEnvironment() {
        DataLocation location = new DataLocation(Map.of("SABISCORE_DATA", sharedFootball.toString()), repo, repo);

        assertThat(location.football(ownCopy.toString())).isEqualTo(ownCopy);
    }

    @Test
    void shouldResolveARelativeFlagAgainstTheWorkingDirectory() {
        DataLocation location = new DataLocation(Map.of(), workspace, null);

        assertThat(location.football("my-football")).isEqualTo(ownCopy);
    }

    @Test
    void shouldUseTheEnvironmentVariableWhenNoFlagIsGiven() {
        DataLocation location = new DataLocation(Map.of("SABISCORE_DATA", ownCopy.toString()), repo, repo);

        assertThat(location.football(null)).isEqualTo(ownCopy);
        assertThat(location.football(" ")).isEqualTo(ownCopy);
    }

    @Test
    void shouldFindTheSharedFolderBesideTheWorkingDirectory() {
        DataLocation location = new DataLocation(Map.of(), repo, null);

        assertThat(location.football(null)).isEqualTo(sharedFootball);
        assertThat(location.international(null)).isEqualTo(sharedInternational);
    }

    @Test
    void shouldFallBackToTheRepositoryRootWhenRunFromElsewhere() {
        DataLocation location = new DataLocation(Map.of(), elsewhere, repo);

        assertThat(location.football(null)).isEqualTo(sharedFootball);
    }

    @Test
    void shouldNotSilentlyIgnoreAFlagOrVariableThatPointsNowhere() {
        DataLocation location = new DataLocation(Map.of("SABISCORE_INTERNATIONAL_DATA", "/no/such/dir"), repo, repo);

        assertThatThrownBy(() -> location.football("missing"))
                .isInstanceOf(DataNotFoundException.class)
                .hasMessageContaining("--data missing");
        assertThatThrownBy(() -> location.international(null))
                .isInstanceOf(DataNotFoundException.class)
                .hasMessageContaining("SABISCORE_INTERNATIONAL_DATA=/no/such/dir");
    }

    @Test
    void shouldTellTheUserHowToProvideDataWhenNoneIsFound() {
        DataLocation location = new DataLocation(Map.of(), elsewhere, null);

        assertThatThrownBy(() -> location.football(null))
                .isInstanceOf(DataNotFoundException.class)
                .hasMessageContaining("--data")
                .hasMessageContaining("SABISCORE_DATA")
                .hasMessageContaining("bin/sabiscore download");
        assertThatThrownBy(() -> location.international(null))
                .hasMessageContaining("--international-data")
                .hasMessageContaining("SABISCORE_INTERNATIONAL_DATA");
    }
}
