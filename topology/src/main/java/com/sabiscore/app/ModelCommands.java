package com.sabiscore.app;

import com.sabiscore.broker.TopicProvisioner;
import com.sabiscore.config.AppConfig;
import com.sabiscore.modelfeed.ModelCatalog;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** What the {@code model} subcommands share: the topic they write to, and how they show the roles. */
final class ModelCommands {

    private ModelCommands() {
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
