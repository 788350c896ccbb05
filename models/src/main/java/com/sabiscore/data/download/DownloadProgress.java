package com.sabiscore.data.download;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * What a download shows while it runs, on the error stream so that a command's own output stays
 * clean: on a terminal one progress bar redrawn in place (files done, bytes, rate, the file being
 * fetched); elsewhere (a log, a pipe) one plain line per file.
 */
public final class DownloadProgress implements FileDownloader.Listener {

    private static final int BAR_WIDTH = 24;
    private static final long REDRAW_EVERY_NANOS = 100_000_000L;

    private final PrintWriter out;
    private final boolean terminal;
    private final LongSupplier nanoTime;
    private int files;
    private int done;
    private long bytes;
    private long started;
    private long lastDrawn;
    private String current = "";
    private int drawnWidth;

    /**
     * @param terminal draw a bar redrawn in place rather than a line per file
     * @param nanoTime the clock rates are measured with
     */
    public DownloadProgress(PrintWriter out, boolean terminal, LongSupplier nanoTime) {
        this.out = out;
        this.terminal = terminal;
        this.nanoTime = nanoTime;
    }

    /** A bar when the JVM runs attached to a terminal that can redraw a line, plain lines otherwise. */
    public static DownloadProgress on(PrintWriter out) {
        boolean terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"));
        return new DownloadProgress(out, terminal, System::nanoTime);
    }

    /** Prints a line of its own (above the bar, when one is drawn). */
    public synchronized void say(String line) {
        clearBar();
        out.println(line);
        out.flush();
        drawBar();
    }

    synchronized void start(int fileCount) {
        files = fileCount;
        done = 0;
        bytes = 0;
        started = nanoTime.getAsLong();
        lastDrawn = started;
        drawBar();
    }

    synchronized void fileStarted(String label) {
        current = label;
        drawBar();
    }

    @Override
    public synchronized void received(long count) {
        bytes += count;
        long now = nanoTime.getAsLong();
        if (terminal && now - lastDrawn >= REDRAW_EVERY_NANOS) {
            lastDrawn = now;
            drawBar();
        }
    }

    @Override
    public synchronized void retrying(String problem, Duration wait) {
        say("  " + current + ": " + problem + ", retrying in " + wait.toMillis() + " ms");
    }

    /** One file is dealt with; {@code result} says how ("380 matches, 24.1 kB", "already there", ...). */
    synchronized void fileFinished(String label, String result) {
        done++;
        if (terminal) {
            drawBar();
        } else {
            out.printf(Locale.ROOT, "[%d/%d] %s: %s (%s so far, %s)%n", done, files, label, result, size(bytes), rate());
            out.flush();
        }
    }

    /** Takes the bar away, so the summary line stands alone. */
    synchronized void finish() {
        clearBar();
        files = 0;
        out.flush();
    }

    /** {@code 12.3 kB}, {@code 4.5 MB}: decimal units, as transfer rates are usually given. */
    static String size(long byteCount) {
        if (byteCount < 1_000) {
            return byteCount + " B";
        }
        if (byteCount < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f kB", byteCount / 1e3);
        }
        return String.format(Locale.ROOT, "%.1f MB", byteCount / 1e6);
    }

    private String rate() {
        double seconds = Math.max(nanoTime.getAsLong() - started, 1) / 1e9;
        return size(Math.round(bytes / seconds)) + "/s";
    }

    private void drawBar() {
        if (!terminal || files == 0) {
            return;
        }
        int filled = (int) ((long) BAR_WIDTH * done / files);
        String line = String.format(Locale.ROOT, "[%s%s] %d/%d files  %s  %s  %s", "=".repeat(filled),
                " ".repeat(BAR_WIDTH - filled), done, files, size(bytes), rate(), done < files ? current : "");
        out.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
        out.flush();
        drawnWidth = line.length();
    }

    private void clearBar() {
        if (terminal && drawnWidth > 0) {
            out.print("\r" + " ".repeat(drawnWidth) + "\r");
            drawnWidth = 0;
        }
    }
}
