package com.sabiscore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sabiscore.broker.EmbeddedKafkaBroker;
import com.sabiscore.config.AppConfig;
import com.sabiscore.modelfeed.ModelCatalog;
import com.sabiscore.modelfeed.ModelPublisher;
import com.sabiscore.serving.Releases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sabiscore model publish | list | promote} against a real broker, each test on a models topic of its own. */
class ModelCommandTest {

    private static final AtomicInteger TOPICS = new AtomicInteger();

    @TempDir
    static Path folder;

    private static EmbeddedKafkaBroker broker;

    private final String topic = "models-" + TOPICS.incrementAndGet();

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start(folder.resolve("kafka"), 0);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldPublishAChampionThenAChallengerThenPromoteTheChallenger() {
        Path uniform = Releases.writeTo(Releases.uniform("uniform-1"), folder.resolve("uniform-1"));

        SabiScoreCommandRun champion = model("publish", "--dir", Releases.committedFolder().toString(), "--version", "ensemble-v3");
        SabiScoreCommandRun challenger = model("publish", "--dir", uniform.toString(), "--challenger");
        SabiScoreCommandRun list = model("list");
        SabiScoreCommandRun promote = model("promote", "uniform-1");

        assertThat(champion.exit()).as(champion.err()).isZero();
        assertThat(champion.out()).startsWith("published ensemble-v3 (").contains(" KB) to " + topic + " at ")
                .endsWith(": champion ensemble-v3, challenger none\n");
        assertThat(challenger.out()).startsWith("published uniform-1 (").endsWith(": champion ensemble-v3, challenger uniform-1\n");
        assertThat(list.out().lines().toList()).satisfiesExactly(
                header -> assertThat(header).startsWith("VERSION").contains("ROLE").contains("PUBLISHED").contains("SIZE"),
                first -> assertThat(first).startsWith("ensemble-v3  ").contains(" champion ").endsWith(" KB"),
                second -> assertThat(second).startsWith("uniform-1    ").contains(" challenger "),
                roles -> assertThat(roles).isEqualTo("champion ensemble-v3, challenger uniform-1"));
        assertThat(promote.exit()).isZero();
        assertThat(promote.out()).isEqualTo("promoted uniform-1: champion uniform-1, challenger none\n");
        assertThat(publisher().catalog().roles()).isEqualTo(new ModelCatalog.Roles("uniform-1", null));
    }

    @Test
    void shouldRefuseAModelThatDoesNotFitAndPublishNothing() throws Exception {
        Path broken = Releases.writeTo(Releases.committed("ensemble-v3"), folder.resolve("broken"));
        byte[] model = Files.readAllBytes(broken.resolve("sabiscore-odds.onnx"));
        Files.write(broken.resolve("sabiscore-odds.onnx"), Arrays.copyOf(model, model.length / 3));

        SabiScoreCommandRun run = model("publish", "--dir", broken.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.errIsOneLine()).as(run.err()).isTrue();
        assertThat(run.err()).startsWith("sabiscore model publish: model ensemble-v3 refused (corrupt): ")
                .contains("protobuf parsing failed").endsWith("(nothing published)\n");
        assertThat(model("list").out()).startsWith("no model published on " + topic);
    }

    @Test
    void shouldRefuseToPromoteAVersionNeverPublished() {
        model("publish", "--dir", Releases.writeTo(Releases.uniform("uniform-1"), folder.resolve("uniform-2")).toString());

        SabiScoreCommandRun run = model("promote", "ensemble-v9");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.errIsOneLine()).as(run.err()).isTrue();
        assertThat(run.err()).isEqualTo("sabiscore model promote: no release ensemble-v9 on " + topic + " (published: uniform-1)\n");
    }

    @Test
    void shouldNameTheFileAFolderLacksInOneLine() {
        SabiScoreCommandRun run = model("publish", "--dir", folder.resolve("empty").toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.errIsOneLine()).as(run.err()).isTrue();
        assertThat(run.err()).contains("NoSuchFileException").contains("sabiscore-odds.onnx");
    }

    @Test
    void shouldTakeVersionAsTheReleaseVersionNotAsTheToolsVersion() {
        SabiScoreCommandRun help = SabiScoreCommandRun.of("model", "publish", "--help");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--version=V").contains("--challenger").contains("--dir=DIR");
    }

    private SabiScoreCommandRun model(String... args) {
        List<String> all = new ArrayList<>(List.of("model"));
        all.addAll(List.of(args));
        all.addAll(List.of("--set", "kafka.bootstrap.servers=" + broker.bootstrapServers(), "--set", "topic.models=" + topic));
        return SabiScoreCommandRun.of(all.toArray(String[]::new));
    }

    private ModelPublisher publisher() {
        return new ModelPublisher(AppConfig.of(Map.of("kafka.bootstrap.servers", broker.bootstrapServers(), "topic.models", topic)),
                Duration.ofSeconds(30));
    }
}
