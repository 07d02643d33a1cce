package io.tipring.codec.g722.internal;

import static io.tipring.codec.g722.internal.Fixed.limit;
import static io.tipring.codec.g722.internal.Fixed.saturate;

/**
 * G.722's block 4, the same in both sub-bands and on both sides of the link: the estimate of a sub-band's next
 * sample from a pole section (two coefficients over past reconstructed samples) and a zero section (six
 * coefficients over past quantized differences), each coefficient adapted by the sign-sign rule after every
 * sample.
 * <p>
 * Encoder and decoder stay in step because both feed this predictor the same quantized difference; the
 * arithmetic therefore follows the Recommendation to the bit, with its 16-bit saturation.
 */
final class AdaptivePredictor {

    /** s: the estimate of the next sample, pole and zero sections together (block 4, PREDIC). */
    private int estimate;
    /** sz: the zero section's part of {@link #estimate}. */
    private int zeroEstimate;
    /** r(n-1): the last reconstructed sample. */
    private int lastReconstructed;
    /** a1, a2: the pole section's coefficients. */
    private int pole1;
    private int pole2;
    /** p(n-1), p(n-2): the last partially reconstructed samples, kept for their signs. */
    private int lastPartial;
    private int partialBeforeLast;
    // b1..b6, the zero section's coefficients, and d(n-1)..d(n-6), the last quantized differences, kept doubled
    // and saturated as FILTEZ multiplies them (doubling keeps their signs): fields rather than arrays, because
    // this runs twice for every pair of samples.
    private int zero1;
    private int zero2;
    private int zero3;
    private int zero4;
    private int zero5;
    private int zero6;
    private int difference1;
    private int difference2;
    private int difference3;
    private int difference4;
    private int difference5;
    private int difference6;

    /** @return the estimate of the next sample of the sub-band */
    int estimate() {
        return estimate;
    }

    /**
     * Takes in the quantized difference of one sample and prepares the estimate of the next.
     *
     * @param difference d: the inverse-quantized difference between the sample and {@link #estimate()}
     */
    void update(int difference) {
        int reconstructed = saturate(estimate + difference); // RECONS
        int partial = saturate(zeroEstimate + difference); // PARREC

        // UPPOL2 and UPPOL1: move each pole coefficient towards the correlation of the partial signal's signs.
        boolean sameSignAsLast = (partial ^ lastPartial) >= 0;
        boolean sameSignAsBeforeLast = (partial ^ partialBeforeLast) >= 0;
        int pull = saturate(pole1 << 2);
        pull = Math.min(sameSignAsLast ? -pull : pull, Short.MAX_VALUE);
        int newPole2 = limit((sameSignAsBeforeLast ? 128 : -128) + (pull >> 7) + ((pole2 * 32512) >> 15), 12288);
        int newPole1 = saturate((sameSignAsLast ? 192 : -192) + ((pole1 * 32640) >> 15));
        // Keeps the two-pole filter stable.
        newPole1 = limit(newPole1, 15360 - newPole2);

        // FILTEP: the pole section's estimate from the reconstructed samples.
        int poleEstimate = saturate(((newPole1 * saturate(reconstructed << 1)) >> 15)
                + ((newPole2 * saturate(lastReconstructed << 1)) >> 15));
        lastReconstructed = reconstructed;
        pole1 = newPole1;
        pole2 = newPole2;
        partialBeforeLast = lastPartial;
        lastPartial = partial;

        // UPZERO: leak each zero coefficient and step it by the agreement of the signs of d(n) and d(n-i); a zero
        // difference carries no sign, so it only leaks.
        int step = difference == 0 ? 0 : 128;
        int doubled = saturate(difference << 1);
        zero1 = adaptZero(zero1, difference1, doubled, step);
        zero2 = adaptZero(zero2, difference2, doubled, step);
        zero3 = adaptZero(zero3, difference3, doubled, step);
        zero4 = adaptZero(zero4, difference4, doubled, step);
        zero5 = adaptZero(zero5, difference5, doubled, step);
        zero6 = adaptZero(zero6, difference6, doubled, step);
        // DELAYA and FILTEZ: the zero section's estimate from d(n)..d(n-5).
        difference6 = difference5;
        difference5 = difference4;
        difference4 = difference3;
        difference3 = difference2;
        difference2 = difference1;
        difference1 = doubled;
        zeroEstimate = saturate(tap(zero1, difference1) + tap(zero2, difference2) + tap(zero3, difference3)
                + tap(zero4, difference4) + tap(zero5, difference5) + tap(zero6, difference6));

        estimate = saturate(poleEstimate + zeroEstimate); // PREDIC
    }

    /**
     * One zero coefficient's sign-sign step; 32640 / 2^15 is the leak, 1 - 2^-8. The Recommendation saturates the
     * sum, which never takes effect: a 16-bit coefficient leaks to between -32640 and 32639, so a step of 128
     * keeps it within 16 bits.
     */
    private static int adaptZero(int zero, int pastDifference, int difference, int step) {
        return ((pastDifference ^ difference) < 0 ? -step : step) + ((zero * 32640) >> 15);
    }

    private static int tap(int zero, int doubledDifference) {
        return (zero * doubledDifference) >> 15;
    }
}
