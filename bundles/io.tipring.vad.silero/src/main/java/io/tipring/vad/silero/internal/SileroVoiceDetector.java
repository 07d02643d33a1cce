package io.tipring.vad.silero.internal;

import ai.onnxruntime.OrtException;
import io.tipring.api.media.Resampler;
import io.tipring.api.speech.VoiceDetector;
import java.nio.FloatBuffer;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges one stream's 20 ms frames with the Silero model. The model judges whole windows (32 ms: 512 samples at
 * 16 kHz, 256 at 8 kHz), so the frames' samples are gathered until a window is full, the model runs on it, on the
 * caller's thread, and each frame gets the probability of the latest window judged (0 before the first). A window
 * ends inside every frame or the next, so a decision lags the audio by 12 ms to 32 ms.
 * <p>
 * Audio at 8 or 16 kHz goes to the model as it is; other rates are resampled to 16 kHz first.
 * <p>
 * The model's probability is shifted by the aggressiveness: {@code p' = sigmoid(logit(p) - logit(threshold) -
 * 0.6 (aggressiveness - 2))}, so that the probability tipring counts as speech (0.5) is the configured threshold at
 * aggressiveness 2 and a little lower or higher at the other levels. Silero's probabilities are mostly near 0 or
 * near 1, so this moves only doubtful windows.
 * <p>
 * One thread at a time; {@link #close()} may come from another. After a failure of the model (logged once) or once
 * closed, every frame gets 0.
 */
final class SileroVoiceDetector implements VoiceDetector {

    /** How much each step of aggressiveness moves the threshold, in log-odds. */
    static final double STEP = 0.6;

    private static final Logger LOG = LoggerFactory.getLogger(SileroVoiceDetector.class);
    private static final float SCALE = 1f / 32768;
    /** Keeps the log-odds finite when the model says exactly 0 or 1. */
    private static final double EPSILON = 1e-7;

    private final SileroModel.Stream stream;
    private final Resampler resampler;
    private final short[] resampled;
    private final int context;
    private final float[] window;
    private final float[] previous;
    private final double shift;
    private final Consumer<SileroVoiceDetector> onClose;
    private int filled;
    private float probability;
    private boolean failed;
    private boolean closed;

    /**
     * @param stream         the model's tensors for this stream, at 8 or 16 kHz; the detector closes them
     * @param resampler      converts the frames to the stream's rate, or null when they are at it already
     * @param threshold      the model's probability that counts as speech at aggressiveness 2
     * @param aggressiveness 0 to 3
     * @param onClose        told once when the detector closes
     */
    SileroVoiceDetector(SileroModel.Stream stream, Resampler resampler, double threshold, int aggressiveness,
            Consumer<SileroVoiceDetector> onClose) {
        this.stream = stream;
        this.resampler = resampler;
        this.resampled = resampler == null ? null : new short[resampler.maxOutput(resampler.fromRate() / 50) + 16];
        int rate = stream.rate();
        this.context = contextSamples(rate);
        this.window = new float[windowSamples(rate)];
        this.previous = new float[context];
        this.shift = logit(threshold) + STEP * (aggressiveness - 2);
        this.onClose = onClose;
    }

    /** The samples in one model window at a rate (8000 or 16000 Hz). */
    static int windowSamples(int rate) {
        return rate == 16000 ? 512 : 256;
    }

    /** The samples of the window before that the model also sees, at a rate (8000 or 16000 Hz). */
    static int contextSamples(int rate) {
        return rate == 16000 ? 64 : 32;
    }

    @Override
    public synchronized float speechProbability(short[] pcm, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, pcm.length);
        if (closed || failed) {
            return 0;
        }
        if (resampler == null) {
            take(pcm, offset, length);
        } else {
            // A caller's frame longer than 20 ms is taken in pieces that fit the buffer.
            int piece = resampler.fromRate() / 50;
            for (int at = offset, end = offset + length; at < end && !failed; at += piece) {
                int n = resampler.process(pcm, at, Math.min(piece, end - at), resampled, 0);
                take(resampled, 0, n);
            }
        }
        return failed ? 0 : probability;
    }

    private void take(short[] pcm, int offset, int length) {
        for (int i = offset, end = offset + length; i < end; i++) {
            window[filled++] = pcm[i] * SCALE;
            if (filled == window.length) {
                judge();
                filled = 0;
                if (failed) {
                    return;
                }
            }
        }
    }

    private void judge() {
        FloatBuffer input = stream.input();
        input.put(0, previous, 0, context);
        input.put(context, window, 0, window.length);
        System.arraycopy(window, window.length - context, previous, 0, context);
        try {
            double p = stream.run();
            p = Math.min(1 - EPSILON, Math.max(EPSILON, p));
            probability = (float) (1 / (1 + Math.exp(shift - logit(p))));
        } catch (OrtException | RuntimeException e) {
            failed = true;
            LOG.error("Silero VAD failed on a stream at {} Hz; its frames count as silence from now on",
                    stream.rate(), e);
        }
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    /** Frees the stream's tensors; the frames that still come count as silence. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            stream.close();
        }
        onClose.accept(this);
    }
}
