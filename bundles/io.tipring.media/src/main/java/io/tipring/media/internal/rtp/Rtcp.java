package io.tipring.media.internal.rtp;

import java.util.Objects;

/**
 * RTCP packets of RFC 3550 section 6, read and written in place in caller-owned arrays: the sender report (SR),
 * the receiver report (RR) with its report blocks, the source description (SDES) carrying the CNAME every
 * compound packet must have, and BYE. Nothing is allocated, as reports are written on the media clock.
 * <p>
 * {@link #isValidCompound} applies the header checks of RFC 3550 appendix A.2 before anything is read: datagrams
 * reach the RTCP port from anyone, and garbage must be recognised as such.
 */
public final class Rtcp {

    /** Packet type of a sender report. */
    public static final int SENDER_REPORT = 200;
    /** Packet type of a receiver report. */
    public static final int RECEIVER_REPORT = 201;
    /** Packet type of a source description. */
    public static final int SOURCE_DESCRIPTION = 202;
    /** Packet type of a goodbye. */
    public static final int BYE = 203;
    /** The length of an SR up to its report blocks: header, SSRC, NTP and RTP timestamps, counts. */
    public static final int SENDER_REPORT_LENGTH = 28;
    /** The length of an RR up to its report blocks: header and SSRC. */
    public static final int RECEIVER_REPORT_LENGTH = 8;
    /** The length of one report block. */
    public static final int REPORT_BLOCK_LENGTH = 24;
    /** Seconds from the NTP epoch (1900) to the Unix epoch (1970). */
    public static final long NTP_UNIX_OFFSET_SECONDS = 2_208_988_800L;

    private static final int VERSION_BITS = 2 << 6;
    private static final int SDES_CNAME = 1;

    private Rtcp() {
    }

    /**
     * @param data   a datagram received on an RTCP port
     * @param length its length
     * @return whether it is a well-formed compound RTCP packet: version 2 throughout, starting with an SR or RR
     *         without padding, and packets whose lengths add up to the datagram's
     */
    public static boolean isValidCompound(byte[] data, int length) {
        if (length < RECEIVER_REPORT_LENGTH || length > data.length || length % 4 != 0) {
            return false;
        }
        int first = data[0] & 0xFF;
        int firstType = data[1] & 0xFF;
        if ((first & 0xE0) != VERSION_BITS || (firstType != SENDER_REPORT && firstType != RECEIVER_REPORT)) {
            return false;
        }
        int at = 0;
        while (at < length) {
            if (length - at < 4 || (data[at] & 0xC0) != VERSION_BITS) {
                return false;
            }
            at += packetLength(data, at);
        }
        if (at != length) {
            return false;
        }
        // Each SR or RR must hold the report blocks its count announces.
        for (at = 0; at < length; at += packetLength(data, at)) {
            int type = packetType(data, at);
            int needed = type == SENDER_REPORT ? SENDER_REPORT_LENGTH : type == RECEIVER_REPORT ? RECEIVER_REPORT_LENGTH : 4;
            needed += type == SENDER_REPORT || type == RECEIVER_REPORT ? count(data, at) * REPORT_BLOCK_LENGTH : 0;
            if (packetLength(data, at) < needed) {
                return false;
            }
        }
        return true;
    }

    /** @return the type of the packet at {@code at} */
    public static int packetType(byte[] data, int at) {
        return data[at + 1] & 0xFF;
    }

    /** @return the 5-bit count (report blocks, sources) of the packet at {@code at} */
    public static int count(byte[] data, int at) {
        return data[at] & 0x1F;
    }

    /** @return the length in bytes of the packet at {@code at}, header included */
    public static int packetLength(byte[] data, int at) {
        return (readShort(data, at + 2) + 1) * 4;
    }

    /** @return the SSRC of the sender of the SR, RR or first BYE source at {@code at} */
    public static int senderSsrc(byte[] data, int at) {
        return readInt(data, at + 4);
    }

