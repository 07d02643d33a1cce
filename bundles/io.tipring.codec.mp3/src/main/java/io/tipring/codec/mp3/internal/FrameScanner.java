package io.tipring.codec.mp3.internal;

/**
 * Finds the MP3 frames in a byte stream that arrives in pieces cut anywhere: it keeps the bytes of an incomplete
 * frame until the rest arrives, skips ID3v2 tags, and skips junk by looking for the next frame header.
 * <p>
 * Four bytes that look like a header are taken for one only if the next frame's header follows where the frame
 * ends, with the same version, rate and channels (or if the stream ends there); after that, each frame that
 * starts where the previous one ended and continues its stream is trusted. A stretch of {@link #JUNK_LIMIT} bytes
 * without a frame means the stream is not MP3 at all.
 */
final class FrameScanner {

    static final String NOT_MP3 = "audioData is not MP3";
    static final int JUNK_LIMIT = 64 * 1024;
    /** Room for a slice of input and the longest frame (1441 bytes) still waiting for its end. */
    private static final int CAPACITY = 16 * 1024;

    private final byte[] bytes = new byte[CAPACITY];
    private int start;
    private int end;
    private int frameStart;
    /** What remains of an ID3v2 tag, beyond the bytes held. */
    private long toSkip;
    /** Bytes skipped since the last frame. */
    private int junk;
    /** The last frame's header while frames follow one another; null while looking for one. */
    private FrameHeader previous;
    private boolean anyFrame;
    private boolean anyBytes;

    /**
     * Takes as many of the bytes as there is room for; there is always room for some once {@link #next} has
     * returned null.
     *
     * @return how many bytes were taken
     */
    int append(byte[] data, int offset, int length) {
        System.arraycopy(bytes, start, bytes, 0, end - start);
        end -= start;
        frameStart -= start;
        start = 0;
        int taken = Math.min(length, CAPACITY - end);
        System.arraycopy(data, offset, bytes, end, taken);
        end += taken;
        anyBytes |= taken > 0;
        return taken;
    }

    /**
     * @param atEnd whether no more bytes will come, so that a frame need not wait for the next one's header
     * @return the next whole frame's header, its bytes in {@link #bytes()} from {@link #frameStart()} until the next
     *         {@link #append}; or null if the bytes held end before the next frame does
     * @throws IllegalArgumentException if the last {@link #JUNK_LIMIT} bytes held no frame; they are dropped, so
     *                                  that scanning can go on
     */
    FrameHeader next(boolean atEnd) {
        while (true) {
            skipTag();
            int available = end - start;
            if (toSkip > 0 || available < FrameHeader.SIZE) {
                return null;
            }
            if (available < Id3v2Tag.HEADER_LENGTH && bytes[start] == 'I' && !atEnd) {
                return null;
            }
            if (available >= Id3v2Tag.HEADER_LENGTH && Id3v2Tag.lengthAt(bytes, start) > 0) {
                toSkip = Id3v2Tag.lengthAt(bytes, start);
                continue;
            }
            FrameHeader header = FrameHeader.at(bytes, start);
            if (header != null) {
                int length = header.frameLength();
                boolean following = previous != null && header.sameStreamAs(previous);
                if (available < length) {
                    if (!atEnd) {
                        return null;
                    }
                    if (following) {
                        start = end;
                        return null; // the last frame, cut short: dropped
                    }
                } else if (following) {
                    return take(header);
                } else if (available < length + FrameHeader.SIZE) {
                    if (!atEnd) {
                        return null;
                    }
                    return take(header); // the last frame: no next header can confirm it
                } else if (confirmedByNext(header)) {
                    return take(header);
                }
            }
            skipJunkByte();
        }
    }

    private boolean confirmedByNext(FrameHeader header) {
        FrameHeader next = FrameHeader.at(bytes, start + header.frameLength());
        return next != null && next.sameStreamAs(header);
    }

    private void skipTag() {
        int skipped = (int) Math.min(toSkip, end - start);
        start += skipped;
        toSkip -= skipped;
        if (skipped > 0) {
            previous = null;
        }
    }

    private FrameHeader take(FrameHeader header) {
        frameStart = start;
        start += header.frameLength();
        previous = header;
        junk = 0;
        anyFrame = true;
        return header;
    }

    private void skipJunkByte() {
        start++;
        previous = null;
        if (++junk >= JUNK_LIMIT) {
            junk = 0;
            throw new IllegalArgumentException(NOT_MP3);
        }
    }

    byte[] bytes() {
        return bytes;
    }

    int frameStart() {
        return frameStart;
    }

    /** @return whether bytes came but not one frame among them */
    boolean foundNoFrame() {
        return anyBytes && !anyFrame;
    }
}
