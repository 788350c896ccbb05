package com.sabiscore.modelfeed;

import com.sabiscore.events.ModelRecord;
import com.sabiscore.events.ModelRoles;
import com.sabiscore.events.ReleasedHead;
import com.sabiscore.events.ReleasedModel;
import com.sabiscore.events.codec.AvroCodec;
import com.sabiscore.serving.ModelRelease;
import java.nio.ByteBuffer;

/**
 * The models topic's records: a release under {@code release:<version>}, the roles under
 * {@code roles}. Compaction keeps the latest record of each key, so every version published stays
 * readable and only the latest roles count.
 */
final class ModelRecords {

    static final String ROLES_KEY = "roles";
    static final String RELEASE_KEY_PREFIX = "release:";

    private ModelRecords() {
    }

    static String releaseKey(String version) {
        return RELEASE_KEY_PREFIX + version;
    }

    static ModelRecord release(ModelRelease release) {
        return new ModelRecord(new ReleasedModel(release.version(), head(release.withOdds()), head(release.withoutOdds())));
    }

    static ModelRecord roles(ModelCatalog.Roles roles) {
        return new ModelRecord(new ModelRoles(roles.champion(), roles.challenger()));
    }

    static ModelRelease toRelease(ReleasedModel record) {
        return new ModelRelease(record.getVersion(), toHead(record.getWithOdds()), toHead(record.getWithoutOdds()));
    }

    static ModelCatalog.Roles toRoles(ModelRoles record) {
        return new ModelCatalog.Roles(record.getChampion(), record.getChallenger());
    }

    private static ReleasedHead head(ModelRelease.Head head) {
        return new ReleasedHead(ByteBuffer.wrap(head.onnx()), head.card());
    }

    private static ModelRelease.Head toHead(ReleasedHead head) {
        return new ModelRelease.Head(AvroCodec.toArray(head.getOnnx()), head.getCard());
    }
}
