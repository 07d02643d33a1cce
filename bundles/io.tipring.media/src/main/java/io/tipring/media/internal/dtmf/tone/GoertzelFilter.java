package io.tipring.media.internal.dtmf.tone;

/**
 * Measures how much of one frequency a block of samples holds: the Goertzel algorithm, one DFT bin computed
 * with one multiply per sample, which is far cheaper than an FFT when only a handful of frequencies matter.
 * The frequency need not fall on a bin of the block length.
 */
final class GoertzelFilter {

    private final double coefficient;

    /**
     * @param frequency  the frequency to measure, in Hz
     * @param sampleRate the samples' rate, in Hz
     */
    GoertzelFilter(double frequency, int sampleRate) {
        this.coefficient = 2 * Math.cos(2 * Math.PI * frequency / sampleRate);
    }

    /**
     * @param block  the samples
     * @param length how many of them, from the first
     * @return the power of the frequency in the block, scaled as a sine's mean power ({@code amplitude² / 2}),
     *         so that it compares directly with the block's mean power
     */
    /** @return the coefficient of the recurrence, {@code 2 cos(2 pi f / rate)} */
    double coefficient() {
        return coefficient;
    }

    /**
     * The powers of four frequencies at once, as {@link #power} computes each: one pass over the block with four
     * independent recurrences, which the processor runs side by side, instead of four passes that each wait on
     * their own chain of dependent multiply-adds.
     *
     * @param filters four filters
     * @param block   the samples
     * @param length  how many of them, from the first
     * @param powers  where the four powers go, in the order of {@code filters}
     */
    static void powers(GoertzelFilter[] filters, float[] block, int length, double[] powers) {
        double c0 = filters[0].coefficient;
        double c1 = filters[1].coefficient;
        double c2 = filters[2].coefficient;
        double c3 = filters[3].coefficient;
        double p0 = 0, b0 = 0, p1 = 0, b1 = 0, p2 = 0, b2 = 0, p3 = 0, b3 = 0;
        for (int i = 0; i < length; i++) {
            double x = block[i];
            double n0 = x + c0 * p0 - b0;
            double n1 = x + c1 * p1 - b1;
            double n2 = x + c2 * p2 - b2;
            double n3 = x + c3 * p3 - b3;
            b0 = p0;
            p0 = n0;
            b1 = p1;
            p1 = n1;
            b2 = p2;
            p2 = n2;
            b3 = p3;
            p3 = n3;
        }
        double scale = 2 / ((double) length * length);
        powers[0] = (p0 * p0 + b0 * b0 - c0 * p0 * b0) * scale;
        powers[1] = (p1 * p1 + b1 * b1 - c1 * p1 * b1) * scale;
        powers[2] = (p2 * p2 + b2 * b2 - c2 * p2 * b2) * scale;
        powers[3] = (p3 * p3 + b3 * b3 - c3 * p3 * b3) * scale;
    }

    double power(float[] block, int length) {
        double previous = 0;
        double beforePrevious = 0;
        for (int i = 0; i < length; i++) {
            double current = block[i] + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }
        double magnitudeSquared = previous * previous + beforePrevious * beforePrevious
                - coefficient * previous * beforePrevious;
        return 2 * magnitudeSquared / ((double) length * length);
    }
}
