package com.sabiscore.app;

import com.sabiscore.config.AppConfig;
import com.sabiscore.feed.InProcessLiveFeed;
import com.sabiscore.match.HistoricalMatch;
import com.sabiscore.progress.ReplayProgress;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sabiscore run}: the main job. Starts the embedded broker (or joins
 * {@code KAFKA_BOOTSTRAP_SERVERS}), the stream and the HTTP API, replays the history with
 * progress, with {@code --live} then follows football-data live ({@link InProcessLiveFeed}),
 * prints URLs to try and runs until Ctrl-C.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run SabiScore: broker (embedded unless KAFKA_BOOTSTRAP_SERVERS is set), stream, HTTP API; replay history.")
final class RunCommand implements Callable<Integer> {

    /** When to replay the history into the input topics. */
    enum Replay {
        /** only what the input topics lack: everything the first time, the rest after a crash, nothing after that */
        auto,
        always,
        never
    }

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);
    private static final Duration START_REPORT_INTERVAL = Duration.ofSeconds(60);

    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--port", description = "HTTP port (default 8080; 0 picks a free one)")
    Integer port;

    @Option(names = "--replay", defaultValue = "auto",
            description = "auto (publish what the input topics lack, so a restart resumes an interrupted replay), always or never; default ${DEFAULT-VALUE}")
    Replay replay;

    @Option(names = "--live",
            description = "after the replay, follow football-data live: the season's results and fixtures.csv, every feed.poll.interval (setting feed.live)")
    boolean live;

    @Mixin
    ReplayOptions replayOptions;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        Map<String, String> flags = new HashMap<>();
        if (port != null) {
            flags.put("http.port", port.toString());
        }
        if (live) {
            flags.put("feed.live", "true");
        }
        AppConfig requested = configOptions.load(flags);
        // resolve the data before starting anything: a missing folder is a message, not a half-started app
        Path dataDir = replay == Replay.never ? null : replayOptions.footballData(requested);
        StartChecks.verify(requested);

        ReplayProgress replayProgress = new ReplayProgress();
        if (dataDir != null) {
            replayProgress.pending();
        }
        SabiScoreApp app = SabiScoreApp.start(requested, replayProgress);
        InProcessLiveFeed liveFeed = requested.liveFeed().live()
                ? InProcessLiveFeed.of(app.config(), replayOptions.leaguesSite(requested), Clock.systemUTC()) : null;
        // the feed stops first: it publishes into the broker the app closes
        StopRequest stop = StopRequest.onTermOrInterrupt(() -> {
            if (liveFeed != null) {
                liveFeed.close();
            }
            app.close();
        });
        // a restart after a crash may wait minutes for the broker's log recovery and the stores' restore: it keeps
        // waiting (and serving what it can) rather than exit into a restart loop, and says so now and then
        long waitedSeconds = 0;
        while (!app.awaitRunning(Duration.ofSeconds(1))) {
            KafkaStreams.State state = app.streams().state();
            if (stop.requested()) {
                stop.closeNow();
                return 0;
            }
            if (!state.isRunningOrRebalancing()) {
                out.println("Kafka Streams stopped before it ran (" + state + "); see the log");
                stop.closeNow();
                return 1;
            }
            if (++waitedSeconds % START_REPORT_INTERVAL.toSeconds() == 0) {
                out.printf("Kafka Streams still %s after %d s: waiting for the broker and the stores' restore; /ready says how far%n",
                        state, waitedSeconds);
            }
        }
        AppConfig config = app.config();
        out.printf("SabiScore ready in %.1f s: Kafka at %s, HTTP on port %d%n",
                (System.nanoTime() - started) / 1e9, config.kafkaBootstrapServers(), app.httpPort());

        Runnable afterReplay = () -> { };
        if (liveFeed != null) {
            out.printf("following %s live every %s after the replay (offsets in topic %s)%n", replayOptions.leaguesSite(requested),
                    config.liveFeed().pollInterval(), liveFeed.offsetsTopic());
            afterReplay = liveFeed::start;
        }
        String example = null;
        List<HistoricalMatch> matches = dataDir == null ? List.of() : HistoryReplay.load(dataDir, replayOptions.from, replayOptions.to);
        if (!matches.isEmpty()) {
            example = matches.get(matches.size() - 1).fixture().id().toString();
            HistoryReplay.Mode mode = replay == Replay.always ? HistoryReplay.Mode.ALL : HistoryReplay.Mode.RESUME;
            Runnable thenFollow = afterReplay;
            // in the background, so a stop request is answered at once even in the middle of the replay
            Thread publisher = new Thread(() -> {
                replayHistory(config, matches, mode, app);
                thenFollow.run();
            }, "sabiscore-replay");
            publisher.setDaemon(true);
            publisher.start();
        } else {
            if (dataDir != null) {
                out.println("no match in the replay window: nothing to replay");
                replayProgress.complete(0);
            }
            afterReplay.run();
        }
        printUrls(app.httpPort(), example);
        out.println("Ctrl-C stops SabiScore.");
        stop.await();
        out.println("stopping SabiScore...");
        stop.closeNow();
        out.println("SabiScore stopped");
        return 0;
    }

    private void replayHistory(AppConfig config, List<HistoricalMatch> matches, HistoryReplay.Mode mode, SabiScoreApp app) {
        try {
            HistoryReplay.publish(config, matches, replayOptions.fixtureLead, mode, app.replayProgress(), out);
        } catch (RuntimeException e) {
            // the instance keeps serving what it has; /ready shows the replay as failed
            LOG.warn("the history replay failed", e);
            out.println("the history replay failed: " + e.getMessage() + " (the app keeps serving; restart it to resume the replay)");
        }
    }

    private void printUrls(int httpPort, String exampleFixture) {
        String base = "http://localhost:" + httpPort;
        out.println("Open " + base + "/ in a browser for the live page, " + base + "/docs for the API.");
        out.println("Try:");
        out.println("  " + base + "/health   " + base + "/ready   " + base + "/metrics");
        if (exampleFixture != null) {
            out.println("  " + base + "/api/v1/predictions/" + URLEncoder.encode(exampleFixture, StandardCharsets.UTF_8).replace("+", "%20"));
            String competition = exampleFixture.substring(0, exampleFixture.indexOf(':'));
            out.println("  " + base + "/api/v1/predictions?competition=" + competition);
        }
        out.println("  " + base + "/api/v1/teams/E0/Arsenal");
        out.println("  curl -s -X POST " + base + "/api/v1/predict -H 'Content-Type: application/json' \\");
        out.println("       -d '{\"home_team\":\"Arsenal\",\"away_team\":\"Chelsea\",\"league\":\"Premier League\",\"kickoff_time\":\"2024-12-01T16:30:00Z\"}'");
    }
}
