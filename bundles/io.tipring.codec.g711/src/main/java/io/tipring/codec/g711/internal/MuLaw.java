package io.tipring.codec.g711.internal;

/**
 * The G.711 mu-law quantiser for one sample, computed the way ITU-T G.191's reference software
 * ({@code ulaw_compress} / {@code ulaw_expand}) computes it for 16-bit linear PCM.
 * <p>
 * G.711 itself quantises 14-bit values; G.191 reduces a 16-bit sample by truncating its magnitude, taking
 * the one's complement of negative samples, so that {@code x} and {@code -x - 1} get the same magnitude. Other
 * converters round, or negate in two's complement, and so differ from this one by one code right at some
 * decision levels; both ends of a call decode any of them the same way.
 */
public final class MuLaw {

    /** The 14-bit bias of 33, scaled to 16 bits: it makes every segment start at a power of two. */
    private static final int BIAS = 0x84;
    /** The largest biased magnitude the eight segments hold; anything louder takes the loudest code. */
    private static final int MAX_BIASED_MAGNITUDE = 0x7FFF;

    private MuLaw() {
    }

    /**
     * @param sample a 16-bit linear sample
     * @return its mu-law code, bits inverted as transmitted
     */
    public static byte encode(short sample) {
        int sign = sample >> 31;
        int biased = Math.min((sample ^ sign) + BIAS, MAX_BIASED_MAGNITUDE);
        // The biased magnitude lies in [128 << segment, 256 << segment): its top bit names the segment.
        int segment = 24 - Integer.numberOfLeadingZeros(biased);
        int code = segment << 4 | (biased >> (segment + 3)) & 0x0F;
        return (byte) (code ^ (0xFF ^ (sign & 0x80)));
    }

    /**
     * @param code a mu-law code as transmitted
     * @return the 16-bit linear sample it stands for, the middle of its quantisation interval
     */
    public static short decode(byte code) {
        int inverted = ~code & 0xFF;
        int segment = inverted >> 4 & 0x07;
        int magnitude = ((inverted & 0x0F) << 3 | BIAS) << segment;
        return (short) ((inverted & 0x80) == 0 ? magnitude - BIAS : BIAS - magnitude);
    }
}