    /** @return the middle 32 bits of an SR's NTP timestamp, which a receiver echoes as its LSR */
    public static int senderReportMiddleNtp(byte[] data, int at) {
        return readInt(data, at + 10);
    }

    /** @return the offset of the {@code index}th report block of the SR or RR at {@code at} */
    public static int reportBlock(byte[] data, int at, int index) {
        int first = packetType(data, at) == SENDER_REPORT ? SENDER_REPORT_LENGTH : RECEIVER_REPORT_LENGTH;
        return at + first + index * REPORT_BLOCK_LENGTH;
    }

    /** @return the SSRC a report block at {@code block} reports on */
    public static int blockSsrc(byte[] data, int block) {
        return readInt(data, block);
    }

    /** @return a report block's fraction lost, 0-255 in 1/256 */
    public static int blockFractionLost(byte[] data, int block) {
        return data[block + 4] & 0xFF;
    }

    /** @return a report block's cumulative number of packets lost, a signed 24-bit number */
    public static int blockCumulativeLost(byte[] data, int block) {
        return readInt(data, block + 4) << 8 >> 8;
    }

    /** @return a report block's interarrival jitter, in RTP timestamp units */
    public static int blockJitter(byte[] data, int block) {
        return readInt(data, block + 12);
    }

    /**
     * Writes an SR's header and sender info; the report blocks, if any, follow at the returned offset.
     *
     * @param dest          where to write
     * @param at            where the packet starts
     * @param ssrc          this sender's SSRC
     * @param blocks        how many report blocks follow, 0-31
     * @param ntpTime       the wall clock as a 64-bit NTP timestamp
     * @param rtpTimestamp  the same instant on the stream's RTP clock
     * @param packets       packets sent since the stream started
     * @param octets        payload octets sent since the stream started
     * @return the offset after the sender info
     */
    public static int writeSenderReport(byte[] dest, int at, int ssrc, int blocks, long ntpTime, int rtpTimestamp,
            long packets, long octets) {
        Objects.checkFromIndexSize(at, SENDER_REPORT_LENGTH + blocks * REPORT_BLOCK_LENGTH, dest.length);
        writeHeader(dest, at, blocks, SENDER_REPORT, SENDER_REPORT_LENGTH + blocks * REPORT_BLOCK_LENGTH);
        writeInt(dest, at + 4, ssrc);
        writeInt(dest, at + 8, (int) (ntpTime >>> 32));
        writeInt(dest, at + 12, (int) ntpTime);
        writeInt(dest, at + 16, rtpTimestamp);
        writeInt(dest, at + 20, (int) packets);
        writeInt(dest, at + 24, (int) octets);
        return at + SENDER_REPORT_LENGTH;
    }

    /**
     * Writes an RR's header; the report blocks follow at the returned offset.
     *
     * @return the offset after the header and SSRC
     */
    public static int writeReceiverReport(byte[] dest, int at, int ssrc, int blocks) {
        Objects.checkFromIndexSize(at, RECEIVER_REPORT_LENGTH + blocks * REPORT_BLOCK_LENGTH, dest.length);
        writeHeader(dest, at, blocks, RECEIVER_REPORT, RECEIVER_REPORT_LENGTH + blocks * REPORT_BLOCK_LENGTH);
        writeInt(dest, at + 4, ssrc);
        return at + RECEIVER_REPORT_LENGTH;
    }

