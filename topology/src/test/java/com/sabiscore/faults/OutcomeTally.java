package com.sabiscore.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.HdrHistogram.Histogram;

/**
 * Counts what a {@link HttpLoad} got back: answers by status class, requests without an answer,
 * per second since the tally began, with latency; optionally every outcome, to tell afterwards
 * which requests were in flight at a given instant. Thread-safe.
 */
final class OutcomeTally implements Consumer<HttpLoad.Outcome> {

    /** Counts of one second (or of the whole run). */
    static final class Counts {
        long ok;
        long clientError;
        long serverError;
        long unanswered;
        long flagged;

        long total() {
            return ok + clientError + serverError + unanswered;
        }

        long notOk() {
            return total() - ok;
        }

        void add(HttpLoad.Outcome outcome, boolean flag) {
            if (!outcome.answered()) {
                unanswered++;
            } else if (outcome.status() >= 500) {
                serverError++;
            } else if (outcome.status() >= 300) {
                clientError++;
            } else {
                ok++;
            }
            if (flag) {
                flagged++;
            }
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,d requests: %,d 2xx, %,d 4xx, %,d 5xx, %,d without an answer", total(), ok, clientError,
                    serverError, unanswered);
        }
    }

    private final long startNanos = System.nanoTime();
    private final boolean keepOutcomes;
    private final Predicate<HttpLoad.Outcome> flag;
    private final Counts all = new Counts();
    private final Map<Long, Counts> perSecond = new TreeMap<>();
    private final List<HttpLoad.Outcome> kept = new ArrayList<>();
    private final Histogram latencyMicros = new Histogram(3);
    /** Per status that is not 2xx (-1: no answer), how many and the first body or error. */
    private final Map<Integer, Long> notOkCounts = new TreeMap<>();
    private final Map<Integer, String> notOkExamples = new TreeMap<>();

    /**
     * @param keepOutcomes keep every outcome (a short run only)
     * @param flag         answers to count apart (e.g. flagged stale), per second and in all
     */
    OutcomeTally(boolean keepOutcomes, Predicate<HttpLoad.Outcome> flag) {
        this.keepOutcomes = keepOutcomes;
        this.flag = flag;
    }

    @Override
    public synchronized void accept(HttpLoad.Outcome outcome) {
        boolean flagged = outcome.answered() && flag.test(outcome);
        all.add(outcome, flagged);
        perSecond.computeIfAbsent((outcome.endNanos() - startNanos) / 1_000_000_000L, s -> new Counts()).add(outcome, flagged);
        if (outcome.answered()) {
            latencyMicros.recordValue(Math.max(0, (outcome.endNanos() - outcome.startNanos()) / 1_000));
        }
        if (keepOutcomes) {
            kept.add(outcome);
        }
        if (outcome.status() < 200 || outcome.status() >= 300) {
            notOkCounts.merge(outcome.status(), 1L, Long::sum);
            notOkExamples.putIfAbsent(outcome.status(), outcome.request().method() + " " + outcome.request().path() + " -> "
                    + outcome.body().substring(0, Math.min(160, outcome.body().length())));
        }
    }

    /** Each status other than 2xx with its count and a first example ({@code none}: every request answered 2xx). */
    synchronized String notOk() {
        if (notOkCounts.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        notOkCounts.forEach((status, count) -> parts.add(String.format(Locale.ROOT, "%s x%,d (e.g. %s)",
                status < 0 ? "no answer" : status.toString(), count, notOkExamples.get(status))));
        return String.join("; ", parts);
    }

    synchronized Counts all() {
        Counts copy = new Counts();
        copy.ok = all.ok;
        copy.clientError = all.clientError;
        copy.serverError = all.serverError;
        copy.unanswered = all.unanswered;
        copy.flagged = all.flagged;
        return copy;
    }

    /** The seconds (since the tally began) in which some request was not answered 2xx, one line each. */
    synchronized List<String> troubledSeconds() {
        List<String> lines = new ArrayList<>();
        perSecond.forEach((second, counts) -> {
            if (counts.notOk() > 0) {
                lines.add(String.format(Locale.ROOT, "second %d: %,d of %,d not 2xx (%,d 4xx, %,d 5xx, %,d no answer), %,d flagged",
                        second, counts.notOk(), counts.total(), counts.clientError, counts.serverError, counts.unanswered, counts.flagged));
            }
        });
        return lines;
    }

    /** When flagged answers came: how many seconds had any, the first and the last. */
    synchronized String flaggedSeconds() {
        List<Long> seconds = perSecond.entrySet().stream().filter(e -> e.getValue().flagged > 0).map(Map.Entry::getKey).toList();
        return seconds.isEmpty() ? "in no second" : String.format(Locale.ROOT, "in %d seconds, from second %d to %d",
                seconds.size(), seconds.get(0), seconds.get(seconds.size() - 1));
    }

    /** Seconds since the tally began, for an instant of {@link System#nanoTime}. */
    double secondOf(long nanos) {
        return (nanos - startNanos) / 1e9;
    }

    /** The kept outcomes of requests sent before {@code instantNanos} and not finished by then. */
    synchronized List<HttpLoad.Outcome> inFlightAt(long instantNanos) {
        return kept.stream().filter(o -> o.startNanos() < instantNanos && o.endNanos() >= instantNanos).toList();
    }

    /** The kept outcomes of requests sent from {@code fromNanos} (inclusive) to {@code toNanos}. */
    synchronized List<HttpLoad.Outcome> sentBetween(long fromNanos, long toNanos) {
        return kept.stream().filter(o -> o.startNanos() >= fromNanos && o.startNanos() < toNanos).toList();
    }

    synchronized String latency() {
        return String.format(Locale.ROOT, "latency of answers (ms): p50 %.1f, p99 %.1f, p99.9 %.1f, max %.1f",
                latencyMicros.getValueAtPercentile(50) / 1e3, latencyMicros.getValueAtPercentile(99) / 1e3,
                latencyMicros.getValueAtPercentile(99.9) / 1e3, latencyMicros.getMaxValue() / 1e3);
    }
}
