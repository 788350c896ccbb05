package com.sabiscore.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TrainCommandTest {

    @Test
    void shouldRefuseToTrainOnHeldOutSeasons() {
        StringWriter errors = new StringWriter();
        CommandLine command = new CommandLine(new TrainCommand()).setErr(new PrintWriter(errors));

        int exit = command.execute("--last-season", "2024-25");

        assertThat(exit).isNotZero();
        assertThat(errors.toString()).contains("2024-25 is held out");
    }
}
