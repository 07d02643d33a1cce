package io.tipring.vad.silero.internal;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One loaded Silero VAD model: an ONNX Runtime session that every stream's detector runs (a session's
 * {@code run} is thread-safe), each with its own state.
 * <p>
 * The interface is that of Silero VAD v5 and v6 (silero-vad's {@code utils_vad.py}, {@code OnnxWrapper}), checked
 * when the model loads: inputs {@code input} (float [1, context + window]), {@code state} (float [2, 1, 128]) and
 * {@code sr} (int64, the rate), outputs {@code output} (float [1, 1], the probability of speech) and
 * {@code stateN} (the next state). It judges windows of 512 samples at 16 kHz or 256 at 8 kHz, each preceded by
 * the last 64 (at 8 kHz 32) samples of the window before. The legacy model (v4, with {@code h} and {@code c}
 * states and other window sizes) is refused.
 * <p>
 * The session runs on the caller's thread (one intra-op thread, no inter-op pool): a window costs tens of
 * microseconds and a thread hand-off would cost as much. Closing waits for runs under way and fails later ones.
 */
final class SileroModel implements AutoCloseable {

    static final String INPUT = "input";
    static final String STATE = "state";
    static final String RATE = "sr";
    static final String OUTPUT = "output";
    static final String NEXT_STATE = "stateN";
    static final int STATE_SIZE = 2 * 128;
    static final long[] STATE_SHAPE = {2, 1, 128};
    static final String EMBEDDED = "silero_vad_v5.onnx";

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String description;
    /** Runs share it; closing takes it alone, so that no run uses a session being freed. */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private SileroModel(OrtEnvironment environment, OrtSession session, String description) {
        this.environment = environment;
        this.session = session;
        this.description = description;
    }

    /**
     * @param modelPath a model file, or empty for the model inside the bundle
     * @return the model, loaded and checked
     * @throws IOException              if the file cannot be read
     * @throws OrtException             if ONNX Runtime cannot load it
     * @throws IllegalArgumentException if it is not a Silero VAD v5/v6 model
     */
    static SileroModel load(String modelPath) throws IOException, OrtException {
        byte[] bytes;
        String source;
        if (modelPath.isBlank()) {
            try (InputStream in = SileroModel.class.getResourceAsStream(EMBEDDED)) {
                if (in == null) {
                    throw new IOException("the bundle has no " + EMBEDDED);
                }
                bytes = in.readAllBytes();
            }
            source = EMBEDDED + " (embedded)";
        } else {
            Path path = Path.of(modelPath.strip());
            bytes = Files.readAllBytes(path);
            source = path.toString();
        }
        // The environment is ONNX Runtime's own singleton (its close() does nothing; a shutdown hook frees it).
        OrtEnvironment environment = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING,
                "tipring-silero");
        OrtSession session;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // With one thread there is no pool to spin, but say so in case ONNX Runtime makes one anyway.
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            session = environment.createSession(bytes, options);
        }
        try {
            check(session);
        } catch (IllegalArgumentException | OrtException e) {
            session.close();
            throw e;
        }
        return new SileroModel(environment, session, source + ", ONNX Runtime " + environment.getVersion());
    }

    /** Refuses a model whose inputs and outputs are not Silero v5/v6's. */
    private static void check(OrtSession session) throws OrtException {
        Map<String, NodeInfo> inputs = session.getInputInfo();
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        if (inputs.containsKey("h") && inputs.containsKey("c")) {
            throw new IllegalArgumentException("this is the legacy Silero VAD model (v4, h and c states); "
                    + "use v5 or v6");
        }
        if (!inputs.keySet().equals(Set.of(INPUT, STATE, RATE))
                || !outputs.keySet().containsAll(Set.of(OUTPUT, NEXT_STATE))) {
            throw new IllegalArgumentException("not a Silero VAD v5/v6 model: inputs " + inputs.keySet()
                    + ", outputs " + outputs.keySet() + "; expected inputs [input, state, sr], outputs "
                    + "[output, stateN]");
        }
        expect(inputs.get(INPUT), OnnxJavaType.FLOAT, 2);
        expect(inputs.get(STATE), OnnxJavaType.FLOAT, 3);
        expect(inputs.get(RATE), OnnxJavaType.INT64, -1);
        expect(outputs.get(OUTPUT), OnnxJavaType.FLOAT, 2);
        long[] state = ((TensorInfo) inputs.get(STATE).getInfo()).getShape();
        if (state[0] != 2 || state[2] != 128) {
            throw new IllegalArgumentException("the model's state is " + Arrays.toString(state)
                    + ", not [2, batch, 128]");
        }
    }

    private static void expect(NodeInfo node, OnnxJavaType type, int rank) {
        if (!(node.getInfo() instanceof TensorInfo info) || info.type != type
                || (rank >= 0 && info.getShape().length != rank)) {
            throw new IllegalArgumentException("the model's " + node.getName() + " is " + node.getInfo()
                    + ", expected a " + type + " tensor" + (rank >= 0 ? " of rank " + rank : ""));
        }
    }

    /** @return the model file and the ONNX Runtime version, for logs */
    String description() {
        return description;
    }

    /**
     * The tensors of one stream: its window with context, its state and its rate, in direct buffers that the
     * tensors share (ONNX Runtime reads them in place), so a run allocates nothing of its own but the result.
     */
    final class Stream implements AutoCloseable {

        private final int rate;
        private final FloatBuffer input;
        private final FloatBuffer state;
        private final OnnxTensor inputTensor;
        private final OnnxTensor stateTensor;
        private final OnnxTensor rateTensor;
        private final Map<String, OnnxTensor> inputs;
        private final Set<String> wanted = Set.of(OUTPUT, NEXT_STATE);

        /**
         * @param rate    8000 or 16000
         * @param samples the context and the window, in samples
         */
        private Stream(int rate, int samples) throws OrtException {
            this.rate = rate;
            input = direct(samples);
            state = direct(STATE_SIZE);
            LongBuffer sr = ByteBuffer.allocateDirect(Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
            sr.put(0, rate);
            OnnxTensor in = null;
            OnnxTensor st = null;
            try {
                in = OnnxTensor.createTensor(environment, input, new long[] {1, samples});
                st = OnnxTensor.createTensor(environment, state, STATE_SHAPE);
                rateTensor = OnnxTensor.createTensor(environment, sr, new long[0]);
            } catch (OrtException e) {
                if (in != null) {
                    in.close();
                }
                if (st != null) {
                    st.close();
                }
                throw e;
            }
            inputTensor = in;
            stateTensor = st;
            inputs = Map.of(INPUT, inputTensor, STATE, stateTensor, RATE, rateTensor);
        }

        /** @return the window with its context, to fill before {@link #run()} */
        FloatBuffer input() {
            return input;
        }

        /**
         * Runs the model on the input, and keeps the state it leaves for the next window.
         *
         * @return the probability that the window is speech
         * @throws OrtException          if ONNX Runtime fails
         * @throws IllegalStateException if the model was closed
         */
        float run() throws OrtException {
            // The speech thread must not wait: a model being closed has nothing more to say.
            if (!lock.readLock().tryLock()) {
                throw new IllegalStateException("the Silero model is closing");
            }
            try {
                if (closed) {
                    throw new IllegalStateException("the Silero model is closed");
                }
                try (OrtSession.Result result = session.run(inputs, wanted)) {
                    FloatBuffer next = ((OnnxTensor) result.get(NEXT_STATE).orElseThrow()).getFloatBuffer();
                    if (next.remaining() != STATE_SIZE) {
                        throw new IllegalStateException("the model's stateN has " + next.remaining()
                                + " values, not " + STATE_SIZE);
                    }
                    state.put(0, next, next.position(), STATE_SIZE);
                    return ((OnnxTensor) result.get(OUTPUT).orElseThrow()).getFloatBuffer().get(0);
                }
            } finally {
                lock.readLock().unlock();
            }
        }

        int rate() {
            return rate;
        }

        @Override
        public void close() {
            inputTensor.close();
            stateTensor.close();
            rateTensor.close();
        }
    }

    /**
     * @param rate    8000 or 16000
     * @param samples the context and the window, in samples
     * @return a new stream's tensors, to close when it ends
     * @throws OrtException if ONNX Runtime cannot make them
     */
    Stream stream(int rate, int samples) throws OrtException {
        if (rate != 8000 && rate != 16000) {
            throw new IllegalArgumentException("Silero VAD runs at 8000 or 16000 Hz, not " + rate);
        }
        return new Stream(rate, samples);
    }

    private static FloatBuffer direct(int floats) {
        return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** Waits for the runs under way (a window takes well under a millisecond), then frees the session. */
    @Override
    public void close() throws OrtException {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            session.close();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
