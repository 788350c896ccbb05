package com.sabiscore.data.download;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a download went, told in one line.
 *
 * @param files     how many files were asked for
 * @param saved     fetched and saved
 * @param kept      already there and valid, so not fetched again
 * @param bytes     bytes saved
 * @param took      how long the whole download took
 * @param missing   files the source does not have (404, or no match yet), e.g. {@code E0 2026-27}
 * @param failed    files the source answered wrongly, each with its reason
 * @param stoppedBy why the download stopped before the end (the source stopped answering), or null
 */
public record DownloadSummary(int files, int saved, int kept, long bytes, Duration took, List<String> missing,
                              List<String> failed, String stoppedBy) {

    private static final int LISTED = 6;

    public DownloadSummary {
        missing = List.copyOf(missing);
        failed = List.copyOf(failed);
    }

    /** Every file the source has is there, and at least one exists at all. */
    public boolean complete() {
        return failed.isEmpty() && stoppedBy == null && saved + kept > 0;
    }

    /** {@code Downloaded 165 of 170 files (19.5 MB in 9.2 s, 2.1 MB/s); 3 already there; not on the source: ...}. */
    public String line() {
        List<String> parts = new ArrayList<>();
        double seconds = Math.max(took.toMillis(), 1) / 1e3;
        parts.add(String.format(Locale.ROOT, "Downloaded %d of %d files (%s in %.1f s, %s/s)", saved, files,
                DownloadProgress.size(bytes), seconds, DownloadProgress.size(Math.round(bytes / seconds))));
        if (kept > 0) {
            parts.add(kept + " already there");
        }
        if (!missing.isEmpty()) {
            parts.add("not on the source, skipped: " + listed(missing));
        }
        if (!failed.isEmpty()) {
            parts.add("failed: " + listed(failed));
        }
        if (stoppedBy != null) {
            parts.add("stopped: " + stoppedBy);
        }
        return String.join("; ", parts);
    }

    /** What kept the download from completing, in one sentence; null when it is complete. */
    public String problem() {
        if (stoppedBy != null) {
            return "the download source does not answer: " + stoppedBy;
        }
        if (!failed.isEmpty()) {
            return failed.size() + " of " + files + " files could not be downloaded, first " + failed.get(0);
        }
        if (saved + kept == 0) {
            return "the download source has none of the " + files + " files asked for (every one is missing)";
        }
        return null;
    }

    private static String listed(List<String> items) {
        String shown = String.join(", ", items.subList(0, Math.min(LISTED, items.size())));
        return items.size() > LISTED ? shown + " and " + (items.size() - LISTED) + " more" : shown;
    }
}
