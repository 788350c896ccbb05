package com.sabiscore.serving;

import ai.onnxruntime.OrtException;
import com.sabiscore.features.FeatureEngine;
import com.sabiscore.prediction.FixturePredictor;
import com.sabiscore.scoring.FeatureListMismatchException;
import com.sabiscore.scoring.FixtureScorer;
import com.sabiscore.scoring.ModelShapeException;
import com.sabiscore.scoring.OnnxEnsembleScorer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models this instance predicts with, switched while it runs: a champion, whose forecasts are
 * published and answered, and at most one challenger scored beside it on every fixture. Until a
 * published release is named, the champion is the instance's own model (the fallback: the models
 * on the classpath or in {@code model.dir}).
 *
 * <p>Every use takes the whole {@link #lineup()} once (one volatile read), so a fixture is scored
 * by one set of models even while another is installed. A release is checked before it serves:
 * ONNX Runtime must load both heads, their input must be exactly the engine's features and their
 * output three probabilities, a trial row must give probabilities, and their metadata must name the
 * release's version. A release that fails is refused (logged, reported to the listeners) and what
 * served keeps serving. A model taken out of service is closed only after a grace period, so a call
 * that took the old lineup just before the switch still finishes on an open ONNX session.
 *
 * <p>Thread-safe: reads never lock; changes are serialised.
 */
public final class ServingModels implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServingModels.class);
    /** Refusals kept for {@link #refusals()}: the recent ones are what an operator looks for. */
    private static final int REFUSALS_KEPT = 10;
    /** A trial row's probabilities must sum to 1 within this (float softmax output). */
    private static final double SUM_TOLERANCE = 1e-3;

    /** What a listener hears: a new lineup serving, a release refused. */
    public interface Listener {

        default void lineupChanged(Lineup lineup) {
        }

        default void refused(ModelRefusedException refusal) {
        }
    }

    private final ServedModel fallback;
    private final Duration closeGrace;
    private final ModelScoreboard scoreboard = new ModelScoreboard();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile Lineup lineup;
    /** Guarded by this: the refused release of each version, so the same record is not loaded again. */
    private final Map<String, ModelRelease> refusedReleases = new HashMap<>();
    private final Deque<ModelRefusedException> refusals = new ArrayDeque<>();
    /** Guarded by this: models out of service whose close is scheduled. */
    private final Set<ServedModel> retiring = new HashSet<>();
    private ScheduledExecutorService closer;
    private boolean closed;

    /**
     * @param fallback   the instance's own model, champion until a published one is named; owned from now on
     * @param closeGrace how long a model out of service stays open for calls still running on it
     */
    public ServingModels(ServedModel fallback, Duration closeGrace) {
        this.fallback = fallback;
        this.closeGrace = closeGrace;
        this.lineup = new Lineup(fallback, null);
    }

    /** One predictor as the only model, never switched unless {@link #adopt} is called; closing closes it. */
    public static ServingModels serving(FixturePredictor predictor) {
        return new ServingModels(ServedModel.of(predictor, "given"), Duration.ZERO);
    }

    /** The models serving now: take it once per unit of work. */
    public Lineup lineup() {
        return lineup;
    }

    /** The champion's predictor now, for work that needs no challenger. */
    public FixturePredictor champion() {
        return lineup.champion().predictor();
    }

    /** The instance's own model, champion until a published one is named. */
    public ServedModel fallback() {
        return fallback;
    }

    public ModelScoreboard scoreboard() {
        return scoreboard;
    }

    /** The latest refusals, newest first. */
    public synchronized List<ModelRefusedException> refusals() {
        return List.copyOf(refusals);
    }

    /** Adds a listener; it hears of changes from now on. */
    public void listen(Listener listener) {
        listeners.add(listener);
    }

    /**
     * Serves the versions named, loading and checking each one not serving already. A version not
     * among {@code releases} yet (its record has not arrived) leaves that role as it is, and so does
     * a refused one; a release refused once is not loaded again until another record of its
     * version arrives.
     *
     * @param championVersion   null: the fallback
     * @param challengerVersion null (or the champion's version): no challenger
     * @param releases          every release published, by version
     * @return the lineup serving when the call returns
     */
    public synchronized Lineup adopt(String championVersion, String challengerVersion, Map<String, ModelRelease> releases) {
        if (closed) {
            return lineup;
        }
        Lineup current = lineup;
        ServedModel champion = championVersion == null ? fallback
                : modelFor(championVersion, current, releases).orElse(current.champion());
        ServedModel challenger = null;
        if (challengerVersion != null && !challengerVersion.equals(champion.version())) {
            challenger = modelFor(challengerVersion, current, releases).orElse(current.challenger());
        }
        if (challenger != null && challenger.version().equals(champion.version())) {
            challenger = null;
        }
        serve(new Lineup(champion, challenger));
        return lineup;
    }

    private Optional<ServedModel> modelFor(String version, Lineup current, Map<String, ModelRelease> releases) {
        for (ServedModel model : current.models()) {
            if (model.version().equals(version)) {
                return Optional.of(model);
            }
        }
        ModelRelease release = releases.get(version);
        if (release == null || refusedReleases.get(version) == release) {
            return Optional.empty();
        }
        try {
            ServedModel loaded = load(release);
            refusedReleases.remove(version);
            return Optional.of(loaded);
        } catch (ModelRefusedException refusal) {
            refusedReleases.put(version, release);
            refusals.addFirst(refusal);
            if (refusals.size() > REFUSALS_KEPT) {
                refusals.removeLast();
            }
            LOG.warn("{} (still serving {})", refusal.getMessage(), describe(current));
            listeners.forEach(listener -> listener.refused(refusal));
            return Optional.empty();
        }
    }

    private void serve(Lineup next) {
        Lineup previous = lineup;
        if (next.equals(previous)) {
            return;
        }
        lineup = next;
        for (ServedModel old : previous.models()) {
            if (!next.models().contains(old) && old != fallback) {
                retire(old);
            }
        }
        LOG.info("now serving {}", describe(next));
        listeners.forEach(listener -> listener.lineupChanged(next));
    }

    private static String describe(Lineup lineup) {
        String champion = "champion " + lineup.champion().version() + " (" + lineup.champion().source() + ")";
        return lineup.challengerModel().map(c -> champion + ", challenger " + c.version()).orElse(champion + ", no challenger");
    }

    private void retire(ServedModel model) {
        if (closer == null) {
            closer = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "retired-model-closer");
                thread.setDaemon(true);
                return thread;
            });
        }
        retiring.add(model);
        closer.schedule(() -> closeRetired(model), closeGrace.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void closeRetired(ServedModel model) {
        if (retiring.remove(model)) {
            model.predictor().close();
        }
    }

    /**
     * Loads and checks a release as {@link #adopt} would, without serving it: what a publisher runs
     * before publishing.
     *
     * @throws ModelRefusedException when it cannot serve
     */
    public void check(ModelRelease release) {
        load(release).predictor().close();
    }

    /**
     * Loads and checks a release with the fallback's engine and betting rules.
     *
     * @throws ModelRefusedException when it cannot serve here
     */
    ServedModel load(ModelRelease release) {
        FeatureEngine engine = fallback.predictor().engine();
        OnnxEnsembleScorer odds = loadHead(release, FixtureScorer.Head.WITH_ODDS, engine.featureNames(true));
        OnnxEnsembleScorer plain;
        try {
            plain = loadHead(release, FixtureScorer.Head.WITHOUT_ODDS, engine.featureNames(false));
        } catch (RuntimeException e) {
            odds.close();
            throw e;
        }
        FixtureScorer scorer = new FixtureScorer(odds, plain);
        try {
            tryOut(release.version(), scorer);
        } catch (RuntimeException e) {
            scorer.close();
            throw e;
        }
        return new ServedModel(release.version(), ServedModel.PUBLISHED, fallback.predictor().withScorer(scorer));
    }

    private static OnnxEnsembleScorer loadHead(ModelRelease release, FixtureScorer.Head head, List<String> features) {
        String version = release.version();
        String name = version + " " + head.wireName();
        OnnxEnsembleScorer scorer;
        try {
            scorer = OnnxEnsembleScorer.fromBytes(name, release.head(head).onnx(), features);
        } catch (FeatureListMismatchException e) {
            throw new ModelRefusedException(version, ModelRefusedException.Reason.FEATURES, e.getMessage(), e);
        } catch (ModelShapeException e) {
            throw new ModelRefusedException(version, ModelRefusedException.Reason.SHAPE, e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw unloadable(version, name, e);
        }
        if (!scorer.modelVersion().equals(version)) {
            scorer.close();
            throw new ModelRefusedException(version, ModelRefusedException.Reason.VERSION, "the " + head.wireName()
                    + " model's metadata says model_version " + scorer.modelVersion()
                    + ": publish with `model publish --version` to stamp the version into the models", null);
        }
        return scorer;
    }

    /** ONNX Runtime's error code and message tell corrupt bytes from a version it does not run. */
    private static ModelRefusedException unloadable(String version, String name, IllegalStateException e) {
        if (!(e.getCause() instanceof OrtException ort)) {
            // the only load failure without an ONNX Runtime cause: the model names no features
            return new ModelRefusedException(version, ModelRefusedException.Reason.FEATURES, e.getMessage(), e);
        }
        String detail = ort.getMessage() == null ? "" : ort.getMessage();
        ModelRefusedException.Reason reason;
        if (ort.getCode() == OrtException.OrtErrorCode.ORT_INVALID_PROTOBUF) {
            reason = ModelRefusedException.Reason.CORRUPT;
        } else if (detail.contains("opset") || detail.contains("IR version")) {
            reason = ModelRefusedException.Reason.OPSET;
        } else {
            reason = ModelRefusedException.Reason.UNLOADABLE;
        }
        return new ModelRefusedException(version, reason, "ONNX Runtime cannot load " + name + ": " + lastLine(detail), e);
    }

    /**
     * ONNX Runtime's message without its error-code prefix and, when it names the C++ function that
     * failed, without that: the reason is what follows.
     */
    private static String lastLine(String message) {
        String reason = message;
        int text = reason.indexOf("message: ");
        if (reason.startsWith("Error code") && text >= 0) {
            reason = reason.substring(text + "message: ".length());
        }
        int signatureEnd = reason.lastIndexOf(") ");
        if (reason.startsWith("/") && signatureEnd >= 0) {
            reason = reason.substring(signatureEnd + 2);
        }
        return reason.strip().replaceAll("\\s+", " ");
    }

    /** Each head scores a row of zeros: three finite probabilities summing to 1, or the release is refused. */
    private static void tryOut(String version, FixtureScorer scorer) {
        for (FixtureScorer.Head head : FixtureScorer.Head.values()) {
            OnnxEnsembleScorer model = scorer.scorer(head);
            float[] p;
            try {
                p = model.score(new float[model.featureNames().size()]);
            } catch (RuntimeException e) {
                throw new ModelRefusedException(version, ModelRefusedException.Reason.OUTPUT,
                        "the " + head.wireName() + " model fails on a trial row: " + e.getMessage(), e);
            }
            double sum = 0;
            boolean valid = p.length == 3;
            for (float v : p) {
                valid &= Float.isFinite(v) && v >= 0 && v <= 1;
                sum += v;
            }
            if (!valid || Math.abs(sum - 1) > SUM_TOLERANCE) {
                throw new ModelRefusedException(version, ModelRefusedException.Reason.OUTPUT, "the " + head.wireName()
                        + " model gives " + Arrays.toString(p) + " for a trial row, not three probabilities", null);
            }
        }
    }

    /** Closes every model, serving or retiring, and the fallback; later {@link #adopt} calls change nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (closer != null) {
            closer.shutdownNow();
        }
        Set<ServedModel> open = new HashSet<>(retiring);
        open.addAll(lineup.models());
        open.add(fallback);
        retiring.clear();
        open.forEach(model -> model.predictor().close());
    }
}
