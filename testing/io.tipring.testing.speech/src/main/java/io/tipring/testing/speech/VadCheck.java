package io.tipring.testing.speech;

import io.tipring.api.speech.VadProvider;
import io.tipring.api.speech.VadRequest;
import io.tipring.api.speech.VoiceDetector;
import java.time.Duration;

/**
 * Runs a voice detector over audio in 20 ms frames, as tipring's speech threads do, and checks that every answer
 * is a probability and that the detector leaves the frame as it found it.
 */
public final class VadCheck {

    /**
     * @param probabilities one per 20 ms frame
     * @param slowestFrame  the longest one frame took (the first, which may load a model, left out)
     */
    public record Result(float[] probabilities, Duration slowestFrame) {

        /** @return the share of frames from {@code from} to {@code to} (frame numbers) judged speech (>= 0.5) */
        public double speechShare(int from, int to) {
            int speech = 0;
            for (int i = from; i < to; i++) {
                speech += probabilities[i] >= 0.5f ? 1 : 0;
            }
            return to > from ? (double) speech / (to - from) : 0;
        }
    }

    private VadCheck() {
    }

    /**
     * @throws AssertionError if an answer is no probability, or the detector changed the audio
     */
    public static Result judge(VadProvider provider, VadRequest request, short[] audio) {
        VoiceDetector detector = provider.create(request);
        int frame = request.sampleRate() / 50;
        float[] probabilities = new float[audio.length / frame];
        short[] copy = audio.clone();
        long slowest = 0;
        try {
            for (int i = 0; i < probabilities.length; i++) {
                long before = System.nanoTime();
                float probability = detector.speechProbability(copy, i * frame, frame);
                if (i > 0) {
                    slowest = Math.max(slowest, System.nanoTime() - before);
                }
                if (!(probability >= 0 && probability <= 1)) {
                    throw new AssertionError("frame " + i + ": " + probability + " is no probability (0 to 1)");
                }
                probabilities[i] = probability;
            }
        } finally {
            detector.close();
        }
        if (!java.util.Arrays.equals(copy, audio)) {
            throw new AssertionError("the detector changed the frames it was given; they are not its to change");
        }
        return new Result(probabilities, Duration.ofNanos(slowest));
    }
}
