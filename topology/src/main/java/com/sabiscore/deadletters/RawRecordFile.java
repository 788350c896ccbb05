package com.sabiscore.deadletters;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The record file of {@code sabiscore dead-letters export} and {@code sabiscore publish}: JSON
 * lines, one record each, in UTF-8:
 * <pre>
 * {"topic":"sabiscore.fixtures","partition":3,"offset":18,"timestamp":"2023-08-11T19:00:00Z",
 *  "key":"E0:2023-08-11:Burnley:Man City","value":"wwE...","reason":"missing kickoff",
 *  "error_class":"com.sabiscore.events.mapping.InvalidEventException"}
 * </pre>
 * {@code value} is the value bytes in base64 (null for a record without one); {@code key} is the
 * key as text, or {@code key_base64} when its bytes are not UTF-8 (null or absent: no key).
 * {@code timestamp} is an ISO-8601 instant (absent: the time of publishing). {@code partition},
 * {@code offset}, {@code reason} and {@code error_class} say where a record was refused and why;
 * publishing ignores them, except that a record without a key goes back to its {@code partition}.
 * Blank lines are skipped.
 */
public final class RawRecordFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A record and the line of the file it was read from, to name in a message about it. */
    public record Line(int number, RawRecord record) {
    }

    private RawRecordFile() {
    }

    /** One line (without the line break) holding {@code record}. */
    public static String toLine(RawRecord record) {
        ObjectNode line = JSON.createObjectNode();
        line.put("topic", record.topic());
        if (record.partition() != null) {
            line.put("partition", record.partition());
        }
        if (record.offset() != null) {
            line.put("offset", record.offset());
        }
        if (record.timestamp() != null) {
            line.put("timestamp", record.timestamp().toString());
        }
        String keyText = record.key() == null ? null : utf8(record.key());
        if (record.key() == null || keyText != null) {
            line.put("key", keyText);
        } else {
            line.put("key_base64", Base64.getEncoder().encodeToString(record.key()));
        }
        line.put("value", record.value() == null ? null : Base64.getEncoder().encodeToString(record.value()));
        if (record.reason() != null) {
            line.put("reason", record.reason());
        }
        if (record.errorClass() != null) {
            line.put("error_class", record.errorClass());
        }
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serializes", e);
        }
    }

    /**
     * Reads line {@code lineNumber} of a file. A {@code topic} is required unless
     * {@code defaultTopic} is given; a {@code value} field is required, null for a record without one.
     */
    public static RawRecord parse(String text, int lineNumber, String defaultTopic) throws MalformedLineException {
        JsonNode line;
        try {
            line = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedLineException(lineNumber, "not JSON (" + e.getOriginalMessage() + ")");
        }
        if (line == null || !line.isObject()) {
            throw new MalformedLineException(lineNumber, "not a JSON object");
        }
        String topic = text(line, "topic", lineNumber);
        if (topic == null) {
            topic = defaultTopic;
        }
        if (topic == null || topic.isBlank()) {
            throw new MalformedLineException(lineNumber, "no \"topic\" (add one, or publish with --topic)");
        }
        if (!line.has("value")) {
            throw new MalformedLineException(lineNumber, "no \"value\" (base64 bytes, or null for a record without a value)");
        }
        if (line.hasNonNull("key") && line.hasNonNull("key_base64")) {
            throw new MalformedLineException(lineNumber, "both \"key\" and \"key_base64\": keep one");
        }
        String keyText = text(line, "key", lineNumber);
        byte[] key = keyText != null ? keyText.getBytes(StandardCharsets.UTF_8) : base64(line, "key_base64", lineNumber);
        return new RawRecord(topic, integer(line, "partition", lineNumber), longValue(line, "offset", lineNumber),
                instant(line, "timestamp", lineNumber), key, base64(line, "value", lineNumber),
                text(line, "reason", lineNumber), text(line, "error_class", lineNumber));
    }

    /** Every record of {@code file}, in order; the first unreadable line stops the reading. */
    public static List<Line> read(Path file, String defaultTopic) throws IOException, MalformedLineException {
        List<Line> records = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                lineNumber++;
                if (!text.isBlank()) {
                    records.add(new Line(lineNumber, parse(text, lineNumber, defaultTopic)));
                }
            }
        }
        return records;
    }

    /** The bytes as text when they are well-formed UTF-8, else null. */
    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String text(JsonNode line, String field, int lineNumber) throws MalformedLineException {
        JsonNode node = line.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new MalformedLineException(lineNumber, "\"" + field + "\" is not a string: " + node);
        }
        return node.asText();
    }

    private static byte[] base64(JsonNode line, String field, int lineNumber) throws MalformedLineException {
        String encoded = text(line, field, lineNumber);
        try {
            return encoded == null ? null : Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new MalformedLineException(lineNumber, "\"" + field + "\" is not base64 (" + e.getMessage() + ")");
        }
    }

    private static Integer integer(JsonNode line, String field, int lineNumber) throws MalformedLineException {
        Long value = longValue(line, field, lineNumber);
        if (value != null && (value < 0 || value > Integer.MAX_VALUE)) {
            throw new MalformedLineException(lineNumber, "\"" + field + "\" is out of range: " + value);
        }
        return value == null ? null : value.intValue();
    }

    private static Long longValue(JsonNode line, String field, int lineNumber) throws MalformedLineException {
        JsonNode node = line.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.canConvertToExactIntegral() || !node.canConvertToLong() || node.asLong() < 0) {
            throw new MalformedLineException(lineNumber, "\"" + field + "\" is not a whole number of at least 0: " + node);
        }
        return node.asLong();
    }

    private static Instant instant(JsonNode line, String field, int lineNumber) throws MalformedLineException {
        String text = text(line, field, lineNumber);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new MalformedLineException(lineNumber, "\"" + field + "\" is not an ISO-8601 instant such as 2023-08-11T19:00:00Z: " + text);
        }
    }
}
