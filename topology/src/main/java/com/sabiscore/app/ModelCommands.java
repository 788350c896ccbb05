package com.sabiscore.app;

import com.sabiscore.broker.TopicProvisioner;
import com.sabiscore.config.AppConfig;
import com.sabiscore.modelfeed.ModelCatalog;
import com.sabiscore.modelfeed.ModelPublisher;
import com.sabiscore.prediction.FixturePredictor;
import com.sabiscore.serving.ModelRelease;
import com.sabiscore.serving.ServedModel;
import com.sabiscore.serving.ServingModels;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** What the commands that publish models share: the check, the topic they write to, and how they show the roles. */
final class ModelCommands {

    private ModelCommands() {
    }

    /**
     * Checks a release as an instance would load it, then publishes it as champion or challenger.
     *
     * @return the roles written
     * @throws com.sabiscore.serving.ModelRefusedException when it does not fit; nothing is published
     */
    static ModelCatalog.Roles checkAndPublish(AppConfig config, ModelRelease release, boolean asChallenger) {
        try (ServingModels local = new ServingModels(ServedModel.of(FixturePredictor.withDefaults(), "classpath"), Duration.ZERO)) {
            local.check(release);
        }
        provisionModelsTopic(config);
        return new ModelPublisher(config, ConfigOptions.CLUSTER_TIMEOUT).publish(release, asChallenger);
    }

    /** E.g. {@code published ensemble-v3 (134 KB) to sabiscore.models at 127.0.0.1:9092: champion ensemble-v3, challenger none}. */
    static String published(AppConfig config, ModelRelease release, ModelCatalog.Roles roles) {
        return String.format("published %s (%,d KB) to %s at %s: %s", release.version(), (release.modelBytes() + 1023) / 1024,
                config.modelsTopic(), config.kafkaBootstrapServers(), describe(roles));
    }

    /** A publish may come before any instance ran on the cluster: the topic must be compacted, not auto-created. */
    static void provisionModelsTopic(AppConfig config) {
        Properties props = config.adminProperties();
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ConfigOptions.CLUSTER_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(props)) {
            new TopicProvisioner(admin).provisionModelsTopic(config);
        }
    }

    /** E.g. {@code champion ensemble-v3, challenger none}. */
    static String describe(ModelCatalog.Roles roles) {
        return "champion " + Objects.requireNonNullElse(roles.champion(), "none (each instance's own model)")
                + ", challenger " + Objects.requireNonNullElse(roles.challenger(), "none");
    }
}
