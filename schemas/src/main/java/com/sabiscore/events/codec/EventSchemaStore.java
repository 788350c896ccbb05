package com.sabiscore.events.codec;

import com.sabiscore.events.DeadLetter;
import com.sabiscore.events.Fixture;
import com.sabiscore.events.MatchResult;
import com.sabiscore.events.ModelRecord;
import com.sabiscore.events.Prediction;
import com.sabiscore.state.FixtureStatus;
import com.sabiscore.state.LeagueState;
import com.sabiscore.state.TeamState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificRecord;

/**
 * Every writer schema an event (or a state-store value) may have been written with, found by the
 * 64-bit fingerprint that single-object encoding puts in front of each message.
 *
 * <p>{@link #bundled()} knows the current schema of every event and state type and every retired
 * version shipped on the class path. To keep reading values written before a schema change:
 * <ol>
 *   <li>before editing {@code schemas/src/main/avro/X.avsc} (state: {@code avro/state/X.avsc}), copy the old file to
 *       {@code schemas/src/main/resources/com/sabiscore/events/history/X-vN.avsc};</li>
 *   <li>add the line {@code X-vN.avsc} to {@code history/index.txt} in that folder.</li>
 * </ol>
 * Every {@code com/sabiscore/events/history/index.txt} on the class path is read, so another jar
 * (or a test) can ship more versions the same way. A schema known only at run time can be added
 * with {@link #register(Schema)}.
 */
public final class EventSchemaStore implements SchemaStore {

    /** The event types of this jar, in the order the docs list them. */
    public static final List<Class<? extends SpecificRecord>> EVENT_TYPES =
            List.of(Fixture.class, MatchResult.class, Prediction.class, DeadLetter.class, ModelRecord.class);

    /** The state-store value types of this jar: never on a topic of their own, only in stores and their changelogs. */
    public static final List<Class<? extends SpecificRecord>> STATE_TYPES =
            List.of(TeamState.class, LeagueState.class, FixtureStatus.class);

    static final String HISTORY_FOLDER = "com/sabiscore/events/history/";
    static final String HISTORY_INDEX = HISTORY_FOLDER + "index.txt";

    private static final EventSchemaStore BUNDLED = loadBundled();

    private final SchemaStore.Cache schemas = new SchemaStore.Cache();

    /** An empty store; {@link #bundled()} is the one the app uses. */
    public EventSchemaStore() {
    }

    /** The shared store of every current and retired event and state schema on the class path. */
    public static EventSchemaStore bundled() {
        return BUNDLED;
    }

    /** Adds a writer schema; adding one that is already known changes nothing. */
    public EventSchemaStore register(Schema writerSchema) {
        schemas.addSchema(writerSchema);
        return this;
    }

    @Override
    public Schema findByFingerprint(long fingerprint) {
        return schemas.findByFingerprint(fingerprint);
    }

    /** The fingerprint single-object encoding writes for {@code schema}. */
    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    private static EventSchemaStore loadBundled() {
        EventSchemaStore store = new EventSchemaStore();
        for (Class<? extends SpecificRecord> type : EVENT_TYPES) {
            store.register(schemaOf(type));
        }
        for (Class<? extends SpecificRecord> type : STATE_TYPES) {
            store.register(schemaOf(type));
        }
        ClassLoader loader = EventSchemaStore.class.getClassLoader();
        try {
            for (URL index : Collections.list(loader.getResources(HISTORY_INDEX))) {
                for (String file : historyFiles(index)) {
                    store.register(parseResource(loader, HISTORY_FOLDER + file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the event schema history " + HISTORY_INDEX, e);
        }
        return store;
    }

    static Schema schemaOf(Class<? extends SpecificRecord> type) {
        TrustedEvents.install();
        return org.apache.avro.specific.SpecificData.getForClass(type).getSchema(type);
    }

    /** Lines of an index: one file name each; blank lines and {@code #} comments skipped. */
    private static List<String> historyFiles(URL index) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(index.openStream(), StandardCharsets.UTF_8))) {
            return reader.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        }
    }

    private static Schema parseResource(ClassLoader loader, String resource) throws IOException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("schema history index names " + resource + ", which is not on the class path");
            }
            // a fresh parser per file: retired versions reuse the current names
            return new Schema.Parser().parse(in);
        }
    }
}
