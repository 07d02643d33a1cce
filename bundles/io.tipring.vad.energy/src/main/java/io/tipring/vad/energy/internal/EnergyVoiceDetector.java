package io.tipring.vad.energy.internal;

import io.tipring.api.speech.VoiceDetector;
import java.util.Objects;

/**
 * Judges the 20 ms frames of one stream by their level above the stream's own background noise.
 * <p>
 * A frame's level is its mean power once any DC offset is removed, in dBFS (a full-scale square wave is 0 dBFS,
 * a full-scale sine -3 dBFS). It is compared with the higher of two references:
 * <ul>
 * <li>the <em>noise floor</em>, an estimate of the background: it starts at the first frame's level (the first
 * 20 ms after an answer are seldom speech), falls half-way to any quieter frame at once, and rises by at most
 * {@value #SLOW_RISE_DB} dB a frame (2.5 dB a second), so that the pauses between words keep it down while
 * someone talks. A sound that holds its level within {@value #STEADY_DB} dB for {@value #STEADY_FRAMES} frames
 * (a fan, the hiss of a line that was muted) lifts it by a tenth of the gap each frame instead: such a sound
 * is taken for background. The price: a vowel held for half a second at an even level fades into the floor;</li>
 * <li>an absolute <em>minimum level</em> ({@code minimumLevel}), so that digital silence, dither and very
 * quiet lines are never speech, whatever the floor.</li>
 * </ul>
 * The probability is a logistic function of the frame's margin over that reference: 0.5 at the aggressiveness's
 * threshold (floor + 4, 6, 9 or 13 dB; minimum + 0, 2, 4 or 6 dB) and 0.95 six dB above it.
 * <p>
 * A frame that would count as speech gets a second look: a fourth-order linear predictor fitted to it that
 * leaves less than {@value #TONAL_GAIN_DB} dB below its power means one or two sinusoids (mains hum, a test
 * tone, the dual tones of call progress), and the probability is cut to {@value #TONAL_PROBABILITY}. The
 * predictor looks {@code rate / 8000} samples back per step, as if the audio were sampled at about 8 kHz, so
 * that the higher rates, where any sound is smooth from one sample to the next, are judged alike.
 * <p>
 * One thread at a time; nothing is allocated per frame.
 */
final class EnergyVoiceDetector implements VoiceDetector {

    /** The lowest level a frame is given, in dBFS: digital silence is not minus infinity. */
    static final double SILENT_DB = -100;
    static final double SLOW_RISE_DB = 0.05;
    static final double FALL_SHARE = 0.5;
    static final double STEADY_DB = 1.5;
    static final int STEADY_FRAMES = 15;
    static final double STEADY_RISE_SHARE = 0.1;
    static final double TONAL_GAIN_DB = 30;
    static final double TONAL_PROBABILITY = 0.2;

    /** The threshold over the noise floor, in dB, by aggressiveness. */
    private static final double[] FLOOR_MARGIN_DB = {4, 6, 9, 13};
    /** The threshold over the minimum level, in dB, by aggressiveness. */
    private static final double[] MINIMUM_MARGIN_DB = {0, 2, 4, 6};
    /** How many dB over the threshold multiply the odds of speech by e. */
    private static final double SLOPE_DB = 2;
    private static final double FULL_SCALE_POWER = 32768.0 * 32768.0;
    private static final double TONAL_RESIDUAL = Math.pow(10, -TONAL_GAIN_DB / 10);
    private static final int ORDER = 4;

    private final int lag;
    private final double floorMargin;
    private final double minimumLevel;
    private final boolean rejectTones;
    private double floor;
    private double smoothed;
    private int steadyFrames;
    private boolean started;

    /**
     * @param sampleRate     the frames' rate in Hz
     * @param aggressiveness 0 (calls the least audio silence) to 3 (the most)
     * @param minimumLevel   the level in dBFS below which a frame is never speech at aggressiveness 0
     * @param rejectTones    whether steady sinusoids (hum, tones) are judged not speech whatever their level
     */
    EnergyVoiceDetector(int sampleRate, int aggressiveness, double minimumLevel, boolean rejectTones) {
        if (aggressiveness < 0 || aggressiveness > 3) {
            throw new IllegalArgumentException("aggressiveness must be 0 to 3: " + aggressiveness);
        }
        this.lag = Math.max(1, (int) Math.round(sampleRate / 8000.0));
        this.floorMargin = FLOOR_MARGIN_DB[aggressiveness];
        this.minimumLevel = minimumLevel + MINIMUM_MARGIN_DB[aggressiveness];
        this.rejectTones = rejectTones;
    }

