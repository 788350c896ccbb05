package com.sabiscore.faults;

import com.sabiscore.match.MatchTimeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Fault test 9, the soak: one instance of an external broker takes a feed at a live pace and a
 * steady mix of HTTP requests for a long time, after the start of the window has been published
 * at once. Its resident memory, heap after a full collection, metaspace, open files and threads
 * are read at intervals; a clear upward trend of any but the heap (see {@link Trend}), an ERROR in
 * its log, a 5xx or a request without an answer fails the soak. The feed's events are checked
 * against an uninterrupted run at the end.
 *
 * <p>The heap holds the state stores, which rightly grow with every fixture the feed adds, and
 * caches that fill up to their bounds, so its climb alone cannot tell data from a leak. Instead,
 * after the soak a fresh instance (a consumer group of its own) processes the same inputs and takes
 * the same request mix until its caches hold as many entries: it then holds the same data, and
 * the soaked instance's heap after GC may exceed its own only by a small margin.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "a live-paced feed and mixed HTTP load on one instance for a long time; memory, files and threads must stay flat")
final class SoakScenario extends Scenario {

    @Mixin
    ScenarioOptions options = new ScenarioOptions();

    @Option(names = "--minutes", description = "length of the soak (default ${DEFAULT-VALUE})")
    double minutes = 30;

    @Option(names = "--sample-seconds", description = "seconds between readings (default ${DEFAULT-VALUE})")
    int sampleSeconds = 30;

    @Option(names = "--rate", description = "feed events per second during the soak (default ${DEFAULT-VALUE})")
    double rate = 20;

    @Option(names = "--http-rate", description = "HTTP requests per second (default ${DEFAULT-VALUE})")
    double httpRate = 200;

    @Option(names = "--warm-up", description = "share of the soak left out of the trends: JIT, caches filling (default ${DEFAULT-VALUE})")
    double warmUp = 0.2;

    /** The fresh instance's consumer group: it must process the inputs from the start, beside the soaked one's offsets. */
    private static final String FRESH_APPLICATION_ID = "sabiscore-soak-fresh";
    private static final Map<RequestMix.Kind, Integer> MIX = Map.of(RequestMix.Kind.PREDICTION, 40, RequestMix.Kind.TEAM, 15,
            RequestMix.Kind.RANGE, 5, RequestMix.Kind.PREDICT, 30, RequestMix.Kind.PREDICT_BATCH, 5, RequestMix.Kind.READY, 5);
    /** Readings of each instance whose median is compared, this far apart: one reading can catch a cache mid-refill. */
    private static final int COMPARED_READINGS = 3;
    private static final Duration READING_GAP = Duration.ofSeconds(2);
    /** The fresh instance takes requests until each of its caches holds this share of the soaked instance's entries. */
    private static final double CACHES_FILLED = 0.95;
    /** The soaked heap may exceed the fresh one's by this much, or this share of it, whichever is more. */
    private static final double HEAP_MARGIN_MB = 16;
    private static final double HEAP_MARGIN_SHARE = 0.10;

