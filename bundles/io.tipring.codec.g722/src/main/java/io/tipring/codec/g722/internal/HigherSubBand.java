package io.tipring.codec.g722.internal;

import static io.tipring.codec.g722.internal.Fixed.saturate;
import static io.tipring.codec.g722.internal.Fixed.saturate15;

/**
 * The ADPCM coder of the higher sub-band (4 to 8 kHz): 2 bits a sample, the sign of the difference and whether
 * it is large. Speech has little energy there, so that is enough; the predictor is the same as the lower
 * sub-band's.
 * <p>
 * One instance serves one direction of one stream, as the encoder's or the decoder's copy of the state.
 */
final class HigherSubBand {

    /** The largest logarithmic scale factor, 22528 (block 3H, LOGSCH). */
    private static final int MAX_LOG_SCALE = 22528;
    /** delta of each {@code logScale >> 6}. */
    private static final int[] SCALES = Fixed.linearScales(MAX_LOG_SCALE, 10);
    /** The one decision level of the 2-bit quantizer, in units of the scale factor, 2^12 for 1 (block 1H). */
    private static final int DECISION_LEVEL = 564;

    /** QM2: the output level of each code, in units of the scale factor, 2^15 for 1 (block 2H, INVQAH). */
    private static final int[] LEVELS = {-7408, -1616, 7408, 1616};
    /** The Recommendation's WH[RH2[code]] folded into one table (block 3H, LOGSCH). */
    private static final int[] LOG_SCALE_STEPS = {798, -214, 798, -214};

    private final AdaptivePredictor predictor = new AdaptivePredictor();
    /** nabla-H: the logarithmic scale factor. */
    private int logScale;
    /** delta-H: the linear scale factor. */
    private int scale = SCALES[0];

    /**
     * Codes one sample of the higher sub-band (blocks 1H to 4H).
     *
     * @param sample the higher sub-band's sample from the analysis filter, 15 bits
     * @return its 2-bit code: 0 and 1 for a large and a small negative difference, 2 and 3 for positive ones
     */
    int encode(int sample) {
        int difference = saturate(sample - predictor.estimate());
        int magnitude = difference >= 0 ? difference : ~difference;
        boolean large = magnitude >= (DECISION_LEVEL * scale) >> 12;
        int code = (difference >= 0 ? 2 : 0) | (large ? 0 : 1);
        adapt(code);
        return code;
    }

    /**
     * Decodes one code of the higher sub-band (blocks 2H to 6H).
     *
     * @param code a 2-bit code
     * @return the reconstructed sample of the higher sub-band, 15 bits
     */
    int decode(int code) {
        int difference = (scale * LEVELS[code]) >> 15;
        int sample = saturate15(predictor.estimate() + difference);
        adapt(code);
        return sample;
    }

    private void adapt(int code) {
        int difference = (scale * LEVELS[code]) >> 15;
        logScale = Math.clamp(((logScale * 127) >> 7) + LOG_SCALE_STEPS[code], 0, MAX_LOG_SCALE);
        scale = SCALES[logScale >> 6];
        predictor.update(difference);
    }
}
