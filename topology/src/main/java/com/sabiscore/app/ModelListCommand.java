package com.sabiscore.app;

import com.sabiscore.config.AppConfig;
import com.sabiscore.modelfeed.ModelCatalog;
import com.sabiscore.modelfeed.ModelPublisher;
import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sabiscore model list}: every release on the models topic and which is champion and challenger. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the models published on the models topic, oldest first, with the champion and challenger.")
final class ModelListCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions configOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        AppConfig config = configOptions.loadForCluster(Map.of());
        ModelCommands.provisionModelsTopic(config);
        ModelCatalog catalog = new ModelPublisher(config, ConfigOptions.CLUSTER_TIMEOUT).catalog();
        PrintWriter out = spec.commandLine().getOut();
        if (catalog.published().isEmpty()) {
            out.println("no model published on " + config.modelsTopic() + ": every instance serves its own (classpath or model.dir)");
        } else {
            int width = catalog.published().stream().mapToInt(p -> p.release().version().length()).max().orElse(0);
            String row = "%-" + Math.max(width, "VERSION".length()) + "s  %-10s  %-20s  %s%n";
            out.printf(row, "VERSION", "ROLE", "PUBLISHED", "SIZE");
            for (ModelCatalog.Published published : catalog.published()) {
                String version = published.release().version();
                String role = version.equals(catalog.roles().champion()) ? "champion"
                        : version.equals(catalog.roles().challenger()) ? "challenger" : "-";
                out.printf(row, version, role, published.publishedAt().truncatedTo(ChronoUnit.SECONDS),
                        String.format("%,d KB", (published.release().modelBytes() + 1023) / 1024));
            }
        }
        out.println(ModelCommands.describe(catalog.roles()));
        out.flush();
        return 0;
    }
}
