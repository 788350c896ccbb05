package com.sabiscore.connect;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;

import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sabiscore.data.FootballDataReader;
import com.sabiscore.data.MalformedDataException;
import com.sabiscore.match.HistoricalMatch;
import com.sabiscore.match.MatchTimeline;

/**
 * One season file of the feed and how far it has been published.
 *
 * <p>The file is published in batches. A batch is every row that was complete (ended by a line
 * break) when the file was read and had not been published yet; it goes out as the
 * {@link MatchTimeline} of its matches. A line without its line break is a row still being
 * written and waits for the next read. Each record's source offset says which batch it belongs
 * to and how much of it is sent:
 * <ul>
 *   <li>{@code row}: matches (readable data rows) of the file published before the batch;</li>
 *   <li>{@code rows}, {@code events}: the batch's size in matches and the events of it sent so far
 *       (both 0 once it is complete);</li>
 *   <li>{@code bytes}, {@code crc}: length and CRC-32 of the file prefix the batch was read from.</li>
 * </ul>
 * A restarted task reads the file, rebuilds the same batch and carries on after its last
 * committed record. If the prefix no longer matches, the file was rewritten rather than appended
 * to, and it is published again from its first row.
 */
final class FeedFile {

    static final String FILE = "file";
    private static final String ROW = "row";
    private static final String ROWS = "rows";
    private static final String EVENTS = "events";
    private static final String BYTES = "bytes";
    private static final String CRC = "crc";

    private static final Logger LOG = LoggerFactory.getLogger(FeedFile.class);

    private final Path path;
    private final String name;
    private final Map<String, String> sourcePartition;
    private final Duration fixtureLead;
    private final FeedProblems problems;
    private final Set<String> reportedRows = new HashSet<>();

    private int row;
    private int batchRows;
    private int sent;
    private List<MatchTimeline.Event> batch = List.of();
    private long readBytes;
    private long readCrc;
    /** Size and modification time at the last read; -1 forces the next refresh to read. */
    private long seenSize = -1;
    private FileTime seenModified;

    /**
     * @param name         the path relative to the feed folder with {@code /} separators, e.g. {@code E0/2023-24.csv}
     * @param storedOffset the last committed source offset of this file, or null for a new file
     */
    FeedFile(Path path, String name, Map<String, Object> storedOffset, Duration fixtureLead, FeedProblems problems) {
        this.path = path;
        this.name = name;
        this.sourcePartition = sourcePartition(name);
        this.fixtureLead = fixtureLead;
        this.problems = problems;
        if (storedOffset != null) {
            row = (int) number(storedOffset, ROW);
            batchRows = (int) number(storedOffset, ROWS);
            sent = (int) number(storedOffset, EVENTS);
            readBytes = number(storedOffset, BYTES);
            readCrc = number(storedOffset, CRC);
            LOG.info("{}: resuming after {} published matches and {} of the next {} matches' events", name, row, sent, batchRows);
        }
    }

    /** The source partition of the file's records: {@code {file: E0/2023-24.csv}}. */
    static Map<String, String> sourcePartition(String name) {
        return Map.of(FILE, name);
    }

    boolean hasUnsent() {
        return sent < batch.size();
    }

    /**
     * Reads the file if it changed since it was last read and starts a batch of its new rows.
     * Does nothing while a batch is still being sent. Never throws: an unreadable file is
     * reported to {@link FeedProblems} and tried again once it changes.
     */
    void refresh() {
        if (hasUnsent()) {
            return;
        }
        try {
            long size = Files.size(path);
            FileTime modified = Files.getLastModifiedTime(path);
            if (size == seenSize && modified.equals(seenModified)) {
                return;
            }
            seenSize = size;
            seenModified = modified;
            startBatch(Files.readAllBytes(path));
        } catch (NoSuchFileException gone) {
            LOG.debug("{} was removed; the next look at the folder stops following it", name);
        } catch (IOException | RuntimeException e) {
            problems.unreadableFile(name, e);
        }
    }

    /** Adds the batch's unsent events to {@code out} until it holds {@code max} records. */
    void sendInto(List<SourceRecord> out, int max, EventRecords records) {
        while (hasUnsent() && out.size() < max) {
            MatchTimeline.Event event = batch.get(sent);
            sent++;
            if (sent == batch.size()) {
                row += batchRows;
                batchRows = 0;
                sent = 0;
                batch = List.of();
            }
            out.add(records.toRecord(event, sourcePartition, offset()));
        }
    }

    private Map<String, Object> offset() {
        return Map.of(ROW, row, ROWS, batchRows, EVENTS, sent, BYTES, readBytes, CRC, readCrc);
    }

    private void startBatch(byte[] content) {
        byte[] complete = Arrays.copyOf(content, completeLinesLength(content));
        if (readBytes > complete.length || crc(complete, readBytes) != readCrc) {
            LOG.warn("{} no longer starts with the {} bytes already published from it: publishing it again from its first row",
                    name, readBytes);
            restart();
        }
        List<HistoricalMatch> matches = FootballDataReader.read(
                complete, FootballDataReader.seasonOf(path), name, this::reportOnce);
        if (matches.size() < row + batchRows) {
            LOG.warn("{} now has {} readable matches, fewer than the {} already published: publishing it again from its first row",
                    name, matches.size(), row + batchRows);
            restart();
        }
        if (batchRows == 0) {
            batchRows = matches.size() - row;
        } else {
            // a batch interrupted by a restart: rebuild it as it was, newer rows wait for the next read
            seenSize = -1;
        }
        batch = MatchTimeline.of(matches.subList(row, row + batchRows), fixtureLead);
        readBytes = complete.length;
        readCrc = crc(complete, complete.length);
        if (batchRows > 0) {
            LOG.info("{}: publishing matches {} to {} ({} events, {} already sent)",
                    name, row + 1, row + batchRows, batch.size(), sent);
        }
    }

    private void restart() {
        row = 0;
        batchRows = 0;
        sent = 0;
    }

    /** A file is re-read whole at every change: report each bad row only the first time it is seen. */
    private void reportOnce(MalformedDataException problem) {
        if (reportedRows.add(problem.getMessage())) {
            problems.malformedRow(problem);
        }
    }

    private static int completeLinesLength(byte[] content) {
        for (int i = content.length - 1; i >= 0; i--) {
            if (content[i] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }

    private static long crc(byte[] content, long length) {
        CRC32 crc = new CRC32();
        crc.update(content, 0, (int) length);
        return crc.getValue();
    }

    private static long number(Map<String, Object> offset, String key) {
        return offset.get(key) instanceof Number value ? value.longValue() : 0;
    }
}
