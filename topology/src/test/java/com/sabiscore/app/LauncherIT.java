package com.sabiscore.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/sabiscore} as a user types it: a mistake is one line on stderr and an exit status, no stack trace. */
class LauncherIT {

    @TempDir
    Path work;

    @Test
    void shouldAnswerAWrongOptionWithOneLineAndExitStatusTwo() throws Exception {
        Launched wrongOption = launch("run", "--prot", "8080");

        assertThat(wrongOption.exitStatus()).isEqualTo(2);
        assertThat(wrongOption.stderr()).containsExactly("sabiscore run: Unknown options: '--prot', '8080'; see 'sabiscore run --help'");
        assertThat(wrongOption.stdout()).isEmpty();
    }

    @Test
    void shouldAnswerAMissingDataFolderWithOneLineAndExitStatusOne() throws Exception {
        Launched missingData = launch("run", "--data", work.resolve("missing").toString());

        assertThat(missingData.exitStatus()).isEqualTo(1);
        assertThat(missingData.stderr()).singleElement().asString().startsWith("sabiscore run: --data " + work.resolve("missing"));
    }

    private record Launched(int exitStatus, List<String> stdout, List<String> stderr) {
    }

    private Launched launch(String... args) throws Exception {
        Path root = Path.of(System.getProperty("sabiscore.repo.root"));
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("bin/sabiscore").toString()));
        command.addAll(List.of(args));
        Path out = work.resolve("stdout");
        Path err = work.resolve("stderr");
        Process launcher = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!launcher.waitFor(2, TimeUnit.MINUTES)) {
            launcher.destroyForcibly();
            throw new AssertionError("bin/sabiscore did not end; stderr:\n" + Files.readString(err));
        }
        return new Launched(launcher.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8), Files.readAllLines(err, StandardCharsets.UTF_8));
    }
}
