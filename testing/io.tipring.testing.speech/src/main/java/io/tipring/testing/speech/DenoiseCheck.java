package io.tipring.testing.speech;

import io.tipring.api.speech.DenoiseProvider;
import io.tipring.api.speech.DenoiseRequest;
import io.tipring.api.speech.NoiseSuppressor;
import java.time.Duration;
import java.util.Arrays;

/** Runs a noise suppressor over audio in 20 ms frames, as tipring's speech threads do. */
public final class DenoiseCheck {

    /**
     * @param cleaned      the cleaned audio, realigned with the input (the suppressor's delay taken out; the
     *                     last {@code delaySamples} are missing)
     * @param delaySamples the delay the suppressor reported
     * @param slowestFrame the longest one frame took (the first left out)
     */
    public record Result(short[] cleaned, int delaySamples, Duration slowestFrame) {
    }

    private DenoiseCheck() {
    }

    /**
     * @throws AssertionError if the delay is negative or changes while the stream runs
     */
    public static Result clean(DenoiseProvider provider, DenoiseRequest request, short[] audio) {
        NoiseSuppressor suppressor = provider.create(request);
        int frame = request.sampleRate() / 50;
        short[] out = Arrays.copyOf(audio, audio.length / frame * frame);
        int delay = suppressor.delaySamples();
        if (delay < 0) {
            throw new AssertionError("a negative delay: " + delay);
        }
        long slowest = 0;
        try {
            for (int at = 0; at < out.length; at += frame) {
                long before = System.nanoTime();
                suppressor.process(out, at, frame);
                if (at > 0) {
                    slowest = Math.max(slowest, System.nanoTime() - before);
                }
                if (suppressor.delaySamples() != delay) {
                    throw new AssertionError("the delay changed while the stream ran");
                }
            }
        } finally {
            suppressor.close();
        }
        return new Result(Arrays.copyOfRange(out, Math.min(delay, out.length), out.length), delay,
                Duration.ofNanos(slowest));
    }
}
