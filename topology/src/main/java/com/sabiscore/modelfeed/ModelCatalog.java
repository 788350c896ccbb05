package com.sabiscore.modelfeed;

import com.sabiscore.events.ModelRecord;
import com.sabiscore.events.ModelRoles;
import com.sabiscore.events.ReleasedModel;
import com.sabiscore.serde.EventSerdes;
import com.sabiscore.serving.ModelRelease;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * What the models topic says, read in offset order: every release by version and the latest
 * roles. A {@code release:<version>} tombstone withdraws that release, a {@code roles} tombstone
 * names no champion and no challenger. Not thread-safe: one reader fills it.
 */
public final class ModelCatalog {

    /**
     * Which published versions serve.
     *
     * @param champion   null: each instance's own model (classpath or {@code model.dir})
     * @param challenger null: none
     */
    public record Roles(String champion, String challenger) {

        public static final Roles NONE = new Roles(null, null);

        /** {@code version} as champion; the challenger stays unless it is that version. */
        public Roles promote(String version) {
            return new Roles(version, version.equals(challenger) ? null : challenger);
        }

        /** {@code version} as challenger, unless it is the champion already. */
        public Roles challengeWith(String version) {
            return version.equals(champion) ? this : new Roles(champion, version);
        }
    }

    /** A release as the topic holds it, and when its record was written. */
    public record Published(ModelRelease release, Instant publishedAt) {
    }

    private final Deserializer<ModelRecord> decoder = EventSerdes.modelRecord().deserializer();
    private final Map<String, Published> releases = new LinkedHashMap<>();
    private Roles roles = Roles.NONE;

    /**
     * Takes one record of the topic into account.
     *
     * @throws MalformedModelRecordException when it cannot be read; the catalog is unchanged
     */
    public void apply(ConsumerRecord<String, byte[]> record) {
        String key = record.key() == null ? "" : record.key();
        if (key.equals(ModelRecords.ROLES_KEY)) {
            roles = record.value() == null ? Roles.NONE : ModelRecords.toRoles(decode(record, ModelRoles.class));
        } else if (key.startsWith(ModelRecords.RELEASE_KEY_PREFIX)) {
            String version = key.substring(ModelRecords.RELEASE_KEY_PREFIX.length());
            if (record.value() == null) {
                releases.remove(version);
                return;
            }
            ReleasedModel release = decode(record, ReleasedModel.class);
            if (!release.getVersion().equals(version)) {
                throw malformed(record, "its key names version " + version + " but it holds " + release.getVersion(), null);
            }
            // a version published again: the new record replaces the old one (a refused release can be fixed)
            releases.remove(version);
            releases.put(version, new Published(ModelRecords.toRelease(release), Instant.ofEpochMilli(record.timestamp())));
        } else {
            throw malformed(record, "its key is neither '" + ModelRecords.ROLES_KEY + "' nor '"
                    + ModelRecords.RELEASE_KEY_PREFIX + "<version>'", null);
        }
    }

    private <T> T decode(ConsumerRecord<String, byte[]> record, Class<T> expected) {
        Object entry;
        try {
            entry = decoder.deserialize(record.topic(), record.value()).getEntry();
        } catch (RuntimeException e) {
            throw malformed(record, "undecodable: " + e.getMessage(), e);
        }
        if (!expected.isInstance(entry)) {
            throw malformed(record, "its key asks for a " + expected.getSimpleName() + " but it holds a "
                    + entry.getClass().getSimpleName(), null);
        }
        return expected.cast(entry);
    }

    private static MalformedModelRecordException malformed(ConsumerRecord<String, byte[]> record, String why, Throwable cause) {
        return new MalformedModelRecordException("models record '" + record.key() + "' at offset " + record.offset()
                + " ignored: " + why, cause);
    }

    public Roles roles() {
        return roles;
    }

    /** Every release published and not withdrawn, in the order they were (last) published. */
    public Collection<Published> published() {
        return Collections.unmodifiableCollection(releases.values());
    }

    /** The releases by version, as {@link com.sabiscore.serving.ServingModels#adopt} takes them. */
    public Map<String, ModelRelease> releases() {
        Map<String, ModelRelease> byVersion = new LinkedHashMap<>();
        releases.forEach((version, published) -> byVersion.put(version, published.release()));
        return byVersion;
    }
}