    @Override
    FaultReport run(boolean echo) throws Exception {
        try (ScenarioRun run = ScenarioRun.open("soak", String.format("soak: %.0f min of a live feed and HTTP load", minutes), options, echo)) {
            FaultReport report = run.report;
            PredictionLedger reference = run.reference();
            ScenarioRun.Broker brokerRun = run.startBroker();
            ChildProcess broker = brokerRun.process();
            String kafka = brokerRun.bootstrapServers();
            Launcher.AppSpec spec = run.clusterApp("app", kafka, List.of("--replay", "never"));
            ChildProcess app = run.track(run.launcher.startAppAndAwaitReady(spec));
            List<MatchTimeline.Event> events = MatchTimeline.of(run.window.matches(), Duration.ZERO);
            int paced = (int) Math.min(events.size(), rate * minutes * 60);
            int burst = events.size() - paced;
            report.line("feed: %,d events at once, then %,d at %.0f/s; HTTP: %.0f requests/s on 8 connections (predictions, teams, days, "
                    + "predict with 73%% repeats, batches of 10, /ready); a reading every %d s", burst, paced, rate, httpRate, sampleSeconds);
            OutcomeTally tally = new OutcomeTally(false, outcome -> false);
            ReadyProbe ready = new ReadyProbe(spec.baseUrl());
            double soakedHeap;
            CacheSizes soakedCaches;
            Map<String, Long> soakedClasses;
            try (PipelineWatch watch = new PipelineWatch(kafka);
                 PacedPublisher feed = new PacedPublisher(kafka, events, burst, rate)) {
                ProgressTrigger progress = new ProgressTrigger(app, List.of(app, broker), List.of(ready), feed::done, watch, events.size(),
                        options.settleTimeout());
                ProgressTrigger.Fired loaded = progress.await(new ProgressTrigger.Target(ProgressTrigger.Measure.PROCESSED,
                        (double) burst / events.size()));
                report.line("first part processed: %s", loaded.describe(events.size()));

                long maxLag = 0;
                List<ProcessGauges.Sample> samples = new ArrayList<>();
                ProcessGauges gauges = new ProcessGauges(app.pid(), run.launcher.workDir());
                try (HttpLoad load = new HttpLoad("soak-load", "127.0.0.1", spec.httpPort(), 8, httpRate, new RequestMix(events, feed::published, MIX), tally)) {
                    long end = System.nanoTime() + Duration.ofSeconds((long) (minutes * 60)).toNanos();
                    Map<String, Long> classesAfterWarmUp = null;
                    while (System.nanoTime() < end) {
                        if (!app.isAlive() || !broker.isAlive()) {
                            throw new ScenarioFailure("a process exited during the soak\n" + app.tail());
                        }
                        ProcessGauges.Sample sample = gauges.sample();
                        if (classesAfterWarmUp == null && sample.minutes() >= warmUp * minutes) {
                            classesAfterWarmUp = gauges.classBytes();
                        }
                        PipelineWatch.Progress now = watch.progress().orElse(new PipelineWatch.Progress(0, 0, 0));
                        maxLag = Math.max(maxLag, now.lag());
                        samples.add(sample);
                        report.line("%5.1f min: RSS %.0f MB, heap after GC %.1f MB, metaspace %.1f MB, %d open files, %d threads; "
                                        + "feed %,d/%,d, stream lag %,d; HTTP %,d answered", sample.minutes(), sample.rssMb(), sample.heapAfterGcMb(),
                                sample.metaspaceMb(), sample.openFiles(), sample.threads(), feed.published(), events.size(), now.lag(),
                                tally.all().total());
                        Thread.sleep(Math.max(0, Math.min(sampleSeconds * 1000L, (end - System.nanoTime()) / 1_000_000)));
                    }
                    if (classesAfterWarmUp != null) {
                        report.line("heap grown most since the warm-up, by class: %s", grownMost(classesAfterWarmUp, gauges.classBytes()));
                    }
                }
                report.line("HTTP during the soak: %s; %s", tally.all(), tally.latency());
                report.line("largest stream lag seen at a reading: %,d events", maxLag);
                report.expect(tally.all().serverError == 0 && tally.all().unanswered == 0,
                        "no 5xx and no request without an answer (not 2xx: %s)", tally.notOk());
                trends(samples, report);
                List<String> errors = app.lines().stream().filter(line -> line.contains(" ERROR ")).toList();
                report.expect(errors.isEmpty(), "no ERROR in the instance's log (%d%s)", errors.size(),
                        errors.isEmpty() ? "" : ", e.g. " + errors.subList(0, Math.min(3, errors.size())));
                report.line("WARN lines in the instance's log: %d; ERROR lines in the broker's: %d",
                        app.lines().stream().filter(line -> line.contains(" WARN ")).count(),
                        broker.lines().stream().filter(line -> line.contains(" ERROR ")).count());
                progress.awaitSettled();
                report.include(run.verify(kafka, reference));
                soakedHeap = settledHeap(gauges);
                soakedClasses = gauges.classBytes();
                soakedCaches = CacheSizes.read(spec.httpPort());
            }
            run.stop(app, ChildProcess.Signal.TERM);
            compareWithFreshInstance(run, kafka, events, soakedHeap, soakedClasses, soakedCaches, report);
            return report;
        }
    }

