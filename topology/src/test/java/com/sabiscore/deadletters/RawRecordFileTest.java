package com.sabiscore.deadletters;

import static com.sabiscore.events.FixtureEvents.aFixtureEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sabiscore.events.Fixture;
import com.sabiscore.serde.EventSerdes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawRecordFileTest {

    private static final Fixture FIXTURE = aFixtureEvent().home("Arsenal").away("Arsenal").build();
    private static final byte[] FIXTURE_BYTES = EventSerdes.fixture().serializer().serialize("sabiscore.fixtures", FIXTURE);

    @TempDir
    Path dir;

    @Test
    void shouldReadBackEveryFieldOfARefusedRecordItWrote() throws Exception {
        RawRecord refused = refused(FIXTURE.getFixtureId().getBytes(StandardCharsets.UTF_8), FIXTURE_BYTES);

        RawRecord read = RawRecordFile.parse(RawRecordFile.toLine(refused), 1, null);

        assertThat(read).isEqualTo(refused);
    }

    @Test
    void shouldWriteTheKeyAsTextAndTheValueAsBase64() throws Exception {
        String line = RawRecordFile.toLine(refused(FIXTURE.getFixtureId().getBytes(StandardCharsets.UTF_8), FIXTURE_BYTES));

        JsonNode json = new ObjectMapper().readTree(line);

        assertThat(line).doesNotContain("\n");
        assertThat(json.get("topic").asText()).isEqualTo("sabiscore.fixtures");
        assertThat(json.get("key").asText()).isEqualTo(FIXTURE.getFixtureId());
        assertThat(Base64.getDecoder().decode(json.get("value").asText())).isEqualTo(FIXTURE_BYTES);
        assertThat(json.get("timestamp").asText()).isEqualTo("2023-10-21T14:00:00Z");
        assertThat(json.get("reason").asText()).isEqualTo("home team equals away team: Arsenal");
        assertThat(json.get("error_class").asText()).isEqualTo("com.sabiscore.events.mapping.InvalidEventException");
    }

    @Test
    void shouldKeepAKeyThatIsNotUtf8AsBase64() throws Exception {
        RawRecord refused = refused(new byte[] {(byte) 0xC3, (byte) 0x28, 0, -1}, new byte[] {1, 2, 3});

        String line = RawRecordFile.toLine(refused);

        assertThat(new ObjectMapper().readTree(line).has("key")).isFalse();
        assertThat(RawRecordFile.parse(line, 1, null)).isEqualTo(refused);
    }

    @Test
    void shouldKeepAMissingKeyAndAMissingValueApart() throws Exception {
        RawRecord neither = refused(null, null);

        assertThat(RawRecordFile.parse(RawRecordFile.toLine(neither), 1, null)).isEqualTo(neither);
    }

    @Test
    void shouldReadAHandWrittenLineWithOnlyTopicKeyAndValue() throws Exception {
        RawRecord read = RawRecordFile.parse("{\"topic\":\"sabiscore.results\",\"key\":\"E0:x\",\"value\":\"AQID\"}", 1, null);

        assertThat(read).isEqualTo(new RawRecord("sabiscore.results", null, null, null, "E0:x".getBytes(StandardCharsets.UTF_8),
                new byte[] {1, 2, 3}, null, null));
    }

    @Test
    void shouldTakeTheDefaultTopicForALineWithoutOne() throws Exception {
        assertThat(RawRecordFile.parse("{\"key\":null,\"value\":null}", 1, "sabiscore.fixtures").topic()).isEqualTo("sabiscore.fixtures");
    }

    @Test
    void shouldReadAFileLineByLineSkippingBlankLinesAndNumberingThemAsTheFileDoes() throws Exception {
        RawRecord first = refused(null, new byte[] {1});
        RawRecord second = refused(null, new byte[] {2});
        Path file = dir.resolve("letters.jsonl");
        Files.write(file, List.of(RawRecordFile.toLine(first), "", RawRecordFile.toLine(second)));

        List<RawRecordFile.Line> lines = RawRecordFile.read(file, null);

        assertThat(lines).containsExactly(new RawRecordFile.Line(1, first), new RawRecordFile.Line(3, second));
    }

    @Test
    void shouldNameTheLineAndTheProblemOfAMalformedLine() throws Exception {
        Path file = dir.resolve("broken.jsonl");
        Files.write(file, List.of(RawRecordFile.toLine(refused(null, new byte[] {1})), "", "{\"topic\":\"t\",\"value\":\"not base64!\"}"));

        assertThatThrownBy(() -> RawRecordFile.read(file, null))
                .isInstanceOf(MalformedLineException.class)
                .hasMessageStartingWith("line 3: \"value\" is not base64");
    }

    @Test
    void shouldRefuseLinesThatAreNotRecords() {
        assertRefused("not json", "line 7: not JSON");
        assertRefused("[1,2]", "line 7: not a JSON object");
        assertRefused("{\"value\":null}", "line 7: no \"topic\"");
        assertRefused("{\"topic\":\"t\"}", "line 7: no \"value\"");
        assertRefused("{\"topic\":\"t\",\"value\":null,\"key\":\"a\",\"key_base64\":\"AQ==\"}", "line 7: both \"key\" and \"key_base64\"");
        assertRefused("{\"topic\":\"t\",\"value\":null,\"timestamp\":\"yesterday\"}", "line 7: \"timestamp\" is not an ISO-8601 instant");
        assertRefused("{\"topic\":\"t\",\"value\":null,\"partition\":-1}", "line 7: \"partition\" is not a whole number");
        assertRefused("{\"topic\":7,\"value\":null}", "line 7: \"topic\" is not a string");
    }

    private static void assertRefused(String line, String message) {
        assertThatThrownBy(() -> RawRecordFile.parse(line, 7, null)).isInstanceOf(MalformedLineException.class).hasMessageStartingWith(message);
    }

    private static RawRecord refused(byte[] key, byte[] value) {
        return new RawRecord("sabiscore.fixtures", 2, 41L, Instant.parse("2023-10-21T14:00:00Z"), key, value,
                "home team equals away team: Arsenal", "com.sabiscore.events.mapping.InvalidEventException");
    }
}
