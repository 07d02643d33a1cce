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
