package io.tipring.codec.mp3.internal;

/**
 * The 4-byte header of an MPEG-1, MPEG-2 or MPEG-2.5 Layer III frame (ISO/IEC 11172-3 and 13818-3), which gives the
 * frame's length, rate and channels.
 *
 * @param word the header's 32 bits, big-endian
 */
record FrameHeader(int word) {

    static final int SIZE = 4;

    private static final int MPEG_2_5 = 0;
    private static final int MPEG_1 = 3;
    private static final int LAYER_III = 1;
    private static final int MONO = 3;
    private static final int RESERVED_EMPHASIS = 2;
    private static final int[] MPEG_1_RATES = {44_100, 48_000, 32_000};
    private static final int[] MPEG_1_KBITS = {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320};
    private static final int[] MPEG_2_KBITS = {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160};

    /**
     * @return the header at {@code at}, or null if the 4 bytes there are not a valid Layer III header (no sync,
     *         a reserved value, or the free-format bitrate, whose frame length the header does not give)
     */
    static FrameHeader at(byte[] bytes, int at) {
        int word = (bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8
                | bytes[at + 3] & 0xFF;
        boolean valid = (word >>> 21) == 0x7FF
                && field(word, 19, 2) != 1
                && field(word, 17, 2) == LAYER_III
                && field(word, 12, 4) != 0 && field(word, 12, 4) != 15
                && field(word, 10, 2) != 3
                && field(word, 0, 2) != RESERVED_EMPHASIS;
        return valid ? new FrameHeader(word) : null;
    }

    private static int field(int word, int shift, int bits) {
        return (word >>> shift) & ((1 << bits) - 1);
    }

    private int version() {
        return field(word, 19, 2);
    }

    boolean isMpeg1() {
        return version() == MPEG_1;
    }

    /** @return the rate in Hz: 32, 44.1 or 48 kHz for MPEG-1, half that for MPEG-2, a quarter for MPEG-2.5 */
    int sampleRate() {
        int rate = MPEG_1_RATES[field(word, 10, 2)];
        return version() == MPEG_1 ? rate : version() == MPEG_2_5 ? rate / 4 : rate / 2;
    }

    int channels() {
        return field(word, 6, 2) == MONO ? 1 : 2;
    }

    /** @return the samples a channel of the frame holds: 1152 for MPEG-1, 576 for MPEG-2 and 2.5 */
    int samplesPerFrame() {
        return isMpeg1() ? 1152 : 576;
    }

    /** @return the frame's length in bytes, header included */
    int frameLength() {
        int kbits = (isMpeg1() ? MPEG_1_KBITS : MPEG_2_KBITS)[field(word, 12, 4)];
        int slotsPerKbit = isMpeg1() ? 144_000 : 72_000;
        return slotsPerKbit * kbits / sampleRate() + field(word, 9, 1);
    }

    /** @return the length of the side information that follows the header (and its CRC, if any) */
    int sideInfoLength() {
        return isMpeg1() ? (channels() == 1 ? 17 : 32) : (channels() == 1 ? 9 : 17);
    }

    /**
     * @return whether the other frame can continue this one's stream: the same MPEG version, rate and channels.
     *         A decoder follows the stream's frames as long as these stay, and starts anew when they change.
     */
    boolean sameStreamAs(FrameHeader other) {
        return version() == other.version() && sampleRate() == other.sampleRate() && channels() == other.channels();
    }
}
