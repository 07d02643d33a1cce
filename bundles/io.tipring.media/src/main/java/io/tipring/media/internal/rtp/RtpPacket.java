package io.tipring.media.internal.rtp;

import java.util.Objects;

/**
 * A reusable view of one RTP packet (RFC 3550 section 5.1) inside a caller's byte array: {@link #wrap}
 * checks the header and locates the payload, and the accessors read fields straight from the bytes. One
 * instance serves every packet of a stream, so reading a packet allocates nothing.
 * <p>
 * The accessors are meaningful only after {@code wrap} returned {@link RtpParseResult#VALID}, and only while
 * the caller leaves the wrapped bytes alone.
 */
public final class RtpPacket {

    /** The size of the fixed header, before CSRCs and the header extension. */
    public static final int FIXED_HEADER_LENGTH = 12;

    private static final int VERSION = 2;
    private static final int EXTENSION_HEADER_LENGTH = 4;

    private byte[] data;
    private int offset;
    private int length;
    private int extensionOffset;
    private int extensionLength;
    private int payloadOffset;
    private int payloadLength;

    /**
     * Points this view at a packet and validates it.
     *
     * @param data   the bytes holding the packet
     * @param offset where the packet starts
     * @param length how many bytes the packet has (the datagram's length)
     * @return {@link RtpParseResult#VALID}, or why the packet cannot be used
     * @throws IndexOutOfBoundsException if {@code offset} and {@code length} do not lie within {@code data},
     *                                   which is the caller's mistake, not the network's
     */
    public RtpParseResult wrap(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        this.data = data;
        this.offset = offset;
        this.length = length;
        if (length < FIXED_HEADER_LENGTH) {
            return RtpParseResult.TOO_SHORT;
        }
        if (version() != VERSION) {
            return RtpParseResult.WRONG_VERSION;
        }
        int secondOctet = data[offset + 1] & 0xFF;
        if (secondOctet >= 192 && secondOctet <= 223) {
            return RtpParseResult.RTCP_PACKET;
        }
        int headerLength = FIXED_HEADER_LENGTH + 4 * csrcCount();
        if (headerLength > length) {
            return RtpParseResult.CSRC_OVERRUN;
        }
        extensionOffset = -1;
        extensionLength = 0;
        if (hasExtension()) {
            if (headerLength + EXTENSION_HEADER_LENGTH > length) {
                return RtpParseResult.EXTENSION_OVERRUN;
            }
            int words = readUnsignedShort(offset + headerLength + 2);
            extensionOffset = offset + headerLength + EXTENSION_HEADER_LENGTH;
            extensionLength = 4 * words;
            headerLength += EXTENSION_HEADER_LENGTH + extensionLength;
            if (headerLength > length) {
                return RtpParseResult.EXTENSION_OVERRUN;
            }
        }
        int padding = 0;
        if (hasPadding()) {
            // The last octet counts the padding including itself, so zero is as wrong as too many.
            padding = data[offset + length - 1] & 0xFF;
            if (padding == 0 || padding > length - headerLength) {
                return RtpParseResult.BAD_PADDING;
            }
        }
        payloadOffset = offset + headerLength;
        payloadLength = length - headerLength - padding;
        return RtpParseResult.VALID;
    }

    /** @return the array this view reads */
    public byte[] data() {
        return data;
    }

    /** @return where the packet starts in {@link #data()} */
    public int offset() {
        return offset;
    }

    /** @return the packet's whole length, header and padding included */
    public int length() {
        return length;
    }

    /** @return the version field, 2 for every valid packet */
    public int version() {
        return (data[offset] & 0xFF) >>> 6;
    }

    /** @return whether the P bit says the payload is followed by padding */
    public boolean hasPadding() {
        return (data[offset] & 0x20) != 0;
    }

    /** @return whether the X bit says a header extension follows the CSRCs */
    public boolean hasExtension() {
        return (data[offset] & 0x10) != 0;
    }

    /** @return how many CSRC identifiers follow the fixed header, 0-15 */
    public int csrcCount() {
        return data[offset] & 0x0F;
    }

    /**
     * @param index 0 to {@link #csrcCount()} - 1
     * @return that contributing source, its 32 bits as an {@code int}
     */
    public int csrc(int index) {
        Objects.checkIndex(index, csrcCount());
        return readInt(offset + FIXED_HEADER_LENGTH + 4 * index);
    }

    /** @return the M bit; for audio it marks the first packet of a talkspurt or of a telephone-event */
    public boolean marker() {
        return (data[offset + 1] & 0x80) != 0;
    }

    /** @return the payload type, 0-127 */
    public int payloadType() {
        return data[offset + 1] & 0x7F;
    }

    /** @return the sequence number, 0-65535 */
    public int sequenceNumber() {
        return readUnsignedShort(offset + 2);
    }

    /** @return the timestamp, its 32 bits as an {@code int}: compare it with {@link RtpSequence} */
    public int timestamp() {
        return readInt(offset + 4);
    }

    /** @return the synchronisation source, its 32 bits as an {@code int} */
    public int ssrc() {
        return readInt(offset + 8);
    }

    /** @return the profile-defined 16 bits that start the header extension, or -1 without one */
    public int extensionProfile() {
        return hasExtension() ? readUnsignedShort(extensionOffset - EXTENSION_HEADER_LENGTH) : -1;
    }

    /** @return where the header extension's data starts in {@link #data()}, or -1 without one */
    public int extensionOffset() {
        return extensionOffset;
    }

    /** @return how many bytes of header extension data there are, after its 4-byte header */
    public int extensionLength() {
        return extensionLength;
    }

    /** @return where the payload starts in {@link #data()}, after CSRCs and the header extension */
    public int payloadOffset() {
        return payloadOffset;
    }

    /** @return how many payload bytes there are, padding removed */
    public int payloadLength() {
        return payloadLength;
    }

    private int readUnsignedShort(int at) {
        return (data[at] & 0xFF) << 8 | data[at + 1] & 0xFF;
    }

    private int readInt(int at) {
        return (data[at] & 0xFF) << 24 | (data[at + 1] & 0xFF) << 16 | (data[at + 2] & 0xFF) << 8 | data[at + 3] & 0xFF;
    }
}
