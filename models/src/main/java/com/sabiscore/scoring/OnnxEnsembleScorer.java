package com.sabiscore.scoring;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.sabiscore.onnx.ModelMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores feature rows with one exported ensemble head in ONNX Runtime. The session is created once;
 * {@code OrtSession.run} is thread-safe, and for single rows each thread reuses its own input and
 * output tensors (allocated once, over direct buffers, so a call creates no native objects), so one
 * scorer serves every caller. Returns home/draw/away probabilities.
 *
 * <p>Closing waits for the calls still running: ONNX Runtime frees the session's native memory
 * without checking for them, and a call on a freed session kills the JVM (SIGSEGV). A call made
 * after the close is refused with {@link IllegalStateException}.
 */
public final class OnnxEnsembleScorer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OnnxEnsembleScorer.class);
    private static final int CLASSES = 3;
    /**
     * Longest a close waits for running calls (each takes microseconds). A caller stuck longer keeps
     * the session: its native memory is then left to the process's exit rather than freed under it.
     */
    private static final long CLOSE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long WAIT_STEP_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    /**
     * ONNX Runtime's environment and session set-up can overflow a default 1 MiB Java thread stack,
     * which kills the JVM with a bare SIGSEGV (seen under JMH and plain {@code java}); loading runs
     * on a thread with this much stack instead. Scoring itself is fine on any thread.
     */
    private static final long LOADER_STACK_BYTES = 16L << 20;

    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final List<String> featureNames;
    private final Map<String, String> metadata;
    private final Set<String> outputs = Set.of(ModelMetadata.OUTPUT);
    private final ThreadLocal<SingleRow> singleRow;
    /** Every thread's single-row tensors, closed with the scorer. */
    private final Queue<SingleRow> singleRows = new ConcurrentLinkedQueue<>();
    /** Calls inside the session now; a striped counter, so parallel callers do not contend on it. */
    private final LongAdder running = new LongAdder();
    private final String source;
    private volatile boolean closed;

    private OnnxEnsembleScorer(String source, byte[] model, List<String> expectedFeatures) {
        this.source = source;
        try {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            // one thread per call: single fixtures are far too small to split, and callers run in parallel themselves
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            // idle ORT threads must not spin: on 2 shared cores a spinning pool steals CPU from the stream
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.addConfigEntry("session.inter_op.allow_spinning", "0");
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            this.session = environment.createSession(model, options);
            this.metadata = Map.copyOf(session.getMetadata().getCustomMetadata());
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load ONNX model " + source, e);
        }
        String names = metadata.get(ModelMetadata.FEATURE_NAMES);
        if (names == null) {
            close();
            throw new IllegalStateException("model " + source + " has no " + ModelMetadata.FEATURE_NAMES + " metadata");
        }
        this.featureNames = names.isEmpty() ? List.of() : List.of(names.split(","));
        try {
            checkShape(source, featureNames.size());
            FeatureListMismatchException.check(source, featureNames, expectedFeatures);
        } catch (IllegalStateException e) {
            close();
            throw e;
        }
        this.singleRow = ThreadLocal.withInitial(this::newSingleRow);
    }

    /** The graph must take float [N, features] and give float [N, 3], whatever rows and columns it was exported for. */
    private void checkShape(String source, int features) {
        try {
            requireFloatMatrix(source, "input", session.getInputInfo().get(ModelMetadata.INPUT), ModelMetadata.INPUT, features);
            requireFloatMatrix(source, "output", session.getOutputInfo().get(ModelMetadata.OUTPUT), ModelMetadata.OUTPUT, CLASSES);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot read the inputs and outputs of ONNX model " + source, e);
        }
    }

    private static void requireFloatMatrix(String source, String role, NodeInfo node, String name, int columns) {
        if (node == null) {
            throw new ModelShapeException("model " + source + " has no " + role + " '" + name + "'");
        }
        if (!(node.getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.FLOAT
                || tensor.getShape().length != 2 || (tensor.getShape()[1] != columns && tensor.getShape()[1] >= 0)) {
            throw new ModelShapeException("model " + source + " " + role + " '" + name + "' is " + describe(node)
                    + ", expected float [N, " + columns + "]");
        }
    }

    /** E.g. {@code float [N, 2]}: a symbolic dimension shows as N. */
    private static String describe(NodeInfo node) {
        if (!(node.getInfo() instanceof TensorInfo tensor)) {
            return "not a tensor";
        }
        return tensor.type.name().toLowerCase(Locale.ROOT) + " " + Arrays.toString(
                Arrays.stream(tensor.getShape()).mapToObj(d -> d < 0 ? "N" : String.valueOf(d)).toArray());
    }

    /**
     * One thread's tensors for single-row calls. The tensors wrap direct buffers without copying,
     * so writing the buffer is writing the input, and ORT writes the pinned output in place.
     */
    private record SingleRow(FloatBuffer input, FloatBuffer output, Map<String, OnnxTensor> inputs,
                             Map<String, OnnxTensor> outputs) {
    }

    private SingleRow newSingleRow() {
        FloatBuffer input = directBuffer(featureNames.size());
        FloatBuffer output = directBuffer(CLASSES);
        try {
            OnnxTensor inputTensor = OnnxTensor.createTensor(environment, input, new long[] {1, featureNames.size()});
            OnnxTensor outputTensor = OnnxTensor.createTensor(environment, output, new long[] {1, CLASSES});
            SingleRow row = new SingleRow(input, output, Map.of(ModelMetadata.INPUT, inputTensor),
                    Map.of(ModelMetadata.OUTPUT, outputTensor));
            singleRows.add(row);
            return row;
        } catch (OrtException e) {
            throw new IllegalStateException("cannot create ONNX tensors", e);
        }
    }

    /** Loads a model file and checks it takes exactly {@code expectedFeatures}, in order. */
    public static OnnxEnsembleScorer fromPath(Path model, List<String> expectedFeatures) {
        try {
            return load(model.toString(), Files.readAllBytes(model), expectedFeatures);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model " + model, e);
        }
    }

    /** Loads a model packaged on the classpath, e.g. {@code sabiscore-odds.onnx} at the jar root. */
    public static OnnxEnsembleScorer fromClasspath(String resource, List<String> expectedFeatures) {
        try (InputStream in = OnnxEnsembleScorer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no model resource " + resource + " on the classpath");
            }
            return load("classpath:" + resource, in.readAllBytes(), expectedFeatures);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model resource " + resource, e);
        }
    }

    public static OnnxEnsembleScorer fromBytes(String name, byte[] model, List<String> expectedFeatures) {
        return load(name, model, expectedFeatures);
    }

    private static OnnxEnsembleScorer load(String source, byte[] model, List<String> expectedFeatures) {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread loader = new Thread(null, () -> {
            try {
                outcome.set(new OnnxEnsembleScorer(source, model, expectedFeatures));
            } catch (RuntimeException | Error e) {
                outcome.set(e);
            }
        }, "onnx-session-loader", LOADER_STACK_BYTES);
        loader.start();
        try {
            loader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading model " + source, e);
        }
        Object result = outcome.get();
        if (result instanceof RuntimeException e) {
            throw e;
        }
        if (result instanceof Error e) {
            throw e;
        }
        return (OnnxEnsembleScorer) result;
    }

    /** Home, draw and away probabilities of one feature row. */
    public float[] score(float[] features) {
        requireWidth(features);
        enter();
        try {
            SingleRow row = singleRow.get();
            row.input().put(0, features);
            try (OrtSession.Result ignored = session.run(row.inputs(), row.outputs())) {
                float[] probabilities = new float[CLASSES];
                row.output().get(0, probabilities);
                return probabilities;
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX scoring failed", e);
            }
        } finally {
            running.decrement();
        }
    }

    /** Counts a call in, unless closed; the caller counts it out. */
    private void enter() {
        running.increment();
        // read after the increment: a close that set the flag before this read waits for the call counted above
        if (closed) {
            running.decrement();
            throw new IllegalStateException("model " + source + " is closed");
        }
    }

    /** Probabilities of many rows in one session run, [rows][3]. */
    public float[][] scoreBatch(float[][] rows) {
        if (rows.length == 0) {
            return new float[0][];
        }
        if (rows.length == 1) {
            // every on-demand HTTP miss: the thread's pinned tensors, instead of a direct buffer to allocate, register
            // with a Cleaner and free after the next GC for each call
            return new float[][] {score(rows[0])};
        }
        FloatBuffer buffer = directBuffer(rows.length * featureNames.size());
        for (float[] row : rows) {
            requireWidth(row);
            buffer.put(row);
        }
        buffer.flip();
        return run(buffer, rows.length);
    }

    private float[][] run(FloatBuffer input, int rows) {
        enter();
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, input, new long[] {rows, featureNames.size()});
             OrtSession.Result result = session.run(Map.of(ModelMetadata.INPUT, tensor), outputs)) {
            FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[][] probabilities = new float[rows][CLASSES];
            for (int i = 0; i < rows; i++) {
                out.get(probabilities[i]);
            }
            return probabilities;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX scoring failed", e);
        } finally {
            running.decrement();
        }
    }

    private void requireWidth(float[] row) {
        if (row.length != featureNames.size()) {
            throw new IllegalArgumentException("expected " + featureNames.size() + " features, got " + row.length);
        }
    }

    private static FloatBuffer directBuffer(int floats) {
        return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    public List<String> featureNames() {
        return featureNames;
    }

    /** The model's version, or {@code unknown} when it carries none. */
    public String modelVersion() {
        return metadata.getOrDefault(ModelMetadata.MODEL_VERSION, "unknown");
    }

    /** {@code with_odds} or {@code without_odds}, as stamped at export. */
    public String head() {
        return metadata.getOrDefault(ModelMetadata.HEAD, "unknown");
    }

    /** All metadata_props of the model. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Refuses new calls, waits for the running ones, then frees the session; closing again does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long deadline = System.nanoTime() + CLOSE_WAIT_NANOS;
        while (running.sum() > 0) {
            if (System.nanoTime() - deadline > 0) {
                LOG.warn("model {} still has calls running after {} ms: its ONNX session is left to the process's exit",
                        source, TimeUnit.NANOSECONDS.toMillis(CLOSE_WAIT_NANOS));
                return;
            }
            LockSupport.parkNanos(WAIT_STEP_NANOS);
        }
        for (SingleRow row = singleRows.poll(); row != null; row = singleRows.poll()) {
            row.inputs().values().forEach(OnnxTensor::close);
            row.outputs().values().forEach(OnnxTensor::close);
        }
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close ONNX session", e);
        }
    }

    @Override
    public String toString() {
        return "OnnxEnsembleScorer[" + head() + " " + modelVersion() + ", features=" + Arrays.toString(featureNames.toArray()) + "]";
    }
}
