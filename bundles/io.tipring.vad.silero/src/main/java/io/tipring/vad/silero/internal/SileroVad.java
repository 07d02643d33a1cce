package io.tipring.vad.silero.internal;

import ai.onnxruntime.OrtException;
import io.tipring.api.media.Resampler;
import io.tipring.api.media.Resamplers;
import io.tipring.api.speech.SpeechProvider;
import io.tipring.api.speech.VadProvider;
import io.tipring.api.speech.VadRequest;
import io.tipring.api.speech.VoiceDetector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The voice activity detector {@code "silero"}: the Silero VAD neural model (v5, from the npm package
 * {@code @ricky0123/vad-web}, inside the bundle; or another v5/v6 file) run by ONNX Runtime on the speech thread that judges the call's frames,
 * one 32 ms window at a time ({@link SileroVoiceDetector}). Unlike the {@code energy} VAD it tells a voice from
 * other sounds, and keeps doing so in steady noise, at tens of microseconds per frame.
 * <p>
 * It registers with a {@code service.ranking} of 10, above the energy VAD's 0, so that requests naming no VAD get
 * it when it is installed. The request's options are not used.
 * <p>
 * The embedded model loads on a thread of its own once the component is activated, so that Felix's start-level
 * thread, which starts every bundle one after another, does not wait for ONNX Runtime's native library and the
 * model's session (about 0.2 s); a stream asked for before that waits for it. A model file the operator names is
 * loaded at activation, so that a wrong file fails it. A change of the model file loads the new one, and streams already open finish with the old one, which is freed
 * with its last stream. Deactivation closes every stream's detector (their later frames count as silence) and
 * frees the models.
 */
@Component(service = VadProvider.class, configurationPid = SileroVad.PID,
        property = {SpeechProvider.NAME + "=" + SileroVad.NAME, "service.ranking:Integer=10"})
@Designate(ocd = SileroVadConfig.class)
public final class SileroVad implements VadProvider {

    static final String PID = "io.tipring.vad.silero";
    static final String NAME = "silero";
    /** The rate the model is given audio at when the stream's rate is neither 8 nor 16 kHz. */
    static final int MODEL_RATE = 16000;
    /** The longest a stream waits for the model to load after activation (it takes about 0.2 s). */
    static final int LOAD_WAIT_SECONDS = 30;

    /** The stack of the threads that load models: what Linux gives a native thread (ulimit -s). */
    static final long NATIVE_STACK_BYTES = 8L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(SileroVad.class);

    private final Resamplers resamplers;
    private final Object lock = new Object();
    /** Every model still in use, with its open detectors; the current one may have none. */
    private final Map<SileroModel, Set<SileroVoiceDetector>> models = new HashMap<>();
    /** The model new streams use; null until the embedded one has loaded, or if it failed to. */
    private SileroModel current;
    /** The activation's model: loading, loaded, or failed. */
    private final CompletableFuture<SileroModel> firstLoad = new CompletableFuture<>();
    private String modelPath;
    private double threshold;
    private boolean stopped;

    /**
     * @param resamplers convert streams at rates other than 8 and 16 kHz to 16 kHz
     * @param config     the settings
     * @throws IllegalArgumentException if a setting is out of range or the model is not a Silero v5/v6 model
     * @throws IllegalStateException    if the model cannot be read or loaded
     */
    @Activate
    public SileroVad(@Reference Resamplers resamplers, SileroVadConfig config) {
        this.resamplers = resamplers;
        this.threshold = threshold(config);
        this.modelPath = config.modelPath().strip();
        if (modelPath.isEmpty()) {
            // At the lowest priority (bin/tipring maps it to nice 4): the server's start comes first.
            loadOnOwnThread("", Thread.MIN_PRIORITY).whenComplete((model, failure) -> {
                if (failure == null) {
                    firstLoad.complete(adopt(model));
                } else {
                    LOG.error("Silero VAD: the embedded model did not load; VAD requests for silero fail", failure);
                    firstLoad.completeExceptionally(failure);
                }
            });
        } else {
            firstLoad.complete(adopt(loadAndWait(modelPath)));
        }
    }

    /** Makes a loaded model the current one, unless the provider stopped meanwhile. */
    private SileroModel adopt(SileroModel model) {
        synchronized (lock) {
            if (!stopped) {
                current = model;
                models.put(model, new HashSet<>());
                LOG.info("Silero VAD ready: {}, threshold {}", model.description(), threshold);
                return model;
            }
        }
        closeQuietly(model);
        return model;
    }

    /** Waits for the activation's model, the first time a stream or a new setting needs it. */
    private void awaitFirstModel() {
        try {
            firstLoad.get(LOAD_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the Silero VAD model did not load: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the Silero VAD model is still loading", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the Silero VAD model loads", e);
        }
    }

