package com.sabiscore.app;

import com.sabiscore.config.AppConfig;
import com.sabiscore.modelfeed.ModelCatalog;
import com.sabiscore.serving.ModelRefusedException;
import com.sabiscore.serving.ModelRelease;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sabiscore model publish --dir D [--version V] [--challenger]}: checks a trained model
 * folder as an instance would load it, then publishes it as champion (or challenger).
 */
@Command(name = "publish",
        description = "Publish a folder of trained models (sabiscore-odds.onnx, sabiscore-no-odds.onnx and their"
                + " .model-card.json, as `train` writes them) as the champion every instance switches to, or with"
                + " --challenger as the challenger scored beside it. The models are checked first, as an instance would"
                + " load them: one that does not fit publishes nothing.")
final class ModelPublishCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions configOptions;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "the folder of the two heads and their model cards")
    Path dir;

    @Option(names = "--version", paramLabel = "V",
            description = "the version its predictions carry, stamped into both models (default: the model cards' model_version)")
    String version;

    @Option(names = "--challenger", description = "publish as challenger: the champion stays, this one is scored beside it")
    boolean challenger;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ModelRelease release = ModelRelease.fromDirectory(dir, version);
        AppConfig config = configOptions.loadForCluster(Map.of());
        ModelCatalog.Roles roles;
        try {
            roles = ModelCommands.checkAndPublish(config, release, challenger);
        } catch (ModelRefusedException e) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage() + " (nothing published)");
            return CommandLine.ExitCode.SOFTWARE;
        }
        spec.commandLine().getOut().println(ModelCommands.published(config, release, roles));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
