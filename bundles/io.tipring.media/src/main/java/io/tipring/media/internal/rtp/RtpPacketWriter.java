package io.tipring.media.internal.rtp;

import java.util.Objects;

/**
 * Writes RTP packets (RFC 3550 section 5.1) into a caller's buffer: a 12-byte header without CSRCs, header
 * extension or padding, then the payload. A sender keeps one writer per stream, sets what stays the same
 * (payload type, SSRC) once, and sets marker, sequence number and timestamp for each packet, so writing
 * allocates nothing.
 */
public final class RtpPacketWriter {

    /** The size of the header this writer writes. */
    public static final int HEADER_LENGTH = RtpPacket.FIXED_HEADER_LENGTH;

    private static final int VERSION_BITS = 2 << 6;

    private int payloadType;
    private boolean marker;
    private int sequenceNumber;
    private int timestamp;
    private int ssrc;

    /**
     * @param payloadType 0-127
     * @return this writer
     * @throws IllegalArgumentException if {@code payloadType} does not fit 7 bits
     */
    public RtpPacketWriter payloadType(int payloadType) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("an RTP payload type is 0-127, not " + payloadType);
        }
        this.payloadType = payloadType;
        return this;
    }

    /**
     * @param marker the M bit of the next packet
     * @return this writer
     */
    public RtpPacketWriter marker(boolean marker) {
        this.marker = marker;
        return this;
    }

    /**
     * @param sequenceNumber the next packet's sequence number; only its low 16 bits are written, so a caller
     *                       may simply count up
     * @return this writer
     */
    public RtpPacketWriter sequenceNumber(int sequenceNumber) {
        this.sequenceNumber = sequenceNumber & 0xFFFF;
        return this;
    }

    /**
     * @param timestamp the next packet's timestamp, its 32 bits as an {@code int}
     * @return this writer
     */
    public RtpPacketWriter timestamp(int timestamp) {
        this.timestamp = timestamp;
        return this;
    }

    /**
     * @param ssrc the stream's synchronisation source, its 32 bits as an {@code int}
     * @return this writer
     */
    public RtpPacketWriter ssrc(int ssrc) {
        this.ssrc = ssrc;
        return this;
    }

    /**
     * Writes only the header, for a caller that encodes the payload straight behind it.
     *
     * @param dest   where the packet goes
     * @param offset where the header starts
     * @return {@link #HEADER_LENGTH}
     * @throws IndexOutOfBoundsException if {@code dest} has no room for the header at {@code offset}
     */
    public int writeHeader(byte[] dest, int offset) {
        Objects.checkFromIndexSize(offset, HEADER_LENGTH, dest.length);
        dest[offset] = (byte) VERSION_BITS;
        dest[offset + 1] = (byte) ((marker ? 0x80 : 0) | payloadType);
        dest[offset + 2] = (byte) (sequenceNumber >>> 8);
        dest[offset + 3] = (byte) sequenceNumber;
        writeInt(dest, offset + 4, timestamp);
        writeInt(dest, offset + 8, ssrc);
        return HEADER_LENGTH;
    }

    /**
     * Writes the header followed by a copy of the payload.
     *
     * @param dest          where the packet goes
     * @param offset        where the packet starts
     * @param payload       the payload's bytes
     * @param payloadOffset where the payload starts in {@code payload}
     * @param payloadLength how many payload bytes
     * @return the packet's length
     * @throws IndexOutOfBoundsException if the payload is not within {@code payload} or the packet does not fit
     *                                   in {@code dest} at {@code offset}
     */
    public int write(byte[] dest, int offset, byte[] payload, int payloadOffset, int payloadLength) {
        Objects.checkFromIndexSize(payloadOffset, payloadLength, payload.length);
        Objects.checkFromIndexSize(offset, HEADER_LENGTH + payloadLength, dest.length);
        writeHeader(dest, offset);
        System.arraycopy(payload, payloadOffset, dest, offset + HEADER_LENGTH, payloadLength);
        return HEADER_LENGTH + payloadLength;
    }

    private static void writeInt(byte[] dest, int at, int value) {
        dest[at] = (byte) (value >>> 24);
        dest[at + 1] = (byte) (value >>> 16);
        dest[at + 2] = (byte) (value >>> 8);
        dest[at + 3] = (byte) value;
    }
}
