package io.tipring.media.internal.resample;

/**
 * The Kaiser window, and Kaiser's formulas that size a windowed-sinc lowpass filter for a stopband attenuation and
 * a transition width (J. F. Kaiser, "Nonrecursive digital filter design using the I0-sinh window function", 1974).
 */
final class KaiserWindow {

    private KaiserWindow() {
    }

    /**
     * @param attenuationDb the stopband attenuation wanted, in dB (above 50)
     * @return the window's shape parameter beta that gives it
     */
    static double beta(double attenuationDb) {
        return 0.1102 * (attenuationDb - 8.7);
    }

    /**
     * @param attenuationDb the stopband attenuation wanted, in dB
     * @param transition    the transition band's width, as a fraction of the sampling rate
     * @return how many taps the filter needs, less one (its order)
     */
    static int order(double attenuationDb, double transition) {
        return (int) Math.ceil((attenuationDb - 7.95) / (2.285 * 2 * Math.PI * transition));
    }

    /**
     * @param n      the tap, from 0 to {@code 2 * center}
     * @param center the middle tap
     * @param beta   the shape parameter
     * @return the window's value at that tap, 1 in the middle
     */
    static double at(int n, int center, double beta) {
        double x = (double) (n - center) / center;
        return besselI0(beta * Math.sqrt(Math.max(0, 1 - x * x))) / besselI0(beta);
    }

    /** The modified Bessel function of the first kind, order 0, by its power series. */
    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double halfX = x / 2;
        for (int k = 1; term > 1e-12 * sum; k++) {
            term *= (halfX / k) * (halfX / k);
            sum += term;
        }
        return sum;
    }
}
