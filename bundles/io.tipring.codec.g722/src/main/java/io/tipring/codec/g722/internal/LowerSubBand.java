package io.tipring.codec.g722.internal;

import static io.tipring.codec.g722.internal.Fixed.saturate;
import static io.tipring.codec.g722.internal.Fixed.saturate15;

/**
 * The ADPCM coder of the lower sub-band (0 to 4 kHz) in mode 1: 6 bits a sample, of which only the 4 most
 * significant drive the adaptation, so that a decoder given 5 or 4 of them (modes 2 and 3, where the link steals
 * the low bits for data) stays in step with the encoder.
 * <p>
 * One instance serves one direction of one stream; it is the encoder's copy or the decoder's copy of the same
 * state, which the two keep equal by running the same adaptation on the same codes.
 */
final class LowerSubBand {

    /** The largest logarithmic scale factor, 18432 (block 3L, LOGSCL). */
    private static final int MAX_LOG_SCALE = 18432;
    /** delta of each {@code logScale >> 6}. */
    private static final int[] SCALES = Fixed.linearScales(MAX_LOG_SCALE, 8);

    /**
     * Q6: the decision levels of the 6-bit quantizer in units of the scale factor, 2^12 for 1; a difference of
     * magnitude between Q6[i-1] and Q6[i] times the scale factor falls into interval i (block 1L, QUANTL).
     * Index 0 is unused.
     */
    private static final int[] DECISION_LEVELS = {
        0, 35, 72, 110, 150, 190, 233, 276, 323, 370, 422, 473, 530, 587, 650, 714,
        786, 858, 940, 1023, 1121, 1219, 1339, 1458, 1612, 1765, 1980, 2195, 2557, 2919,
    };
    /** The last interval, above every decision level. */
    private static final int TOP_INTERVAL = DECISION_LEVELS.length;
    /** The smallest interval whose decision level is at least the index, for every index up to the top level. */
    private static final byte[] INTERVAL_OF_LEVEL = new byte[DECISION_LEVELS[TOP_INTERVAL - 1] + 1];

    static {
        for (int level = 0, interval = 1; level < INTERVAL_OF_LEVEL.length; level++) {
            while (DECISION_LEVELS[interval] < level) {
                interval++;
            }
            INTERVAL_OF_LEVEL[level] = (byte) interval;
        }
    }

    /** ILN and ILP: the 6-bit code of each interval, for a negative and for a positive difference. */
    private static final int[] NEGATIVE_CODES = {
        0, 63, 62, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19,
        18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4,
    };
    private static final int[] POSITIVE_CODES = {
        0, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47,
        46, 45, 44, 43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32,
    };

    /** QM6: the output level of each 6-bit code, in units of the scale factor, 2^15 for 1 (block 5L, INVQBL). */
    private static final int[] LEVELS6 = {
        -136, -136, -136, -136, -24808, -21904, -19008, -16704,
        -14984, -13512, -12280, -11192, -10232, -9360, -8576, -7856,
        -7192, -6576, -6000, -5456, -4944, -4464, -4008, -3576,
        -3168, -2776, -2400, -2032, -1688, -1360, -1040, -728,
        24808, 21904, 19008, 16704, 14984, 13512, 12280, 11192,
        10232, 9360, 8576, 7856, 7192, 6576, 6000, 5456,
        4944, 4464, 4008, 3576, 3168, 2776, 2400, 2032,
        1688, 1360, 1040, 728, 432, 136, -432, -136,
    };

    /** QM4: the output level of each 4-bit code, the 6-bit code's top 4 bits (block 2L, INVQAL). */
    private static final int[] LEVELS4 = {
        0, -20456, -12896, -8968, -6288, -4240, -2584, -1200,
        20456, 12896, 8968, 6288, 4240, 2584, 1200, 0,
    };

    /**
     * The step of the logarithmic scale factor after each 4-bit code: the Recommendation's WL[RL42[code]]
     * folded into one table (block 3L, LOGSCL). Large differences widen the quantizer, small ones narrow it.
     */
    private static final int[] LOG_SCALE_STEPS = {
        -60, 3042, 1198, 538, 334, 172, 58, -30, 3042, 1198, 538, 334, 172, 58, -30, -60,
    };

    private final AdaptivePredictor predictor = new AdaptivePredictor();
    /** nabla-L: the logarithmic scale factor. */
    private int logScale;
    /** delta-L: the linear scale factor. */
    private int scale = SCALES[0];

    /**
     * Codes one sample of the lower sub-band (blocks 1L to 4L).
     *
     * @param sample the lower sub-band's sample from the analysis filter, 15 bits
     * @return its 6-bit code
     */
    int encode(int sample) {
        int difference = saturate(sample - predictor.estimate());
        // The one's complement keeps the magnitude of -32768 in 16 bits, as the Recommendation does.
        int magnitude = difference >= 0 ? difference : ~difference;
        int interval = interval(magnitude);
        int code = difference >= 0 ? POSITIVE_CODES[interval] : NEGATIVE_CODES[interval];
        adapt(code);
        return code;
    }

    /**
     * Decodes one code of the lower sub-band (blocks 5L, 6L and 2L to 4L).
     *
     * @param code a 6-bit code
     * @return the reconstructed sample of the lower sub-band, 15 bits
     */
    int decode(int code) {
        // The output uses all 6 bits; the adaptation, as in the encoder, only the top 4.
        int sample = saturate15(predictor.estimate() + ((scale * LEVELS6[code]) >> 15));
        adapt(code);
        return sample;
    }

    /**
     * The Recommendation's interval: the smallest i with {@code magnitude < (Q6[i] * scale) >> 12}, else the top.
     * For integers that is {@code Q6[i] >= ceil((magnitude + 1) * 2^12 / scale)}: one division and a table
     * lookup, where a search would take a mispredicted branch at nearly every step.
     */
    private int interval(int magnitude) {
        int level = (((magnitude + 1) << 12) + scale - 1) / scale;
        return level < INTERVAL_OF_LEVEL.length ? INTERVAL_OF_LEVEL[level] : TOP_INTERVAL;
    }

    /** Moves the scale factor and the predictor on by one 6-bit code, of which it reads the top 4 bits. */
    private void adapt(int code) {
        int code4 = code >> 2;
        int difference = (scale * LEVELS4[code4]) >> 15;
        logScale = Math.clamp(((logScale * 127) >> 7) + LOG_SCALE_STEPS[code4], 0, MAX_LOG_SCALE);
        scale = SCALES[logScale >> 6];
        predictor.update(difference);
    }
}