    /**
     * Writes one report block.
     *
     * @param sourceSsrc       the source reported on
     * @param fractionLost     the share of packets lost since the previous report, in 1/256, 0-255
     * @param cumulativeLost   packets lost since the stream started, clamped to 24 signed bits
     * @param extendedHighest  the highest sequence number received, extended by the roll-overs
     * @param jitter           the interarrival jitter in RTP timestamp units
     * @param lastSenderReport the middle 32 bits of the last SR's NTP timestamp from that source, or 0
     * @param delaySinceLast   the time since that SR arrived, in 1/65536 s, or 0
     * @return the offset after the block
     */
    public static int writeReportBlock(byte[] dest, int at, int sourceSsrc, int fractionLost, long cumulativeLost,
            long extendedHighest, int jitter, int lastSenderReport, int delaySinceLast) {
        Objects.checkFromIndexSize(at, REPORT_BLOCK_LENGTH, dest.length);
        int lost = (int) Math.max(-0x80_0000, Math.min(0x7F_FFFF, cumulativeLost));
        writeInt(dest, at, sourceSsrc);
        writeInt(dest, at + 4, (fractionLost & 0xFF) << 24 | lost & 0xFF_FFFF);
        writeInt(dest, at + 8, (int) extendedHighest);
        writeInt(dest, at + 12, jitter);
        writeInt(dest, at + 16, lastSenderReport);
        writeInt(dest, at + 20, delaySinceLast);
        return at + REPORT_BLOCK_LENGTH;
    }

    /**
     * Writes an SDES packet with one chunk: this source's CNAME.
     *
     * @param cname the CNAME's bytes, 1-255 of them
     * @return the offset after the packet, padded to 32 bits
     */
    public static int writeSourceDescription(byte[] dest, int at, int ssrc, byte[] cname) {
        // Chunk: SSRC, CNAME item (type, length, text), then at least one zero byte ending the item list.
        int chunk = 4 + 2 + cname.length + 1;
        int length = 4 + (chunk + 3) / 4 * 4;
        Objects.checkFromIndexSize(at, length, dest.length);
        writeHeader(dest, at, 1, SOURCE_DESCRIPTION, length);
        writeInt(dest, at + 4, ssrc);
        dest[at + 8] = SDES_CNAME;
        dest[at + 9] = (byte) cname.length;
        System.arraycopy(cname, 0, dest, at + 10, cname.length);
        for (int i = at + 10 + cname.length; i < at + length; i++) {
            dest[i] = 0;
        }
        return at + length;
    }

    /** Writes a BYE for one source; @return the offset after it */
    public static int writeBye(byte[] dest, int at, int ssrc) {
        Objects.checkFromIndexSize(at, 8, dest.length);
        writeHeader(dest, at, 1, BYE, 8);
        writeInt(dest, at + 4, ssrc);
        return at + 8;
    }

    /**
     * @param unixMillis a wall-clock time, milliseconds since 1970
     * @return it as a 64-bit NTP timestamp: seconds since 1900 and a 32-bit binary fraction
     */
    public static long ntpTime(long unixMillis) {
        long seconds = Math.floorDiv(unixMillis, 1000) + NTP_UNIX_OFFSET_SECONDS;
        long fraction = ((long) Math.floorMod(unixMillis, 1000) << 32) / 1000;
        return seconds << 32 | fraction;
    }

    private static void writeHeader(byte[] dest, int at, int count, int type, int length) {
        dest[at] = (byte) (VERSION_BITS | count);
        dest[at + 1] = (byte) type;
        int words = length / 4 - 1;
        dest[at + 2] = (byte) (words >>> 8);
        dest[at + 3] = (byte) words;
    }

    private static int readShort(byte[] data, int at) {
        return (data[at] & 0xFF) << 8 | data[at + 1] & 0xFF;
    }

    private static int readInt(byte[] data, int at) {
        return (data[at] & 0xFF) << 24 | (data[at + 1] & 0xFF) << 16 | (data[at + 2] & 0xFF) << 8 | data[at + 3] & 0xFF;
    }

    private static void writeInt(byte[] dest, int at, int value) {
        dest[at] = (byte) (value >>> 24);
        dest[at + 1] = (byte) (value >>> 16);
        dest[at + 2] = (byte) (value >>> 8);
        dest[at + 3] = (byte) value;
    }
}
