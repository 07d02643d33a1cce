package io.tipring.denoise.spectral.internal;

/**
 * Estimates the noise power of each frequency bin of one stream, frame by frame, by minima controlled recursive
 * averaging (MCRA: I. Cohen and B. Berdugo, "Noise estimation by minima controlled recursive averaging for robust
 * speech enhancement", IEEE Signal Processing Letters 9(1), 2002).
 * <p>
 * Each bin's power, smoothed over time and over its two neighbours, is compared with its minimum over the last
 * {@code window} to {@code 2 window} frames: speech raises the power well over that minimum (by more than
 * {@value #PRESENCE_RATIO} times), noise does not. The share of recent frames judged to hold speech, the speech
 * presence probability, slows the noise estimate's recursive average down to a standstill while someone talks,
 * and lets it follow the power with the configured time constant in the pauses. The minimum is only the judge,
 * not the estimate, so the estimate needs no bias correction, and noise that grows is followed within two
 * windows. The estimate starts at the first frame's power, and is held to at most {@value #PRESENCE_RATIO} times
 * the minimum, so that a stream that starts with speech loses its first frame from the estimate at the first
 * pause.
 * <p>
 * One addition: a bin on a narrow spectral peak, {@value #TONE_RATIO} times over the bins {@code spread} away on
 * both sides, is taken for a tone (a DTMF digit, a dial tone, a voice's harmonic) and never for noise, however
 * steady it is, and its noise estimate is capped at its surroundings'; otherwise a tone that lasts would become
 * "noise" within two windows and be suppressed. The price: a steady whine or hum is kept too.
 * <p>
 * Allocates nothing per frame; one thread at a time.
 */
final class NoiseTracker {

    /** The smallest noise power, so that digital silence does not divide by zero. */
    static final double MIN_POWER = 1e-6;
    /** The power over the minimum from which a frame's bin counts as speech (MCRA's delta). */
    static final double PRESENCE_RATIO = 5;
    /** How far over the bins {@code spread} away a peak must rise to count as a tone. */
    static final double TONE_RATIO = 10;
    /** The time smoothing of the power per frame (MCRA's alpha_s). */
    private static final double POWER_SMOOTHING = 0.8;
    /** The smoothing of the speech presence probability per frame (MCRA's alpha_p). */
    private static final double PRESENCE_SMOOTHING = 0.2;

    private final int bins;
    private final int window;
    private final int spread;
    private final double noiseSmoothing;
    private final double[] smoothed;
    private final double[] minimum;
    private final double[] runningMinimum;
    private final double[] presence;
    private final double[] noise;
    private final boolean[] tonal;
    private int frames;
    private boolean started;

    /**
     * @param bins           how many bins a spectrum has
     * @param window         the minimum's search window in frames (it looks back this far to twice as far)
     * @param noiseSmoothing the weight the noise estimate keeps per frame when no speech is present (MCRA's
     *                       alpha_d), 0 to 1
     * @param spread         how many bins a tone's main lobe reaches on each side of its peak
     */
    NoiseTracker(int bins, int window, double noiseSmoothing, int spread) {
        this.bins = bins;
        this.window = window;
        this.noiseSmoothing = noiseSmoothing;
        this.spread = spread;
        smoothed = new double[bins];
        minimum = new double[bins];
        runningMinimum = new double[bins];
        presence = new double[bins];
        noise = new double[bins];
        tonal = new boolean[bins];
    }

    /**
     * Takes in one frame's power spectrum.
     *
     * @param power the squared magnitude of each bin
     */
    void update(double[] power) {
        int last = bins - 1;
        for (int k = 0; k < bins; k++) {
            // The edges mirror their neighbour: the spectrum of a real signal is symmetric about them.
            double below = k == 0 ? power[1] : power[k - 1];
            double above = k == last ? power[last - 1] : power[k + 1];
            double local = 0.25 * below + 0.5 * power[k] + 0.25 * above;
            if (started) {
                smoothed[k] = POWER_SMOOTHING * smoothed[k] + (1 - POWER_SMOOTHING) * local;
                minimum[k] = Math.min(minimum[k], smoothed[k]);
                runningMinimum[k] = Math.min(runningMinimum[k], smoothed[k]);
            } else {
                smoothed[k] = local;
                minimum[k] = local;
                runningMinimum[k] = local;
                noise[k] = Math.max(MIN_POWER, power[k]);
            }
        }
        started = true;
        if (++frames >= window) {
            frames = 0;
            for (int k = 0; k < bins; k++) {
                minimum[k] = Math.min(runningMinimum[k], smoothed[k]);
                runningMinimum[k] = smoothed[k];
            }
        }
        findTones();
        for (int k = 0; k < bins; k++) {
            boolean speech = tonal[k] || smoothed[k] > PRESENCE_RATIO * minimum[k];
            presence[k] = PRESENCE_SMOOTHING * presence[k] + (1 - PRESENCE_SMOOTHING) * (speech ? 1 : 0);
            double keep = noiseSmoothing + (1 - noiseSmoothing) * presence[k];
            double estimate = keep * noise[k] + (1 - keep) * power[k];
            // Never far over the minimum: the first frame's power, which the estimate starts from, may be speech.
            noise[k] = Math.max(MIN_POWER, Math.min(estimate, PRESENCE_RATIO * minimum[k]));
        }
        capTones();
    }

    /** Marks the bins under a narrow peak of the smoothed power, and those within {@code spread - 1} of it. */
    private void findTones() {
        java.util.Arrays.fill(tonal, false);
        for (int k = spread; k < bins - spread; k++) {
            double s = smoothed[k];
            if (s >= smoothed[k - 1] && s >= smoothed[k + 1]
                    && s > TONE_RATIO * 0.5 * (smoothed[k - spread] + smoothed[k + spread])) {
                for (int j = k - spread + 1; j < k + spread; j++) {
                    tonal[j] = true;
                }
            }
        }
    }

    /** Caps the noise estimate under each tone at the mean of the estimates on either side of it. */
    private void capTones() {
        int k = 0;
        while (k < bins) {
            if (!tonal[k]) {
                k++;
                continue;
            }
            int end = k;
            while (end < bins && tonal[end]) {
                end++;
            }
            // The run of tonal bins is [k, end); findTones keeps it clear of the spectrum's edges.
            double around = 0.5 * (noise[k - 1] + noise[end]);
            for (int j = k; j < end; j++) {
                noise[j] = Math.min(noise[j], around);
            }
            k = end;
        }
    }

    /**
     * @param k a bin
     * @return its noise power estimate, {@link #MIN_POWER} or more
     */
    double noise(int k) {
        return noise[k];
    }

    /**
     * @param k a bin
     * @return whether it is under a tone in the latest frame
     */
    boolean tonal(int k) {
        return tonal[k];
    }
}
