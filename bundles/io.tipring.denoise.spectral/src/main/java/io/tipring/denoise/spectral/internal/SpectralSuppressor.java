package io.tipring.denoise.spectral.internal;

import io.tipring.api.speech.NoiseSuppressor;
import java.util.Objects;

/**
 * Cleans one stream by short-time spectral gain.
 * <p>
 * The audio is cut into windows of twice the hop (a hop is 10 ms, 80 samples at 8 kHz), each overlapping the one
 * before by half, weighted by a square-root Hann window, zero-padded to a power of two (256 samples at 8 kHz,
 * 512 at 16 kHz) and transformed. Each bin's gain is the log-spectral amplitude (log-MMSE) rule of Y. Ephraim and
 * D. Malah ("Speech enhancement using a minimum mean-square error log-spectral amplitude estimator", IEEE Trans.
 * ASSP 33(2), 1985), {@code xi / (1 + xi) * exp(E1(v) / 2)} with {@code v = xi / (1 + xi) * gamma}, held to 1 at
 * most. The a-priori SNR {@code xi} is theirs too, by the decision-directed approach: mostly last frame's cleaned
 * power over the noise, partly this frame's power over the noise ({@code gamma}) less one; its slow swings in
 * the noise keep the residue free of "musical" tones. The noise comes from {@link NoiseTracker}. No gain goes
 * below the floor, which leaves a little of the background rather than a dead line; the bins under
 * {@value #VOICE_LOW_HZ} Hz, where no voice reaches, get the floor always (rumble, hum and DC go, as a telephone
 * line's high-pass filter would take them). The cleaned spectrum goes back through
 * the same window and the windows are added up: the squared windows of overlapping halves sum to one, so at unit
 * gain the audio comes out unchanged, and gains that change from frame to frame blend with no edge to click.
 * <p>
 * Samples are taken in one by one whatever the frames' lengths, a window runs at every hop, and each sample comes
 * out {@link #delaySamples()} (two hops, 20 ms) after it went in, so the output does not depend on how the stream
 * is cut into frames. The first two hops come out silent.
 * <p>
 * Allocates nothing per frame; one thread at a time, as the media clock calls it.
 */
final class SpectralSuppressor implements NoiseSuppressor {

    /** How much of the a-priori SNR is last frame's (Ephraim and Malah's alpha). */
    static final double DECISION_DIRECTED = 0.98;
    /** The lowest a-priori SNR, -25 dB: lower only makes the gain jitter under the floor. */
    private static final double MIN_PRIOR_SNR = 0.0031622776601683794;
    /** Where {@link #logMmseFactor} is 1 to the last bit: sqrt(v) of 8, as E1(64) is under 1e-29. */
    private static final int FACTOR_TABLE_END = 8;
    private static final int FACTOR_STEPS = 256;
    /**
     * {@code sqrt(v) exp(E1(v) / 2)} at even steps of {@code sqrt(v)}: smooth from {@code exp(-Euler's
     * constant / 2)} at 0 to {@code sqrt(v)}, where the factor alone would be infinite at 0.
     */
    private static final double[] SCALED_FACTOR = new double[FACTOR_TABLE_END * FACTOR_STEPS + 2];

    static {
        SCALED_FACTOR[0] = Math.exp(-0.5772156649015329 / 2);
        for (int i = 1; i < SCALED_FACTOR.length; i++) {
            double s = (double) i / FACTOR_STEPS;
            SCALED_FACTOR[i] = s * Math.exp(0.5 * expIntegral(s * s));
        }
    }

    /** The lowest frequency of a voice, in Hz: the bins under it hold only noise (rumble, hum, DC). */
    static final double VOICE_LOW_HZ = 60;

    private final int hop;
    private final int span;
    private final double floor;
    private final double[] window;
    private final double[] input;
    private final double[] overlap;
    private final short[] ready;
    private final double[] frame;
    private final double[] re;
    private final double[] im;
    private final double[] power;
    private final double[] cleaned;
    private final RealFft fft;
    private final NoiseTracker noise;
    private final int lowBins;
    private int filled;
    private boolean started;

