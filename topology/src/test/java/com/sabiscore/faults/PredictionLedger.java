package com.sabiscore.faults;

import com.sabiscore.events.Prediction;
import com.sabiscore.serde.EventSerdes;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Every committed prediction of a predictions topic, fixture by fixture in the order the topic
 * holds them (a fixture lives on one partition): what the delivery checks compare. Kept as the
 * bytes on the topic, so a comparison is bit for bit. Saved to a file, a ledger of an
 * uninterrupted run is the reference later runs are compared with.
 */
final class PredictionLedger {

    private static final String FORMAT = "sabiscore-prediction-ledger-1";
    private static final Deserializer<Prediction> DECODER = EventSerdes.prediction().deserializer();

    /** One prediction record: its version (read from the value) and its bytes as published. */
    record Entry(long version, byte[] value) {

        static Entry of(byte[] value) {
            return new Entry(decode(value).getVersion(), value);
        }

        Prediction prediction() {
            return decode(value);
        }
    }

    private final String description;
    private final Map<String, List<Entry>> byFixture;

    private PredictionLedger(String description, Map<String, List<Entry>> byFixture) {
        this.description = description;
        this.byFixture = byFixture;
    }

    /** The committed predictions now on {@code topic}. */
    static PredictionLedger read(String bootstrapServers, String topic, String description) {
        Map<String, List<Entry>> byFixture = new TreeMap<>();
        CommittedRecords.readAll(bootstrapServers, topic,
                record -> byFixture.computeIfAbsent(record.key(), id -> new ArrayList<>()).add(Entry.of(record.value())));
        return new PredictionLedger(description, byFixture);
    }

    /** A ledger of {@code predictions} as a topic would hold them, in this order (for tests of the checks). */
    static PredictionLedger of(String description, List<Prediction> predictions) {
        Map<String, List<Entry>> byFixture = new TreeMap<>();
        for (Prediction prediction : predictions) {
            byFixture.computeIfAbsent(prediction.getFixtureId(), id -> new ArrayList<>())
                    .add(Entry.of(EventSerdes.prediction().serializer().serialize(null, prediction)));
        }
        return new PredictionLedger(description, byFixture);
    }

    /** What this ledger was made from (a window, a guarantee, the app build): a saved reference is reused only for the same. */
    String description() {
        return description;
    }

    Map<String, List<Entry>> byFixture() {
        return Collections.unmodifiableMap(byFixture);
    }

    List<Entry> of(String fixtureId) {
        return byFixture.getOrDefault(fixtureId, List.of());
    }

    int fixtures() {
        return byFixture.size();
    }

    long predictions() {
        return byFixture.values().stream().mapToLong(List::size).sum();
    }

    void save(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(Files.newOutputStream(file))))) {
                out.writeUTF(FORMAT);
                out.writeUTF(description);
                out.writeInt(byFixture.size());
                for (Map.Entry<String, List<Entry>> fixture : byFixture.entrySet()) {
                    out.writeUTF(fixture.getKey());
                    out.writeInt(fixture.getValue().size());
                    for (Entry entry : fixture.getValue()) {
                        out.writeInt(entry.value().length);
                        out.write(entry.value());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static PredictionLedger load(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(Files.newInputStream(file))))) {
            if (!FORMAT.equals(in.readUTF())) {
                throw new IOException("not a prediction ledger");
            }
            String description = in.readUTF();
            int fixtures = in.readInt();
            Map<String, List<Entry>> byFixture = new TreeMap<>();
            for (int f = 0; f < fixtures; f++) {
                String id = in.readUTF();
                int count = in.readInt();
                List<Entry> entries = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    entries.add(Entry.of(in.readNBytes(in.readInt())));
                }
                byFixture.put(id, entries);
            }
            return new PredictionLedger(description, byFixture);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the prediction ledger " + file, e);
        }
    }

    private static Prediction decode(byte[] value) {
        return DECODER.deserialize(null, value);
    }
}
