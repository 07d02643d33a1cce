package io.tipring.asr.pocketsphinx.internal;

import io.tipring.api.media.Resamplers;
import io.tipring.api.speech.AsrProvider;
import io.tipring.api.speech.Recognition;
import io.tipring.api.speech.RecognitionListener;
import io.tipring.api.speech.RecognitionRequest;
import io.tipring.api.speech.SpeechError;
import io.tipring.api.speech.SpeechProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ASR provider {@code pocketsphinx}: pocketsphinx 5prealpha with its US English model (the Debian packages
 * {@code libpocketsphinx3} and {@code pocketsphinx-en-us}), offline and in the server's process through JNA. Each
 * recognition has a decoder thread of its own; loaded decoders are kept for the next ones.
 * <p>
 * The request's language must be empty or English ({@code en}, {@code en-US}, ...); its model and options are
 * ignored, since there is one model. Audio at any rate is resampled to the model's 16 kHz. Phone audio (8 kHz) has
 * nothing above 4 kHz, where the model still looks: expect noticeably worse results than from wideband audio.
 * <p>
 * A missing library or model fails each recognition with error 503 (and is logged once), never the server; so
 * does a recognition beyond {@code maxConcurrent}. Deactivation fails every recognition under way with error 503,
 * waits briefly for their threads, and frees every decoder.
 */
@Component(service = AsrProvider.class, configurationPid = PocketsphinxAsr.PID,
        property = SpeechProvider.NAME + "=" + PocketsphinxAsr.NAME)
@Designate(ocd = PocketsphinxConfig.class)
public final class PocketsphinxAsr implements AsrProvider {

    static final String PID = "io.tipring.asr.pocketsphinx";
    static final String NAME = "pocketsphinx";

    private static final Logger LOG = LoggerFactory.getLogger(PocketsphinxAsr.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(3);

    private final Resamplers resamplers;
    private final DecoderPool pool;
    private final Object lock = new Object();
    private final Set<SphinxRecognition> running = new HashSet<>();
    private volatile Settings settings;
    private boolean stopped;

    /**
     * Checks the settings only: the library and the model are loaded by the first recognition, so that a server
     * that never recognizes speech never pays for them.
     *
     * @param resamplers convert the call's audio to 16 kHz
     * @param config     the settings
     * @throws IllegalArgumentException if a setting is out of range
     */
    @Activate
    public PocketsphinxAsr(@Reference Resamplers resamplers, PocketsphinxConfig config) {
        this.resamplers = resamplers;
        this.settings = Settings.of(config);
        this.pool = new DecoderPool(settings.model(), settings.pooledDecoders());
        LOG.info("pocketsphinx ASR ready: {}{}", settings.describe(), warning(settings));
    }

    /**
     * Applies new settings to the recognitions started from now on; those under way keep theirs.
     *
     * @param config the settings
     * @throws IllegalArgumentException if a setting is out of range (the previous ones stay)
     */
    @Modified
    void modified(PocketsphinxConfig config) {
        Settings changed = Settings.of(config);
        settings = changed;
        pool.reconfigure(changed.model(), changed.pooledDecoders());
        LOG.info("pocketsphinx ASR reconfigured: {}{}", changed.describe(), warning(changed));
    }

    /** Fails every recognition under way with error 503, waits briefly for their threads, frees the decoders. */
    @Deactivate
    public void stop() {
        List<SphinxRecognition> left;
        synchronized (lock) {
            stopped = true;
            left = new ArrayList<>(running);
        }
        left.forEach(recognition -> recognition.abort(SphinxRecognition.STOPPED));
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        int lingering = 0;
        try {
            for (SphinxRecognition recognition : left) {
                if (!recognition.awaitEnd(deadline)) {
                    lingering++;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.close();
        if (lingering > 0) {
            LOG.warn("pocketsphinx ASR stopped, but {} decoder threads did not end within {} s; each frees its "
                    + "decoder when it does", lingering, STOP_WAIT.toSeconds());
        } else {
            LOG.info("pocketsphinx ASR stopped{}", left.isEmpty() ? "" : ", " + left.size() + " recognitions ended");
        }
    }

    @Override
    public Recognition start(RecognitionRequest request, RecognitionListener listener) {
        Settings current = settings;
        String language = request.language().strip().toLowerCase(Locale.ROOT);
        if (!language.isEmpty() && !language.equals("en") && !language.startsWith("en-")
                && !language.startsWith("en_")) {
            return Refusal.report(listener, new SpeechError("pocketsphinx recognizes English only (en-US), not "
                    + request.language(), SpeechError.BAD_REQUEST));
        }
        SphinxRecognition recognition;
        synchronized (lock) {
            if (stopped) {
                return Refusal.report(listener, SphinxRecognition.STOPPED);
            }
            if (running.size() >= current.maxConcurrent()) {
                LOG.warn("pocketsphinx ASR refused a recognition: {} run already", running.size());
                return Refusal.report(listener, new SpeechError("pocketsphinx runs " + current.maxConcurrent()
                        + " recognitions already", SpeechError.UNAVAILABLE));
            }
            recognition = new SphinxRecognition(request.sampleRate(), current, pool, resamplers, listener,
                    this::ended);
            running.add(recognition);
        }
        recognition.start();
        return recognition;
    }

    /** @return how many recognitions run now (for tests) */
    int running() {
        synchronized (lock) {
            return running.size();
        }
    }

    /** @return how many loaded decoders are kept now (for tests) */
    int pooled() {
        return pool.idle();
    }

    private void ended(SphinxRecognition recognition) {
        synchronized (lock) {
            running.remove(recognition);
        }
    }

    private static String warning(Settings s) {
        return s.model().missing().map(missing -> "; but " + missing).orElse("");
    }

    /** A recognition refused before it starts: the error is reported from a thread of its own, unless cancelled. */
    private static final class Refusal implements Recognition {

        private final Object callbacks = new Object();
        private boolean silenced;

        static Recognition report(RecognitionListener listener, SpeechError error) {
            Refusal refusal = new Refusal();
            Thread.ofVirtual().name("pocketsphinx-refusal").start(() -> {
                synchronized (refusal.callbacks) {
                    if (refusal.silenced) {
                        return;
                    }
                    refusal.silenced = true;
                    try {
                        listener.failed(error);
                    } catch (RuntimeException e) {
                        LOG.warn("a recognition listener failed", e);
                    }
                }
            });
            return refusal;
        }

        @Override
        public void accept(short[] pcm, int offset, int length) {
        }

        @Override
        public void finish() {
        }

        @Override
        public void cancel() {
            synchronized (callbacks) {
                silenced = true;
            }
        }
    }
}
