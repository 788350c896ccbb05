package com.sabiscore.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's configuration table (docs/configuration.md) must say what the code does. */
class ConfigurationDocTest {

    @Test
    void shouldDocumentEverySettingWithItsEnvironmentVariableAndDefault() throws Exception {
        Path doc = Path.of(System.getProperty("sabiscore.repo.root"), "docs", "configuration.md");
        List<String> lines = Files.readAllLines(doc);

        for (Setting setting : Setting.values()) {
            String documentedDefault = setting.defaultValue().isEmpty() ? "(empty)" : "`" + setting.defaultValue() + "`";
            String rowStart = "| `" + setting.key() + "` | `" + setting.envName() + "` | " + documentedDefault + " | ";

            assertThat(lines).as(setting.key()).anyMatch(line -> line.startsWith(rowStart));
        }
    }
}
