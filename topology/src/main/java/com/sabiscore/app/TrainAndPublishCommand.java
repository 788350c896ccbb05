package com.sabiscore.app;

import com.sabiscore.config.AppConfig;
import com.sabiscore.modelfeed.ModelCatalog;
import com.sabiscore.serving.ModelRelease;
import com.sabiscore.training.TrainCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sabiscore train}: trains both heads on all the history there is ({@link TrainCommand}),
 * and with {@code --publish-challenger} publishes them to the models topic as the challenger every
 * running instance then scores beside its champion.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the with-odds and without-odds ensemble heads and write models/*.onnx plus model cards;"
                + " with --publish-challenger also publish them as the challenger of the running instances.")
final class TrainAndPublishCommand extends TrainCommand {

    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--publish-challenger",
            description = "publish what was trained to the models topic as challenger (see `sabiscore model promote`)")
    boolean publishChallenger;

    @Spec
    CommandSpec command;

    @Override
    protected void trained(Path folder, String version) throws IOException {
        if (!publishChallenger) {
            return;
        }
        ModelRelease release = ModelRelease.fromDirectory(folder, version);
        AppConfig config = configOptions.loadForCluster(Map.of());
        ModelCatalog.Roles roles = ModelCommands.checkAndPublish(config, release, true);
        command.commandLine().getOut().println(ModelCommands.published(config, release, roles));
        command.commandLine().getOut().flush();
    }
}