    @Override
    public float speechProbability(short[] pcm, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, pcm.length);
        if (length == 0) {
            return 0;
        }
        long sum = 0;
        long squares = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            int x = pcm[i];
            sum += x;
            squares += x * x;
        }
        double mean = (double) sum / length;
        double power = (double) squares / length - mean * mean;
        double level = power > 0 ? Math.max(SILENT_DB, 10 * Math.log10(power / FULL_SCALE_POWER)) : SILENT_DB;
        if (!started) {
            started = true;
            floor = level;
            smoothed = level;
        }
        double margin = level - Math.max(floor + floorMargin, minimumLevel);
        double probability = 1 / (1 + Math.exp(-margin / SLOPE_DB));
        // A frame already at or under the cut needs no second look.
        if (rejectTones && probability > TONAL_PROBABILITY && isTonal(pcm, offset, length, mean)) {
            probability = TONAL_PROBABILITY;
        }
        track(level);
        return (float) probability;
    }

    /**
     * Whether a fourth-order linear predictor, fitted to the frame by least squares (the covariance method),
     * leaves less than {@link #TONAL_RESIDUAL} of its power: true of one or two sinusoids (hum, a single tone,
     * the dual tones of call progress), whose spectrum is a few lines, and not of a voice, whose many
     * harmonics under its formants an order-4 predictor cannot whiten (espeak-ng's clean synthetic speech stays
     * under 26 dB).
     * <p>
     * The normal equations are solved by Cholesky: with {@code L z = c}, the error left is
     * {@code phi00 - |z|^2}, each {@code z_i^2} being what order {@code i} adds. A pivot that vanishes means the
     * lower order already predicts the frame exactly, so the sum stops there.
     */
    private boolean isTonal(short[] pcm, int offset, int length, double mean) {
        int d = lag;
        int first = ORDER * d;
        if (length <= 2 * first) {
            return false;
        }
        int end = offset + length;
        // phi(0, l): the frame (from sample 4d on) times itself l lags back.
        double p00 = 0;
        double p01 = 0;
        double p02 = 0;
        double p03 = 0;
        double p04 = 0;
        for (int i = offset + first; i < end; i++) {
            double y = pcm[i] - mean;
            p00 += y * y;
            p01 += y * (pcm[i - d] - mean);
            p02 += y * (pcm[i - 2 * d] - mean);
            p03 += y * (pcm[i - 3 * d] - mean);
            p04 += y * (pcm[i - 4 * d] - mean);
        }
        // phi(j, k) = phi(j - 1, k - 1) with the window moved d samples earlier.
        int head = offset + first;
        double p11 = p00 + shift(pcm, head, end, 1, 0, d, mean);
        double p12 = p01 + shift(pcm, head, end, 1, 1, d, mean);
        double p13 = p02 + shift(pcm, head, end, 1, 2, d, mean);
        double p14 = p03 + shift(pcm, head, end, 1, 3, d, mean);
        double p22 = p11 + shift(pcm, head, end, 2, 0, d, mean);
        double p23 = p12 + shift(pcm, head, end, 2, 1, d, mean);
        double p24 = p13 + shift(pcm, head, end, 2, 2, d, mean);
        double p33 = p22 + shift(pcm, head, end, 3, 0, d, mean);
        double p34 = p23 + shift(pcm, head, end, 3, 1, d, mean);
        double p44 = p33 + shift(pcm, head, end, 4, 0, d, mean);

        double tiny = p00 * 1e-9;
        double limit = p00 * TONAL_RESIDUAL;
        double explained = 0;
        double l11 = p11;
        if (l11 <= tiny) {
            return true;
        }
        l11 = Math.sqrt(l11);
        double l21 = p12 / l11;
        double l31 = p13 / l11;
        double l41 = p14 / l11;
        double z1 = p01 / l11;
        explained += z1 * z1;
        double l22 = p22 - l21 * l21;
        if (l22 <= tiny) {
            return p00 - explained <= limit;
        }
        l22 = Math.sqrt(l22);
        double l32 = (p23 - l31 * l21) / l22;
        double l42 = (p24 - l41 * l21) / l22;
        double z2 = (p02 - l21 * z1) / l22;
        explained += z2 * z2;
        double l33 = p33 - l31 * l31 - l32 * l32;
        if (l33 <= tiny) {
            return p00 - explained <= limit;
        }
        l33 = Math.sqrt(l33);
        double l43 = (p34 - l41 * l31 - l42 * l32) / l33;
        double z3 = (p03 - l31 * z1 - l32 * z2) / l33;
        explained += z3 * z3;
        double l44 = p44 - l41 * l41 - l42 * l42 - l43 * l43;
        if (l44 <= tiny) {
            return p00 - explained <= limit;
        }
        double z4 = (p04 - l41 * z1 - l42 * z2 - l43 * z3) / Math.sqrt(l44);
        explained += z4 * z4;
        return p00 - explained <= limit;
    }

    /**
     * What moving the window of a lag-{@code l} product from {@code j - 1} to {@code j} hops back changes:
     * the {@code d} products entering at its start, less those leaving at its end.
     */
    private static double shift(short[] pcm, int head, int end, int j, int l, int d, double mean) {
        double entering = 0;
        double leaving = 0;
        int back = l * d;
        for (int t = head - j * d, stop = t + d; t < stop; t++) {
            entering += (pcm[t] - mean) * (pcm[t - back] - mean);
        }
        for (int t = end - j * d, stop = t + d; t < stop; t++) {
            leaving += (pcm[t] - mean) * (pcm[t - back] - mean);
        }
        return entering - leaving;
    }

    /** Moves the noise floor toward this frame's level: quickly down, slowly up (faster for a steady sound). */
    private void track(double level) {
        boolean steady = Math.abs(level - smoothed) < STEADY_DB;
        steadyFrames = steady ? steadyFrames + 1 : 0;
        smoothed += 0.25 * (level - smoothed);
        double gap = level - floor;
        if (gap < 0) {
            floor += FALL_SHARE * gap;
        } else if (steadyFrames >= STEADY_FRAMES) {
            floor += Math.max(Math.min(SLOW_RISE_DB, gap), STEADY_RISE_SHARE * gap);
        } else {
            floor += Math.min(SLOW_RISE_DB, gap);
        }
    }

    /** For tests: the current noise floor in dBFS. */
    double noiseFloor() {
        return floor;
    }
}