    /**
     * Starts a fresh instance on the same inputs, lets it process them all and take the soak's
     * request mix until its caches hold as many entries as the soaked instance's, and fails a
     * soaked heap well above its own: what only the soaked instance holds is what its long run
     * left behind.
     */
    private void compareWithFreshInstance(ScenarioRun run, String kafka, List<MatchTimeline.Event> events, double soakedHeap,
                                          Map<String, Long> soakedClasses, CacheSizes soakedCaches, FaultReport report)
            throws Exception {
        Launcher.AppSpec spec = run.clusterApp("fresh", kafka, Map.of("application.id", FRESH_APPLICATION_ID), List.of("--replay", "never"));
        ChildProcess fresh = run.track(run.launcher.startAppAndAwaitReady(spec));
        try (PipelineWatch watch = new PipelineWatch(kafka)) {
            long deadline = System.nanoTime() + options.settleTimeout().toNanos();
            while (watch.progress(FRESH_APPLICATION_ID).filter(p -> p.lag() == 0).isEmpty()) {
                if (!fresh.isAlive() || System.nanoTime() > deadline) {
                    throw new ScenarioFailure("the fresh instance did not process the inputs within " + options.settleTimeout() + "\n"
                            + fresh.tail());
                }
                Thread.sleep(1000);
            }
        }
        OutcomeTally tally = new OutcomeTally(false, outcome -> false);
        long started = System.nanoTime();
        long deadline = started + Duration.ofMinutes((long) Math.ceil(minutes)).toNanos();
        CacheSizes freshCaches;
        try (HttpLoad load = new HttpLoad("fresh-load", "127.0.0.1", spec.httpPort(), 8, httpRate,
                new RequestMix(events, () -> events.size(), MIX), tally)) {
            do {
                Thread.sleep(sampleSeconds * 1000L);
                freshCaches = CacheSizes.read(spec.httpPort());
            } while (!freshCaches.filledTo(soakedCaches, CACHES_FILLED) && System.nanoTime() < deadline);
        }
        ProcessGauges freshGauges = new ProcessGauges(fresh.pid(), run.launcher.workDir());
        double freshHeap = settledHeap(freshGauges);
        Map<String, Long> freshClasses = freshGauges.classBytes();
        report.line("cache entries of the soaked instance: %s", soakedCaches);
        report.line("a fresh instance (consumer group %s) processed the same inputs, then took the same request mix for %.0f s (%s): "
                + "cache entries %s", FRESH_APPLICATION_ID, (System.nanoTime() - started) / 1e9, tally.all(), freshCaches);
        report.expect(freshCaches.filledTo(soakedCaches, CACHES_FILLED), "the fresh instance's caches at least %.0f%% as full as the "
                + "soaked instance's", 100 * CACHES_FILLED);
        report.line("held more by the soaked instance than by the fresh one, by class: %s", grownMost(freshClasses, soakedClasses));
        double margin = Math.max(HEAP_MARGIN_MB, HEAP_MARGIN_SHARE * freshHeap);
        report.expect(soakedHeap - freshHeap <= margin,
                "heap after GC of the soaked instance, settled (%.1f MB), within %.0f MB of the fresh instance's holding the same data "
                        + "(%.1f MB): %+.1f MB", soakedHeap, margin, freshHeap, soakedHeap - freshHeap);
        run.stop(fresh, ChildProcess.Signal.TERM);
    }

    /** The median heap after GC of a few readings a little apart, with no load: what the instance holds. */
    private static double settledHeap(ProcessGauges gauges) throws InterruptedException {
        double[] heaps = new double[COMPARED_READINGS];
        for (int i = 0; i < heaps.length; i++) {
            Thread.sleep(READING_GAP.toMillis());
            heaps[i] = gauges.sample().heapAfterGcMb();
        }
        Arrays.sort(heaps);
        return heaps[heaps.length / 2];
    }

    /** The classes whose live bytes grew most between two histograms, largest first. */
    private static String grownMost(Map<String, Long> before, Map<String, Long> after) {
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(8)
                .map(e -> String.format(Locale.ROOT, "%s +%.1f MB", e.getKey(), e.getValue() / 1048576.0))
                .toList().toString();
    }

    /** Fits each gauge after the warm-up and fails a clear climb. */
    private void trends(List<ProcessGauges.Sample> samples, FaultReport report) {
        List<ProcessGauges.Sample> measured = samples.stream().filter(s -> s.minutes() >= warmUp * minutes).toList();
        if (measured.size() < 3) {
            report.violation("only %d readings after the warm-up: too few for a trend", measured.size());
            return;
        }
        report.line("trends over %d readings after the first %.0f%% of the soak:", measured.size(), 100 * warmUp);
        check(measured, "RSS", "MB", ProcessGauges.Sample::rssMb, 64, 0.10, report);
        // the stores grow with the feed's fixtures: the heap's trend is shown, and a leak is told from data by compareWithFreshInstance
        report.line("%s (grows with the data the feed adds; compared with a fresh instance below)", Trend.fit("heap after GC", "MB",
                measured.stream().map(ProcessGauges.Sample::minutes).toList(), measured.stream().map(ProcessGauges.Sample::heapAfterGcMb).toList()));
        check(measured, "metaspace", "MB", ProcessGauges.Sample::metaspaceMb, 8, 0.05, report);
        check(measured, "open files", "files", s -> s.openFiles(), 20, 0.10, report);
        check(measured, "threads", "threads", s -> s.threads(), 10, 0.10, report);
    }

    private static void check(List<ProcessGauges.Sample> samples, String gauge, String unit, ToDoubleFunction<ProcessGauges.Sample> value,
                              double absolute, double relative, FaultReport report) {
        Trend trend = Trend.fit(gauge, unit, samples.stream().map(ProcessGauges.Sample::minutes).toList(),
                samples.stream().map(value::applyAsDouble).toList());
        report.expect(!trend.climbs(absolute, relative), "%s (a climb fails above %.0f %s and %.0f%% of the mean)", trend, absolute, unit,
                100 * relative);
    }
}
