package com.sabiscore.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sabiscore.data.DataLocation.DataNotFoundException;
import com.sabiscore.data.DataLocation.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The order in which data folders are looked for, ending with the per-user data folder. */
class DataLocationTest {

    @TempDir
    Path workspace;

    private Path repo;
    private Path sharedFootball;
    private Path sharedInternational;
    private Path elsewhere;
    private Path ownCopy;
    private Path userHome;

    @BeforeEach
    void layOutAWorkspace() throws IOException {
        // workspace/repo beside workspace/shared/data/{football,international}, as on the build machines
        repo = Files.createDirectories(workspace.resolve("repo"));
        sharedFootball = Files.createDirectories(workspace.resolve("shared/data/football"));
        sharedInternational = Files.createDirectories(workspace.resolve("shared/data/international"));
        elsewhere = Files.createDirectories(workspace.resolve("somewhere/else"));
        ownCopy = Files.createDirectories(workspace.resolve("my-football"));
        userHome = Files.createDirectories(workspace.resolve("home/user"));
    }

    @Test
    void shouldPreferTheExplicitFlagOverTheEnvironment() {
        DataLocation location = at(repo, repo, Map.of("SABISCORE_DATA", sharedFootball.toString()));

        assertThat(location.find(Kind.FOOTBALL, ownCopy.toString())).contains(ownCopy);
    }

    @Test
    void shouldResolveARelativeFlagAgainstTheWorkingDirectory() {
        assertThat(at(workspace, null, Map.of()).find(Kind.FOOTBALL, "my-football")).contains(ownCopy);
    }

    @Test
    void shouldPreferTheEnvironmentVariableOverTheSharedFolder() {
        DataLocation location = at(repo, repo, Map.of("SABISCORE_DATA", ownCopy.toString()));

        assertThat(location.find(Kind.FOOTBALL, null)).contains(ownCopy);
        assertThat(location.find(Kind.FOOTBALL, " ")).contains(ownCopy);
    }

    @Test
    void shouldFindTheSharedFolderBesideTheWorkingDirectory() {
        DataLocation location = at(repo, null, Map.of());

        assertThat(location.find(Kind.FOOTBALL, null)).contains(sharedFootball);
        assertThat(location.find(Kind.INTERNATIONAL, null)).contains(sharedInternational);
    }

    @Test
    void shouldFallBackToTheSharedFolderBesideTheRepositoryWhenRunFromElsewhere() {
        assertThat(at(elsewhere, repo, Map.of()).find(Kind.FOOTBALL, null)).contains(sharedFootball);
    }

    @Test
    void shouldPreferTheSharedFolderOverACompleteDataHome() throws IOException {
        Path home = completedFootballDownload(workspace.resolve("data-home"));

        DataLocation location = at(elsewhere, repo, Map.of("SABISCORE_DATA_HOME", home.toString()));

        assertThat(location.find(Kind.FOOTBALL, null)).contains(sharedFootball);
    }

    @Test
    void shouldUseTheDataHomeOnceItsDownloadCompletedAndNoOtherFolderHoldsData() throws IOException {
        Path home = workspace.resolve("data-home");
        DataLocation location = at(elsewhere, null, Map.of("SABISCORE_DATA_HOME", home.toString()));
        Files.createDirectories(home.resolve("football/E0"));

        assertThat(location.find(Kind.FOOTBALL, null)).as("download not finished").isEmpty();

        completedFootballDownload(home);
        Files.createDirectories(home.resolve("international"));
        Files.write(home.resolve("international/results.csv"), InternationalResultsCsv.of());

        assertThat(location.find(Kind.FOOTBALL, null)).contains(home.resolve("football"));
        assertThat(location.find(Kind.INTERNATIONAL, null)).contains(home.resolve("international"));
    }

    @Test
    void shouldTakeTheDataHomeFromItsVariableThenXdgThenTheHomeFolder() {
        Map<String, String> both = Map.of("SABISCORE_DATA_HOME", "/data/sabi", "XDG_DATA_HOME", "/xdg");

        assertThat(at(elsewhere, null, both).dataHome()).isEqualTo(Path.of("/data/sabi"));
        assertThat(at(elsewhere, null, Map.of("XDG_DATA_HOME", "/xdg")).dataHome()).isEqualTo(Path.of("/xdg/sabiscore"));
        assertThat(at(elsewhere, null, Map.of()).dataHome()).isEqualTo(userHome.resolve(".local/share/sabiscore"));
        // the XDG specification says a relative value is to be ignored
        assertThat(at(elsewhere, null, Map.of("XDG_DATA_HOME", "relative")).dataHome()).isEqualTo(userHome.resolve(".local/share/sabiscore"));
        assertThat(at(elsewhere, null, Map.of()).home(Kind.INTERNATIONAL)).isEqualTo(userHome.resolve(".local/share/sabiscore/international"));
    }

    @Test
    void shouldNotSilentlyIgnoreAFlagOrVariableThatPointsNowhere() {
        DataLocation location = at(repo, repo, Map.of("SABISCORE_INTERNATIONAL_DATA", "/no/such/dir"));

        assertThatThrownBy(() -> location.find(Kind.FOOTBALL, "missing"))
                .isInstanceOf(DataNotFoundException.class)
                .hasMessageContaining("--data missing");
        assertThatThrownBy(() -> location.find(Kind.INTERNATIONAL, null))
                .isInstanceOf(DataNotFoundException.class)
                .hasMessageContaining("SABISCORE_INTERNATIONAL_DATA=/no/such/dir");
    }

    @Test
    void shouldFindNothingAndNameEveryPlaceItLookedWhenNoFolderHoldsData() {
        DataLocation location = at(elsewhere, null, Map.of());

        assertThat(location.find(Kind.FOOTBALL, null)).isEqualTo(Optional.empty());
        assertThat(location.notFound(Kind.FOOTBALL)).isEqualTo("No football data found (looked in ["
                + workspace.resolve("somewhere/shared/data/football") + ", " + userHome.resolve(".local/share/sabiscore/football") + "])");
    }

    private DataLocation at(Path workingDirectory, Path repoRoot, Map<String, String> environment) {
        return new DataLocation(environment, workingDirectory, repoRoot, userHome);
    }

    private static Path completedFootballDownload(Path dataHome) throws IOException {
        Path football = Files.createDirectories(dataHome.resolve("football"));
        Files.writeString(football.resolve(DataLocation.DOWNLOAD_COMPLETE), "finished");
        return dataHome;
    }
}
