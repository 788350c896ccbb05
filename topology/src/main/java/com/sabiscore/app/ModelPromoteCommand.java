package com.sabiscore.app;

import com.sabiscore.config.AppConfig;
import com.sabiscore.modelfeed.ModelCatalog;
import com.sabiscore.modelfeed.ModelPublisher;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sabiscore model promote VERSION}: one small roles record makes a published version champion everywhere. */
@Command(name = "promote", mixinStandardHelpOptions = true,
        description = "Make a published version (e.g. the challenger) the champion on every instance; the challenger"
                + " stays unless it is the version promoted.")
final class ModelPromoteCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions configOptions;

    @Parameters(paramLabel = "VERSION", description = "a version `model list` shows")
    String version;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        AppConfig config = configOptions.loadForCluster(Map.of());
        ModelCommands.provisionModelsTopic(config);
        ModelCatalog.Roles roles;
        try {
            roles = new ModelPublisher(config, ConfigOptions.CLUSTER_TIMEOUT).promote(version);
        } catch (ModelPublisher.UnknownVersionException e) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        spec.commandLine().getOut().println("promoted " + version + ": " + ModelCommands.describe(roles));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
