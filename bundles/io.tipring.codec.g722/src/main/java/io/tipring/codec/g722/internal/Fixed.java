package io.tipring.codec.g722.internal;

/** The saturating 16-bit arithmetic G.722's fixed-point description is written in. */
final class Fixed {

    private Fixed() {
    }

    /** @return {@code value} limited to a signed 16-bit word */
    static int saturate(int value) {
        return value > Short.MAX_VALUE ? Short.MAX_VALUE : Math.max(value, Short.MIN_VALUE);
    }

    /** @return {@code value} limited to {@code [-limit, limit]} */
    static int limit(int value, int limit) {
        return value > limit ? limit : Math.max(value, -limit);
    }

    /** @return {@code value} limited to the 15-bit range a sub-band's reconstructed signal has (block 6, LIMIT) */
    static int saturate15(int value) {
        return value > 16383 ? 16383 : Math.max(value, -16384);
    }

    /**
     * The scale factors of a sub-band from their logarithmic form (blocks 3L and 3H, SCALEL and SCALEH): a 5-bit
     * mantissa of the log looked up in a table of 2^(x/32), shifted by its exponent. Both depend only on the log's
     * bits from the 6th up, so the whole conversion is one table, indexed by {@code logScale >> 6}.
     *
     * @param maxLogScale    the largest logarithmic scale factor of the sub-band
     * @param exponentOffset 8 for the lower sub-band, 10 for the higher
     * @return the linear scale factor, {@code delta}, of each {@code logScale >> 6} from 0 to
     *         {@code maxLogScale >> 6}, as the quantizers use it (4 times the Recommendation's)
     */
    static int[] linearScales(int maxLogScale, int exponentOffset) {
        int[] scales = new int[(maxLogScale >> 6) + 1];
        for (int i = 0; i < scales.length; i++) {
            int mantissa = INVERSE_LOG2[i & 31];
            int exponent = (i >> 5) - exponentOffset;
            scales[i] = (exponent >= 0 ? mantissa << exponent : mantissa >> -exponent) << 2;
        }
        return scales;
    }

    /** G.722 table ILB: 2048 * 2^(i/32), rounded. */
    private static final int[] INVERSE_LOG2 = {
        2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383, 2435, 2489, 2543, 2599, 2656, 2714, 2774, 2834,
        2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371, 3444, 3520, 3597, 3676, 3756, 3838, 3922, 4008,
    };
}
