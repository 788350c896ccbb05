package com.sabiscore.progress;

import com.sabiscore.config.AppConfig;
import java.util.List;
import java.util.Locale;

/**
 * How far this instance's history replay and the stream are, as {@code /ready} shows it. An
 * instance serves as soon as its stream runs, but until {@code caught_up} its answers may lack the
 * newest events: the report says so instead of looking done.
 */
public final class PipelineProgress implements AutoCloseable {

    /**
     * @param replay          the replay's phase ({@code none}: this instance does not replay)
     * @param replayPublished history events on the broker
     * @param replayTotal     history events to publish
     * @param replayError     why the replay failed, or null
     * @param streamBehind    input events the application has not processed yet (-1: not known yet)
     * @param caughtUp        the replay is done (or none) and every input event is processed
     */
    public record Report(String replay, long replayPublished, long replayTotal, String replayError, long streamBehind,
                         boolean caughtUp) {
    }

    private final ReplayProgress replay;
    private final StreamCatchUp stream;

    PipelineProgress(ReplayProgress replay, StreamCatchUp stream) {
        this.replay = replay;
        this.stream = stream;
    }

    /** Starts watching the application's input lag; {@code config} must name the Kafka cluster. */
    public static PipelineProgress watch(AppConfig config, ReplayProgress replay) {
        return new PipelineProgress(replay, new StreamCatchUp(config.adminProperties(), config.applicationId(),
                List.of(config.fixturesTopic(), config.resultsTopic()), config.topicPartitions(), replay));
    }

    /** Where the history replay reports its progress. */
    public ReplayProgress replay() {
        return replay;
    }

    public Report report() {
        ReplayProgress.Snapshot history = replay.snapshot();
        StreamCatchUp.Snapshot lag = stream.snapshot();
        return new Report(history.phase().name().toLowerCase(Locale.ROOT), history.published(), history.total(),
                history.error(), lag.behind(), lag.caughtUp());
    }

    @Override
    public void close() {
        stream.close();
    }
}
