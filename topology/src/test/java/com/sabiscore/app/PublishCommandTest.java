package com.sabiscore.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to {@code sabiscore publish}: one line naming the problem, exit code 2, nothing published. */
class PublishCommandTest {

    /** No broker listens here: a command that got as far as Kafka would fail differently. */
    private static final String NO_BROKER = "kafka.bootstrap.servers=127.0.0.1:1";

    @TempDir
    Path dir;

    @Test
    void shouldNameTheLineNumberOfAMalformedLineAndPublishNothing() throws Exception {
        Path file = dir.resolve("letters.jsonl");
        Files.write(file, List.of("{\"topic\":\"sabiscore.fixtures\",\"key\":\"E0:x\",\"value\":\"AQID\"}", "", "{\"topic\":\"sabiscore.fixtures\",\"key\":"));

        SabiScoreCommandRun run = SabiScoreCommandRun.of("publish", "--file", file.toString(), "--set", NO_BROKER);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.errIsOneLine()).as(run.err()).isTrue();
        assertThat(run.err()).contains("line 3: not JSON").contains("nothing published").doesNotContain("Exception");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void shouldSayWhenTheFileDoesNotExist() {
        SabiScoreCommandRun run = SabiScoreCommandRun.of("publish", "--file", dir.resolve("missing.jsonl").toString(), "--set", NO_BROKER);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.errIsOneLine()).as(run.err()).isTrue();
        assertThat(run.err()).contains("missing.jsonl does not exist");
    }

    @Test
    void shouldAskForTheFileInOneLine() {
        SabiScoreCommandRun run = SabiScoreCommandRun.of("publish");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.errIsOneLine()).as(run.err()).isTrue();
        assertThat(run.err()).startsWith("sabiscore publish: Missing required option: '--file=FILE'").contains("sabiscore publish --help");
    }

    @Test
    void shouldPublishNothingFromAnEmptyFile() throws Exception {
        Path file = Files.writeString(dir.resolve("empty.jsonl"), "\n\n");

        SabiScoreCommandRun run = SabiScoreCommandRun.of("publish", "--file", file.toString(), "--set", NO_BROKER);

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("published nothing");
    }
}
