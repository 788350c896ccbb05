package com.sabiscore.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.sabiscore.cli.CommandFailures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainCommandTest {

    @TempDir
    Path empty;

    private final StringWriter errors = new StringWriter();

    @Test
    void shouldSayInOneLineThatAFolderWithoutSeasonFilesHoldsNoData() {
        int exit = train("--data", empty.toString(), "--out", empty.resolve("models").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(errors.toString()).isEqualTo("train: No <Div>/<season>.csv file in " + empty
                + ": pass --data DIR with football-data files, or run `bin/sabiscore download`" + System.lineSeparator());
    }

    @Test
    void shouldTakeAnySeasonAsTheLastOneAndRefuseOnlyAMalformedLabel() {
        int exit = train("--data", empty.toString(), "--last-season", "2025-27");

        assertThat(exit).isEqualTo(2);
        assertThat(errors.toString()).startsWith("train: --last-season: season label must span two consecutive years, got: 2025-27")
                .hasLineCount(1);
    }

    private int train(String... args) {
        CommandLine command = CommandFailures.install(new CommandLine(new TrainCommand()));
        command.setErr(new PrintWriter(errors, true));
        return command.execute(args);
    }
}
