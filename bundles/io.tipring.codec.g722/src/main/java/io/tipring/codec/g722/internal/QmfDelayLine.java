package io.tipring.codec.g722.internal;

/**
 * The delay line of G.722's quadrature mirror filters, which split 16 kHz audio into two 8 kHz sub-bands (0 to
 * 4 kHz and 4 to 8 kHz) and join them again. Both are the same symmetric 24-tap filter h0..h23 (G.722 Table 11)
 * run in two phases: the second value of every pair meets the even taps, the first value the odd taps. In the
 * analysis filter the pair is two input samples, older first; in the synthesis filter it is the sum and the
 * difference of the two sub-bands' samples.
 * <p>
 * Each phase keeps its last 12 values in a ring written twice, at {@code i} and {@code i + 12}, so that the 12
 * newest always lie side by side and a dot product needs no wrap-around.
 */
final class QmfDelayLine {

    private static final int TAPS = 12;

    /** h0, h2, ..., h22: the coefficients for the second value of each pair, newest pair first. */
    private static final int[] EVEN_TAPS = {3, -11, 12, 32, -210, 951, 3876, -805, 362, -156, 53, -11};
    /** h1, h3, ..., h23: the coefficients for the first value of each pair, newest pair first. */
    private static final int[] ODD_TAPS = {-11, 53, -156, 362, -805, 3876, 951, -210, 32, 12, -11, 3};

    private final int[] firsts = new int[2 * TAPS];
    private final int[] seconds = new int[2 * TAPS];
    /** Where the newest pair sits; the pairs before it follow at higher indices. */
    private int newest;

    /** Shifts one pair in, dropping the pair 12 pairs back. */
    void push(int first, int second) {
        int at = newest == 0 ? TAPS - 1 : newest - 1;
        firsts[at] = first;
        firsts[at + TAPS] = first;
        seconds[at] = second;
        seconds[at + TAPS] = second;
        newest = at;
    }

    /**
     * @return the second values of the last 12 pairs through the even taps, whose sum is 2^12; at most
     *         2^15 * 6482 in magnitude, far from overflowing
     */
    int secondsThroughEvenTaps() {
        return dot(seconds, EVEN_TAPS);
    }

    /** @return the first values of the last 12 pairs through the odd taps, whose sum is 2^12 */
    int firstsThroughOddTaps() {
        return dot(firsts, ODD_TAPS);
    }

    private int dot(int[] samples, int[] taps) {
        int sum = 0;
        for (int i = 0, at = newest; i < TAPS; i++, at++) {
            sum += samples[at] * taps[i];
        }
        return sum;
    }
}
