package com.sabiscore.events.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.sabiscore.events.BookOdds;
import com.sabiscore.events.Fixture;
import com.sabiscore.state.HeldEvent;
import com.sabiscore.state.TeamState;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TrustedEventsTest {

    @Test
    void shouldTrustTheGeneratedClassesButNotTheCodecPackage() {
        assertThat(TrustedEvents.isGeneratedClass(Fixture.class)).isTrue();
        assertThat(TrustedEvents.isGeneratedClass(BookOdds.class)).isTrue();
        assertThat(TrustedEvents.isGeneratedClass(TeamState.class)).isTrue();
        assertThat(TrustedEvents.isGeneratedClass(HeldEvent.class)).isTrue();
        assertThat(TrustedEvents.isGeneratedClass(AvroCodec.class)).isFalse();
        assertThat(TrustedEvents.isGeneratedClass(String.class)).isFalse();
    }

    /**
     * Surefire passes the trust flag to this JVM, so the real check needs a JVM without it: the
     * probe shows the plain generated decoder is refused there and the codec still decodes.
     */
    @Test
    void shouldDecodeInAJvmStartedWithoutTheTrustFlag() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process probe = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), TrustProbe.class.getName())
                .redirectErrorStream(true)
                .start();

        boolean finished = probe.waitFor(60, TimeUnit.SECONDS);
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(finished).as("probe finished").isTrue();
        assertThat(List.of(output.split("\\R")))
                .anySatisfy(line -> assertThat(line).startsWith("untrusted decode refused: Forbidden com.sabiscore.events"))
                .contains("codec decoded E0:2023-08-11:Burnley:Man City", "codec decoded the team state of season 2023-24");
        assertThat(probe.exitValue()).as(output).isZero();
    }
}
