package com.sabiscore.data;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV text whose first line is the header, read by column name. Rows may be ragged: a column a
 * row does not reach reads as empty, extra fields are ignored. Empty header names (the 1990s files
 * pad the header with commas) are ignored, every value is trimmed (CR CR LF endings leave a stray
 * CR otherwise) and blank lines are skipped.
 */
final class CsvTable implements Iterable<CsvTable.Row> {

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setTrim(true)
            .setIgnoreEmptyLines(true)
            .get();

    private final String source;
    private final Map<String, Integer> columnIndex;
    private final List<CSVRecord> records;

    private CsvTable(String source, Map<String, Integer> columnIndex, List<CSVRecord> records) {
        this.source = source;
        this.columnIndex = columnIndex;
        this.records = records;
    }

    /** Parses the whole text; {@code source} names the file in error messages. */
    static CsvTable parse(String text, String source) {
        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), FORMAT)) {
            records = parser.getRecords();
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            // the text is already in memory: every failure here is a malformed file
            throw new MalformedDataException(source + ": not a readable CSV file: " + e.getMessage(), e);
        }
        if (records.isEmpty()) {
            throw new MalformedDataException(source + ": empty file, no header line");
        }
        Map<String, Integer> columnIndex = new LinkedHashMap<>();
        CSVRecord header = records.get(0);
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip();
            if (!name.isEmpty()) {
                columnIndex.putIfAbsent(name, i);
            }
        }
        return new CsvTable(source, columnIndex, records.subList(1, records.size()));
    }

    String source() {
        return source;
    }

    /** The non-empty header names in header order (the first of duplicate names wins). */
    List<String> columns() {
        return List.copyOf(columnIndex.keySet());
    }

    boolean hasColumn(String name) {
        return columnIndex.containsKey(name);
    }

    /** Throws unless every one of {@code names} is a header column. */
    void requireColumns(List<String> names) {
        List<String> missing = names.stream().filter(n -> !hasColumn(n)).collect(Collectors.toList());
        if (!missing.isEmpty()) {
            throw new MalformedDataException(source + ": missing column(s) " + missing + "; header has " + columnIndex.keySet());
        }
    }

    @Override
    public Iterator<Row> iterator() {
        return records.stream().map(Row::new).iterator();
    }

    /** One data line. */
    final class Row {
        private final CSVRecord record;

        private Row(CSVRecord record) {
            this.record = record;
        }

        /** The trimmed value, or "" when the column does not exist or this row stops before it. */
        String get(String column) {
            Integer index = columnIndex.get(column);
            if (index == null || index >= record.size()) {
                return "";
            }
            return record.get(index).strip();
        }

        /** The row's fields, trimmed and joined with commas: what a person needs to find and fix it. */
        String text() {
            return String.join(",", record.values());
        }

        /** The file and the data row number (1 = first line after the header, blank lines not counted). */
        String location() {
            return source + ", data row " + (record.getRecordNumber() - 1);
        }
    }
}
