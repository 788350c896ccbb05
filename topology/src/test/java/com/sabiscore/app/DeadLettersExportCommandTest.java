package com.sabiscore.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sabiscore.deadletters.DeadLetterExport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.TypeConversionException;

/** Bad input to {@code sabiscore dead-letters export} gets one line and exit code 2; the start options' forms. */
class DeadLettersExportCommandTest {

    private static final String NO_BROKER = "kafka.bootstrap.servers=127.0.0.1:1";

    @TempDir
    Path dir;

    @Test
    void shouldAskForTheTargetFileInOneLine() {
        SabiScoreCommandRun run = SabiScoreCommandRun.of("dead-letters", "export");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.errIsOneLine()).as(run.err()).isTrue();
        assertThat(run.err()).startsWith("sabiscore dead-letters export: Missing required option: '--to=FILE'");
    }

    @Test
    void shouldRefuseToOverwriteAnEarlierExport() throws Exception {
        Path earlier = Files.writeString(dir.resolve("letters.jsonl"), "kept\n");

        SabiScoreCommandRun run = SabiScoreCommandRun.of("dead-letters", "export", "--to", earlier.toString(), "--set", NO_BROKER);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.errIsOneLine()).as(run.err()).isTrue();
        assertThat(run.err()).contains("already exists");
        assertThat(Files.readString(earlier)).isEqualTo("kept\n");
    }

    @Test
    void shouldRefuseAnOffsetThatIsNoNumberInOneLine() {
        SabiScoreCommandRun run = SabiScoreCommandRun.of("dead-letters", "export", "--to", dir.resolve("x").toString(), "--from-offset", "soon");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.errIsOneLine()).as(run.err()).isTrue();
        assertThat(run.err()).contains("'soon' is neither an offset");
    }

    @Test
    void shouldRefuseTwoStartsInOneLine() {
        SabiScoreCommandRun run = SabiScoreCommandRun.of("dead-letters", "export", "--to", dir.resolve("x").toString(),
                "--from-offset", "5", "--since", "2024-03-01");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.errIsOneLine()).as(run.err()).isTrue();
        assertThat(run.err()).contains("mutually exclusive");
    }

    @Test
    void shouldReadOneOffsetForEveryPartitionOrOneForEachPartitionListed() {
        DeadLettersExportCommand.OffsetsConverter offsets = new DeadLettersExportCommand.OffsetsConverter();

        assertThat(offsets.convert("120")).isEqualTo(new DeadLetterExport.Start.Offsets(Map.of(), 120L));
        assertThat(offsets.convert("0:120, 3:45")).isEqualTo(new DeadLetterExport.Start.Offsets(Map.of(0, 120L, 3, 45L), null));
        assertThatThrownBy(() -> offsets.convert("0:-1")).isInstanceOf(TypeConversionException.class).hasMessageContaining("at least 0");
        assertThatThrownBy(() -> offsets.convert("0:1:2")).isInstanceOf(TypeConversionException.class).hasMessageContaining("PARTITION:OFFSET");
    }

    @Test
    void shouldReadSinceAsAnInstantOrAsADayFromMidnightUtc() {
        DeadLettersExportCommand.SinceConverter since = new DeadLettersExportCommand.SinceConverter();

        assertThat(since.convert("2024-03-01T12:30:00Z").from()).isEqualTo(Instant.parse("2024-03-01T12:30:00Z"));
        assertThat(since.convert("2024-03-01").from()).isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
        assertThatThrownBy(() -> since.convert("March")).isInstanceOf(TypeConversionException.class);
    }
}
