package com.sabiscore.modelfeed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sabiscore.events.ModelRecord;
import com.sabiscore.serde.EventSerdes;
import com.sabiscore.serving.ModelRelease;
import com.sabiscore.serving.Releases;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** The models topic's records, encoded as the publisher writes them and read back as every instance reads them. */
class ModelCatalogTest {

    private static final Instant PUBLISHED = Instant.parse("2025-01-04T10:00:00Z");

    private final ModelCatalog catalog = new ModelCatalog();
    private long offset;

    @Test
    void shouldReadAReleaseBackByteForByte() {
        ModelRelease release = Releases.uniform("uniform-1");

        catalog.apply(record(ModelRecords.releaseKey("uniform-1"), ModelRecords.release(release)));

        ModelRelease read = catalog.releases().get("uniform-1");
        assertThat(read.version()).isEqualTo("uniform-1");
        assertThat(read.withOdds().onnx()).isEqualTo(release.withOdds().onnx());
        assertThat(read.withoutOdds().onnx()).isEqualTo(release.withoutOdds().onnx());
        assertThat(read.withOdds().card()).isEqualTo(release.withOdds().card());
        assertThat(catalog.published()).singleElement().extracting(ModelCatalog.Published::publishedAt).isEqualTo(PUBLISHED);
        assertThat(catalog.roles()).isEqualTo(ModelCatalog.Roles.NONE);
    }

    @Test
    void shouldKeepTheLatestRolesAndLetATombstoneClearThem() {
        catalog.apply(record(ModelRecords.ROLES_KEY, ModelRecords.roles(new ModelCatalog.Roles("v1", null))));
        catalog.apply(record(ModelRecords.ROLES_KEY, ModelRecords.roles(new ModelCatalog.Roles("v2", "v3"))));
        assertThat(catalog.roles()).isEqualTo(new ModelCatalog.Roles("v2", "v3"));

        catalog.apply(record(ModelRecords.ROLES_KEY, null));

        assertThat(catalog.roles()).isEqualTo(ModelCatalog.Roles.NONE);
    }

    @Test
    void shouldReplaceAVersionPublishedAgainAndDropAWithdrawnOne() {
        catalog.apply(record(ModelRecords.releaseKey("v1"), ModelRecords.release(Releases.uniform("v1"))));
        catalog.apply(record(ModelRecords.releaseKey("v2"), ModelRecords.release(Releases.uniform("v2"))));
        ModelRelease again = Releases.uniform("v1");

        catalog.apply(record(ModelRecords.releaseKey("v1"), ModelRecords.release(again)));
        assertThat(catalog.releases().keySet()).containsExactly("v2", "v1");
        catalog.apply(record(ModelRecords.releaseKey("v2"), null));

        assertThat(catalog.releases().keySet()).containsExactly("v1");
        assertThat(catalog.releases().get("v1").withOdds().onnx()).isEqualTo(again.withOdds().onnx());
    }

    @Test
    void shouldRefuseRecordsItCannotReadAndStayAsItWas() {
        catalog.apply(record(ModelRecords.ROLES_KEY, ModelRecords.roles(new ModelCatalog.Roles("v1", null))));

        // undecodable bytes
        assertThatThrownBy(() -> catalog.apply(raw(ModelRecords.releaseKey("v2"), new byte[] {1, 2, 3})))
                .isInstanceOf(MalformedModelRecordException.class)
                .hasMessageContaining("'release:v2' at offset 1 ignored: undecodable");
        // a release under another version's key
        assertThatThrownBy(() -> catalog.apply(record(ModelRecords.releaseKey("v2"), ModelRecords.release(Releases.uniform("v3")))))
                .hasMessageContaining("its key names version v2 but it holds v3");
        // roles where a release belongs
        assertThatThrownBy(() -> catalog.apply(record(ModelRecords.releaseKey("v2"), ModelRecords.roles(ModelCatalog.Roles.NONE))))
                .hasMessageContaining("its key asks for a ReleasedModel but it holds a ModelRoles");
        // a key of neither kind
        assertThatThrownBy(() -> catalog.apply(record("latest", ModelRecords.roles(ModelCatalog.Roles.NONE))))
                .hasMessageContaining("its key is neither 'roles' nor 'release:<version>'");

        assertThat(catalog.releases()).isEmpty();
        assertThat(catalog.roles()).isEqualTo(new ModelCatalog.Roles("v1", null));
    }

    @Test
    void shouldPromoteAndChallengeAsTheCommandsSay() {
        ModelCatalog.Roles roles = new ModelCatalog.Roles("v1", "v2");

        assertThat(roles.promote("v2")).isEqualTo(new ModelCatalog.Roles("v2", null));
        assertThat(roles.promote("v3")).isEqualTo(new ModelCatalog.Roles("v3", "v2"));
        assertThat(roles.challengeWith("v3")).isEqualTo(new ModelCatalog.Roles("v1", "v3"));
        assertThat(roles.challengeWith("v1")).isEqualTo(roles);
        assertThat(ModelCatalog.Roles.NONE.challengeWith("v1")).isEqualTo(new ModelCatalog.Roles(null, "v1"));
    }

    private ConsumerRecord<String, byte[]> record(String key, ModelRecord value) {
        return raw(key, value == null ? null : EventSerdes.modelRecord().serializer().serialize("sabiscore.models", value));
    }

    private ConsumerRecord<String, byte[]> raw(String key, byte[] value) {
        return new ConsumerRecord<>("sabiscore.models", 0, offset++, PUBLISHED.toEpochMilli(), TimestampType.CREATE_TIME,
                -1, value == null ? -1 : value.length, key, value, new RecordHeaders(), Optional.empty());
    }
}
