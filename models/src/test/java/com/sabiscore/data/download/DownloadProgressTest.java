package com.sabiscore.data.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DownloadProgressTest {

    private final StringWriter printed = new StringWriter();
    /** A clock the test moves: rates come out exact. */
    private final AtomicLong now = new AtomicLong();

    @Test
    void shouldPrintOneLinePerFileWithBytesAndRateWhenNotOnATerminal() {
        DownloadProgress progress = new DownloadProgress(new PrintWriter(printed, true), false, now::get);

        progress.start(2);
        progress.fileStarted("E0 2023-24");
        progress.received(1_500);
        now.addAndGet(500_000_000L);
        progress.fileFinished("E0 2023-24", "380 matches, 1.5 kB");
        progress.fileStarted("E0 2024-25");
        progress.retrying("HTTP 500", Duration.ofSeconds(1));
        progress.received(2_500_000);
        now.addAndGet(500_000_000L);
        progress.fileFinished("E0 2024-25", "380 matches, 2.5 MB");
        progress.finish();

        assertThat(printed.toString()).isEqualTo(String.join(System.lineSeparator(),
                "[1/2] E0 2023-24: 380 matches, 1.5 kB (1.5 kB so far, 3.0 kB/s)",
                "  E0 2024-25: HTTP 500, retrying in 1000 ms",
                "[2/2] E0 2024-25: 380 matches, 2.5 MB (2.5 MB so far, 2.5 MB/s)", ""));
    }

    @Test
    void shouldRedrawOneBarInPlaceOnATerminalAndClearItAtTheEnd() {
        DownloadProgress progress = new DownloadProgress(new PrintWriter(printed, true), true, now::get);

        progress.start(4);
        progress.fileStarted("E0 1993-94");
        now.addAndGet(1_000_000_000L);
        progress.received(2_000_000);
        progress.fileFinished("E0 1993-94", "462 matches, 2.0 MB");
        String bar = lastDrawing();
        progress.say("a line of its own");
        progress.finish();

        assertThat(bar).isEqualTo("[======                  ] 1/4 files  2.0 MB  2.0 MB/s  E0 1993-94");
        // the line is printed on a cleared row, the bar drawn again below it, and cleared at the end
        assertThat(printed.toString()).contains("\ra line of its own" + System.lineSeparator() + "\r[======").endsWith("\r");
    }

    private String lastDrawing() {
        String text = printed.toString();
        return text.substring(text.lastIndexOf('\r') + 1).stripTrailing();
    }
}
