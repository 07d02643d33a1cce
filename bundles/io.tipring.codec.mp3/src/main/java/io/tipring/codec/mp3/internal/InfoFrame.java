package io.tipring.codec.mp3.internal;

/**
 * The frame without audio that encoders put first to describe the file: a Xing or Info tag (LAME, FFmpeg) or a
 * VBRI tag (Fraunhofer). A LAME tag inside it gives the encoder's delay and padding, the silence the encoder
 * added at each end, which a decoder trims so that the audio comes out exactly as long as what was encoded.
 *
 * @param encoderDelay   the samples the encoder added before the audio; 0 if unknown
 * @param encoderPadding the samples the encoder added after the audio; 0 if unknown
 */
record InfoFrame(int encoderDelay, int encoderPadding) {

    private static final int XING_FRAMES = 1;
    private static final int XING_BYTES = 2;
    private static final int XING_TABLE_OF_CONTENTS = 4;
    private static final int XING_QUALITY = 8;
    /** Where the delay and padding are, counted from the LAME tag: 12 bits each. */
    private static final int DELAY_AND_PADDING_OFFSET = 21;
    private static final int VBRI_OFFSET = FrameHeader.SIZE + 32;

    /**
     * @param frame  bytes holding the whole frame from {@code at}
     * @param header the frame's header
     * @return the frame's description, or null if it is a frame of audio
     */
    static InfoFrame in(byte[] frame, int at, FrameHeader header) {
        int length = header.frameLength();
        int xing = at + FrameHeader.SIZE + header.sideInfoLength();
        int room = at + length - xing;
        if (room >= 8 && (matches(frame, xing, room, "Xing") || matches(frame, xing, room, "Info"))) {
            int lame = xing + lameTagOffset(frame, xing);
            int end = lame + DELAY_AND_PADDING_OFFSET + 3;
            if (end <= at + length && (matches(frame, lame, 4, "LAME") || matches(frame, lame, 4, "Lavf")
                    || matches(frame, lame, 4, "Lavc"))) {
                int bits = (frame[end - 3] & 0xFF) << 16 | (frame[end - 2] & 0xFF) << 8 | frame[end - 1] & 0xFF;
                return new InfoFrame(bits >>> 12, bits & 0xFFF);
            }
            return new InfoFrame(0, 0);
        }
        return matches(frame, at + VBRI_OFFSET, length - VBRI_OFFSET, "VBRI") ? new InfoFrame(0, 0) : null;
    }

    /** @return where the LAME tag starts, counted from the Xing tag: after the fields that the Xing flags announce */
    private static int lameTagOffset(byte[] frame, int xing) {
        int flags = frame[xing + 7];
        return 8 + ((flags & XING_FRAMES) != 0 ? 4 : 0) + ((flags & XING_BYTES) != 0 ? 4 : 0)
                + ((flags & XING_TABLE_OF_CONTENTS) != 0 ? 100 : 0) + ((flags & XING_QUALITY) != 0 ? 4 : 0);
    }

    private static boolean matches(byte[] bytes, int at, int room, String tag) {
        if (room < tag.length()) {
            return false;
        }
        for (int i = 0; i < tag.length(); i++) {
            if (bytes[at + i] != tag.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