    /**
     * Applies new settings to the streams opened from now on; a new model file is loaded first, and the old model
     * is freed when its last stream ends.
     *
     * @param config the settings
     * @throws IllegalArgumentException if a setting is out of range (the previous ones stay)
     * @throws IllegalStateException    if the new model cannot be loaded (the previous one stays)
     */
    @Modified
    void modified(SileroVadConfig config) {
        firstLoad.exceptionally(failed -> null).join();
        double newThreshold = threshold(config);
        String newPath = config.modelPath().strip();
        SileroModel retired = null;
        SileroModel loaded = newPath.equals(modelPath) ? null : loadAndWait(newPath);
        synchronized (lock) {
            if (stopped) {
                closeQuietly(loaded);
                return;
            }
            threshold = newThreshold;
            if (loaded != null) {
                modelPath = newPath;
                SileroModel old = current;
                current = loaded;
                models.put(loaded, new HashSet<>());
                if (old != null && models.get(old).isEmpty()) {
                    models.remove(old);
                    retired = old;
                }
            }
        }
        closeQuietly(retired);
        LOG.info("Silero VAD reconfigured: {}, threshold {}",
                current == null ? "no model" : current.description(), newThreshold);
    }

    /** Closes every detector still open (their frames count as silence from then on) and frees the models. */
    @Deactivate
    public void stop() {
        List<SileroVoiceDetector> open = new ArrayList<>();
        List<SileroModel> all;
        synchronized (lock) {
            stopped = true;
            models.values().forEach(open::addAll);
            all = new ArrayList<>(models.keySet());
            models.clear();
        }
        open.forEach(SileroVoiceDetector::close);
        all.forEach(SileroVad::closeQuietly);
        LOG.info("Silero VAD stopped; streams it ended: {}", open.size());
    }

    /**
     * @throws IllegalStateException if the provider was stopped or ONNX Runtime cannot make the stream's tensors
     */
    @Override
    public VoiceDetector create(VadRequest request) {
        awaitFirstModel();
        int rate = request.sampleRate() == 8000 ? 8000 : MODEL_RATE;
        Resampler resampler = request.sampleRate() == rate ? null : resamplers.create(request.sampleRate(), rate);
        synchronized (lock) {
            if (stopped) {
                throw new IllegalStateException("the Silero VAD was stopped");
            }
            SileroModel model = current;
            if (model == null) {
                throw new IllegalStateException("the Silero VAD has no model");
            }
            SileroModel.Stream stream;
            try {
                stream = model.stream(rate, SileroVoiceDetector.contextSamples(rate)
                        + SileroVoiceDetector.windowSamples(rate));
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime could not make a Silero VAD stream: " + e.getMessage(),
                        e);
            }
            SileroVoiceDetector detector = new SileroVoiceDetector(stream, resampler, threshold,
                    request.aggressiveness(), closed -> ended(model, closed));
            models.get(model).add(detector);
            return detector;
        }
    }

    /** Forgets a closed detector, and frees its model if that was replaced and this was its last stream. */
    private void ended(SileroModel model, SileroVoiceDetector detector) {
        boolean retire = false;
        synchronized (lock) {
            Set<SileroVoiceDetector> open = models.get(model);
            if (open != null && open.remove(detector) && open.isEmpty() && model != current) {
                models.remove(model);
                retire = true;
            }
        }
        if (retire) {
            closeQuietly(model);
        }
    }

    /** For tests: how many streams are open. */
    int openStreams() {
        synchronized (lock) {
            return models.values().stream().mapToInt(Set::size).sum();
        }
    }

    /** For tests: how many models are loaded. */
    int loadedModels() {
        synchronized (lock) {
            return models.size();
        }
    }

    private static double threshold(SileroVadConfig config) {
        double threshold = config.threshold();
        if (!(threshold >= 0.01 && threshold <= 0.99)) {
            throw new IllegalArgumentException("threshold must be 0.01 to 0.99: " + threshold);
        }
        return threshold;
    }

    /**
     * Loads a model on a thread of its own with a native thread's stack: ONNX Runtime's initialisation overflowed a
     * Java thread's (-Xss, even 1 MiB), which kills the process without a word.
     */
    private static CompletableFuture<SileroModel> loadOnOwnThread(String path, int priority) {
        CompletableFuture<SileroModel> loaded = new CompletableFuture<>();
        Thread.ofPlatform().name("tipring-silero-load").daemon().priority(priority).stackSize(NATIVE_STACK_BYTES)
                .start(() -> {
                    try {
                        loaded.complete(load(path));
                    } catch (RuntimeException | LinkageError e) {
                        loaded.completeExceptionally(e);
                    }
                });
        return loaded;
    }

    private static SileroModel loadAndWait(String path) {
        try {
            return loadOnOwnThread(path, Thread.NORM_PRIORITY).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw (LinkageError) e.getCause();
        }
    }

    private static SileroModel load(String path) {
        try {
            return SileroModel.load(path);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the Silero VAD model "
                    + (path.isEmpty() ? SileroModel.EMBEDDED : path) + ": " + e, e);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load the Silero VAD model "
                    + (path.isEmpty() ? SileroModel.EMBEDDED : path) + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(SileroModel model) {
        if (model == null) {
            return;
        }
        try {
            model.close();
        } catch (OrtException e) {
            LOG.warn("Silero VAD: ONNX Runtime failed to free a model", e);
        }
    }
}
