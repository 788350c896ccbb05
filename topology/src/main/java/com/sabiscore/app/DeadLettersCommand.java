package com.sabiscore.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sabiscore dead-letters}: the records the stream refused; {@code export} writes them to a file. */
@Command(name = "dead-letters", mixinStandardHelpOptions = true,
        description = "Work with the records the stream refused (topic.dead-letters).",
        subcommands = DeadLettersExportCommand.class)
final class DeadLettersCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
