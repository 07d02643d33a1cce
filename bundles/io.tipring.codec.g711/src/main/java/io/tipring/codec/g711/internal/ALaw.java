package io.tipring.codec.g711.internal;

/**
 * The G.711 A-law quantiser for one sample, computed the way ITU-T G.191's reference software
 * ({@code alaw_compress} / {@code alaw_expand}) computes it for 16-bit linear PCM.
 * <p>
 * G.711 itself quantises 13-bit values; G.191 reduces a 16-bit sample by truncating its magnitude, taking
 * the one's complement of negative samples, so that {@code x} and {@code -x - 1} get the same magnitude. Other
 * converters round first, and so differ from this one by one code right at some decision levels; both ends of
 * a call decode any of them the same way.
 */
public final class ALaw {

    /** A-law transmits its codes with the even bits inverted. */
    private static final int EVEN_BITS = 0x55;

    private ALaw() {
    }

    /**
     * @param sample a 16-bit linear sample
     * @return its A-law code, even bits inverted as transmitted
     */
    public static byte encode(short sample) {
        int sign = sample >> 31;
        int magnitude = sample ^ sign;
        // Segments 1 to 7 hold [128 << segment, 256 << segment); segment 0 holds [0, 256) with the step of segment 1.
        int segment = Math.max(0, 24 - Integer.numberOfLeadingZeros(magnitude));
        int code = segment << 4 | (magnitude >> Math.max(4, segment + 3)) & 0x0F;
        return (byte) (code ^ (EVEN_BITS | 0x80 & ~sign));
    }

    /**
     * @param code an A-law code as transmitted
     * @return the 16-bit linear sample it stands for, the middle of its quantisation interval
     */
    public static short decode(byte code) {
        int plain = (code ^ EVEN_BITS) & 0xFF;
        int segment = plain >> 4 & 0x07;
        int step = (plain & 0x0F) << 4 | 0x08;
        int magnitude = segment == 0 ? step : (step | 0x100) << (segment - 1);
        return (short) ((plain & 0x80) != 0 ? magnitude : -magnitude);
    }
}
