package io.tipring.media.internal.resample;

import java.util.Arrays;

/**
 * The coefficients of a polyphase resampler from one rate to another, immutable and shared by every stream that
 * converts between the same two rates.
 * <p>
 * Converting from {@code fromRate} to {@code toRate} is, in principle, inserting {@code up - 1} zeros after each
 * input sample ({@code up = toRate / gcd}), lowpass filtering at {@code up * fromRate}, and keeping every
 * {@code down}-th sample ({@code down = fromRate / gcd}). Each output sample then needs only the taps of one
 * <em>phase</em> of the filter: phase {@code p} holds taps {@code p, p + up, p + 2 up, ...}, stored in reverse so
 * that the output is a plain dot product with the newest {@link #tapsPerPhase()} input samples.
 * <p>
 * The lowpass is a Kaiser-windowed sinc whose stopband begins at the lower rate's Nyquist frequency: the passband
 * reaches {@value #PASSBAND} of it (3400 Hz at 8 kHz, the telephone band), the stopband is attenuated by
 * {@value #ATTENUATION_DB} dB, so nothing above the new Nyquist frequency folds back (when decimating) and no image
 * of the input's spectrum appears (when interpolating).
 * <p>
 * Coefficients are Q24 integers and the dot product is summed in a long. A sum in an int would allow Q14 at most
 * (the absolute values of a phase's taps add up to 2.3), which leaves the stopband of the long decimation filters
 * (48 to 8 kHz: 349 taps, each below 1/6) under 60 dB, and runs no faster. Each phase is adjusted to sum exactly
 * to 1.0, so that a DC offset does not come out with a whistle at the phase rate.
 */
final class PolyphaseFilter {

    static final double PASSBAND = 0.85;
    static final double ATTENUATION_DB = 70;
    static final int FRACTION_BITS = 24;
    static final int ONE = 1 << FRACTION_BITS;

    private final int fromRate;
    private final int toRate;
    private final int up;
    private final int down;
    private final int tapsPerPhase;
    private final int delay;
    private final int[] coefficients;

    private PolyphaseFilter(int fromRate, int toRate, int up, int down, int tapsPerPhase, int delay,
            int[] coefficients) {
        this.fromRate = fromRate;
        this.toRate = toRate;
        this.up = up;
        this.down = down;
        this.tapsPerPhase = tapsPerPhase;
        this.delay = delay;
        this.coefficients = coefficients;
    }

    /**
     * @param fromRate the input rate, in Hz
     * @param toRate   the output rate, in Hz, not equal to {@code fromRate}
     * @return the filter that converts between them
     */
    static PolyphaseFilter design(int fromRate, int toRate) {
        int gcd = gcd(fromRate, toRate);
        int up = toRate / gcd;
        int down = fromRate / gcd;
        double upRate = (double) up * fromRate;
        double nyquist = Math.min(fromRate, toRate) / 2.0;
        double cutoff = (1 + PASSBAND) / 2 * nyquist / upRate;
        double transition = (1 - PASSBAND) * nyquist / upRate;
        // The middle tap is a multiple of down: the filter's delay is then a whole number of output samples.
        int center = ceilToMultiple((KaiserWindow.order(ATTENUATION_DB, transition) + 1) / 2, down);
        int length = 2 * center + 1;
        int tapsPerPhase = (length + up - 1) / up;
        double beta = KaiserWindow.beta(ATTENUATION_DB);
        double[] prototype = new double[tapsPerPhase * up];
        for (int n = 0; n < length; n++) {
            prototype[n] = up * 2 * cutoff * sinc(2 * cutoff * (n - center)) * KaiserWindow.at(n, center, beta);
        }
        return new PolyphaseFilter(fromRate, toRate, up, down, tapsPerPhase, center / down,
                quantize(prototype, up, tapsPerPhase));
    }

    /**
     * Splits the prototype into its phases, reverses each, rounds it to Q24, and puts what rounding took from the
     * phase's sum on its largest tap.
     */
    private static int[] quantize(double[] prototype, int up, int tapsPerPhase) {
        int[] coefficients = new int[up * tapsPerPhase];
        for (int phase = 0; phase < up; phase++) {
            int base = phase * tapsPerPhase;
            int sum = 0;
            int largest = base;
            for (int k = 0; k < tapsPerPhase; k++) {
                int at = base + tapsPerPhase - 1 - k;
                coefficients[at] = (int) Math.round(prototype[phase + k * up] * ONE);
                sum += coefficients[at];
                largest = Math.abs(coefficients[at]) > Math.abs(coefficients[largest]) ? at : largest;
            }
            coefficients[largest] += ONE - sum;
        }
        return coefficients;
    }

    private static double sinc(double x) {
        return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    }

    private static int ceilToMultiple(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    int fromRate() {
        return fromRate;
    }

    int toRate() {
        return toRate;
    }

    /** @return how many phases: the output rate divided by the rates' greatest common divisor */
    int up() {
        return up;
    }

    /** @return the input rate divided by the rates' greatest common divisor */
    int down() {
        return down;
    }

    int tapsPerPhase() {
        return tapsPerPhase;
    }

    /** @return the filter's group delay, in output samples */
    int delay() {
        return delay;
    }

    /** @return how many coefficients the filter holds, {@code up() * tapsPerPhase()} */
    int size() {
        return coefficients.length;
    }

    /**
     * @param phase   the phase, from 0 to {@code up() - 1}
     * @param history input samples
     * @param first   the oldest of the {@link #tapsPerPhase()} samples that the phase weighs
     * @return the output sample, rounded and clipped to 16 bits
     */
    short apply(int phase, int[] history, int first) {
        int[] c = coefficients;
        int base = phase * tapsPerPhase;
        long sum = ONE / 2;
        for (int k = 0; k < tapsPerPhase; k++) {
            sum += (long) c[base + k] * history[first + k];
        }
        return toSample(sum);
    }

    /**
     * Applies one phase to {@code count} consecutive windows at once, a tap at a time: the inner loop then runs over
     * the outputs, a multiply-add the JIT turns into vector instructions, instead of ending in a sum per output.
     *
     * @param phase   the phase, from 0 to {@code up() - 1}
     * @param history input samples
     * @param count   how many windows: the {@code i}-th weighs the samples from {@code history[i]} on
     * @param sums    where the {@code count} sums go, for {@link #toSample}
     */
    void applyToWindows(int phase, int[] history, int count, long[] sums) {
        int base = phase * tapsPerPhase;
        Arrays.fill(sums, 0, count, ONE / 2);
        for (int k = 0; k < tapsPerPhase; k++) {
            long c = coefficients[base + k];
            for (int i = 0; i < count; i++) {
                sums[i] += c * history[i + k];
            }
        }
    }

    /** @return a sum of {@link #applyToWindows}, rounded and clipped to 16 bits */
    static short toSample(long sum) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sum >> FRACTION_BITS));
    }
}