    /**
     * @param sampleRate the stream's rate in Hz, 8000 to 48000
     * @param settings   the gain floor and the noise estimator's time constants
     */
    SpectralSuppressor(int sampleRate, Settings settings) {
        if (sampleRate < 8000 || sampleRate > 48000) {
            throw new IllegalArgumentException("sampleRate must be 8000 to 48000 Hz: " + sampleRate);
        }
        hop = Math.round(sampleRate / 100f);
        span = 2 * hop;
        // At least 1.6 windows, so that gains that vary across the spectrum have room for their impulse response.
        int size = Integer.highestOneBit(span * 8 / 5 - 1) << 1;
        fft = new RealFft(size);
        int bins = fft.bins();
        window = new double[span];
        for (int n = 0; n < span; n++) {
            window[n] = Math.sin(Math.PI * (n + 0.5) / span);
        }
        // The sine window's main lobe reaches 1.5 of its own bins, which are size / span of the padded ones.
        int spread = (int) Math.ceil(1.5 * size / span) + 1;
        double hopSeconds = (double) hop / sampleRate;
        int frames = Math.max(1, (int) Math.round(settings.noiseWindowMillis() / 1000.0 / hopSeconds));
        double keep = Math.exp(-hopSeconds * 1000 / settings.noiseSmoothingMillis());
        noise = new NoiseTracker(bins, frames, keep, spread);
        floor = Math.pow(10, settings.gainFloorDb() / 20);
        lowBins = (int) Math.ceil(VOICE_LOW_HZ * size / sampleRate);
        input = new double[span];
        overlap = new double[span];
        ready = new short[hop];
        frame = new double[size];
        re = new double[bins];
        im = new double[bins];
        power = new double[bins];
        cleaned = new double[bins];
    }

    @Override
    public void process(short[] pcm, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, pcm.length);
        int at = offset;
        int end = offset + length;
        while (at < end) {
            int n = Math.min(end - at, hop - filled);
            for (int i = 0; i < n; i++) {
                input[hop + filled + i] = pcm[at + i];
                pcm[at + i] = ready[filled + i];
            }
            filled += n;
            at += n;
            if (filled == hop) {
                step();
                filled = 0;
            }
        }
    }

    @Override
    public int delaySamples() {
        return span;
    }

    /**
     * What the log-MMSE rule multiplies the Wiener gain by, {@code exp(E1(v) / 2)}, from a table: two
     * transcendental functions for each bin of each window would take most of the suppressor's time.
     *
     * @param v 0 or more
     * @return the factor, 1 or more (infinite at 0)
     */
    static double logMmseFactor(double v) {
        double s = Math.sqrt(v);
        if (s >= FACTOR_TABLE_END) {
            return 1;
        }
        double at = s * FACTOR_STEPS;
        int i = (int) at;
        double scaled = SCALED_FACTOR[i] + (at - i) * (SCALED_FACTOR[i + 1] - SCALED_FACTOR[i]);
        return scaled / s;
    }

    /**
     * The exponential integral E1 by the rational approximations of Abramowitz and Stegun, 5.1.53 (under 1) and
     * 5.1.56 (from 1), whose errors (2e-7 and 5e-5 relative) are far below what a gain needs.
     *
     * @param x 0 or more
     * @return E1(x); at 0, where it is infinite, a value large enough for any gain
     */
    static double expIntegral(double x) {
        if (x <= 1e-20) {
            return 46;
        }
        if (x < 1) {
            return -Math.log(x) - 0.57721566 + x * (0.99999193 + x * (-0.24991055 + x * (0.05519968
                    + x * (-0.00976004 + x * 0.00107857))));
        }
        if (x > 40) {
            return 0; // under 1e-19: exp(0.5 E1) is 1 to the last bit
        }
        return (x * x + 2.334733 * x + 0.250621) / (x * x + 3.330657 * x + 1.681534) * Math.exp(-x) / x;
    }

    /** Cleans the window of the last two hops and makes the hop before the last one ready to go out. */
    private void step() {
        for (int n = 0; n < span; n++) {
            frame[n] = window[n] * input[n];
        }
        java.util.Arrays.fill(frame, span, frame.length, 0);
        fft.forward(frame, re, im);
        int bins = re.length;
        for (int k = 0; k < bins; k++) {
            power[k] = re[k] * re[k] + im[k] * im[k];
        }
        noise.update(power);
        for (int k = 0; k < bins; k++) {
            double lambda = noise.noise(k);
            double posterior = power[k] / lambda;
            double prior = started
                    ? DECISION_DIRECTED * cleaned[k] / lambda + (1 - DECISION_DIRECTED) * Math.max(posterior - 1, 0)
                    : Math.max(posterior - 1, 0);
            prior = Math.max(prior, MIN_PRIOR_SNR);
            double gain = floor;
            if (k >= lowBins) {
                double wiener = prior / (1 + prior);
                gain = Math.max(Math.min(wiener * logMmseFactor(wiener * posterior), 1), floor);
            }
            cleaned[k] = gain * gain * power[k];
            re[k] *= gain;
            im[k] *= gain;
        }
        started = true;
        fft.inverse(re, im, frame);
        for (int n = 0; n < span; n++) {
            overlap[n] += window[n] * frame[n];
        }
        for (int n = 0; n < hop; n++) {
            double y = Math.rint(overlap[n]);
            ready[n] = (short) (y > Short.MAX_VALUE ? Short.MAX_VALUE : y < Short.MIN_VALUE ? Short.MIN_VALUE : y);
        }
        System.arraycopy(overlap, hop, overlap, 0, hop);
        java.util.Arrays.fill(overlap, hop, span, 0);
        System.arraycopy(input, hop, input, 0, hop);
    }
}
