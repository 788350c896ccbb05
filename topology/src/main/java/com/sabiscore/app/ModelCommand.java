package com.sabiscore.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sabiscore model}: publish, list and promote the models every running instance serves. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Publish, list and promote models on the models topic (topic.models); every running instance"
                + " switches to the champion it names without a restart, and scores a challenger beside it.",
        subcommands = {ModelPublishCommand.class, ModelListCommand.class, ModelPromoteCommand.class})
final class ModelCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
