package io.tipring.media.internal.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.media.internal.Allocations;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class RtpPacketTest {

    private final RtpPacket packet = new RtpPacket();

    /** A PCMU packet as a phone sends it: V=2, marker, PT 0, seq 0x1234, ts 0xDEADBEEF, SSRC 0x01020304. */
    @Test
    void readsTheFixedHeader() {
        byte[] data = bytes("80 80 12 34 DE AD BE EF 01 02 03 04 AA BB CC");
        assertEquals(RtpParseResult.VALID, packet.wrap(data, 0, data.length));
        assertEquals(2, packet.version());
        assertFalse(packet.hasPadding());
        assertFalse(packet.hasExtension());
        assertEquals(0, packet.csrcCount());
        assertTrue(packet.marker());
        assertEquals(0, packet.payloadType());
        assertEquals(0x1234, packet.sequenceNumber());
        assertEquals(0xDEADBEEF, packet.timestamp());
        assertEquals("3735928559", Integer.toUnsignedString(packet.timestamp()));
        assertEquals(0x01020304, packet.ssrc());
        assertEquals(12, packet.payloadOffset());
        assertEquals(3, packet.payloadLength());
        assertEquals(-1, packet.extensionProfile());
        assertEquals(-1, packet.extensionOffset());
    }

    @Test
    void readsHighPayloadTypesAndSequenceNumbersUnsigned() {
        byte[] data = bytes("80 65 FF FE 00 00 00 01 FF FF FF FF");
        assertEquals(RtpParseResult.VALID, packet.wrap(data, 0, data.length));
        assertFalse(packet.marker());
        assertEquals(101, packet.payloadType());
        assertEquals(65534, packet.sequenceNumber());
        assertEquals(-1, packet.ssrc());
        assertEquals(0, packet.payloadLength());
    }

    @Test
    void skipsContributingSources() {
        byte[] data = bytes("82 08 00 01 00 00 00 A0 00 00 00 07 11 11 11 11 22 22 22 22 D5 D5");
        assertEquals(RtpParseResult.VALID, packet.wrap(data, 0, data.length));
        assertEquals(2, packet.csrcCount());
        assertEquals(0x11111111, packet.csrc(0));
        assertEquals(0x22222222, packet.csrc(1));
        assertThrows(IndexOutOfBoundsException.class, () -> packet.csrc(2));
        assertEquals(20, packet.payloadOffset());
        assertEquals(2, packet.payloadLength());
    }

    @Test
    void skipsTheHeaderExtension() {
        // RFC 8285 one-byte header extension (profile 0xBEDE), one word of data: an audio level element.
        byte[] data = bytes("90 00 00 01 00 00 00 A0 00 00 00 07 BE DE 00 01 10 7F 00 00 D5 D5 D5");
        assertEquals(RtpParseResult.VALID, packet.wrap(data, 0, data.length));
        assertTrue(packet.hasExtension());
        assertEquals(0xBEDE, packet.extensionProfile());
        assertEquals(16, packet.extensionOffset());
        assertEquals(4, packet.extensionLength());
        assertEquals(20, packet.payloadOffset());
        assertEquals(3, packet.payloadLength());
    }

    @Test
    void skipsCsrcsThenExtensionThenRemovesPadding() {
        byte[] data = bytes("B1 00 00 01 00 00 00 A0 00 00 00 07 33 33 33 33 10 00 00 02 01 02 03 04 05 06 07 08"
                + " D5 D5 D5 D5 D5 00 00 03");
        assertEquals(RtpParseResult.VALID, packet.wrap(data, 0, data.length));
        assertEquals(0x33333333, packet.csrc(0));
        assertEquals(0x1000, packet.extensionProfile());
        assertEquals(20, packet.extensionOffset());
        assertEquals(8, packet.extensionLength());
        assertEquals(28, packet.payloadOffset());
        assertEquals(5, packet.payloadLength());
    }

    @Test
    void paddingMayTakeTheWholeBody() {
        byte[] data = bytes("A0 00 00 01 00 00 00 A0 00 00 00 07 00 00 00 04");
        assertEquals(RtpParseResult.VALID, packet.wrap(data, 0, data.length));
        assertEquals(0, packet.payloadLength());
    }

    @Test
    void readsAPacketInTheMiddleOfALargerBuffer() {
        byte[] datagram = bytes("80 00 00 09 00 00 00 A0 00 00 00 07 01 02 03");
        byte[] buffer = new byte[100];
        Arrays.fill(buffer, (byte) 0xEE);
        System.arraycopy(datagram, 0, buffer, 40, datagram.length);
        assertEquals(RtpParseResult.VALID, packet.wrap(buffer, 40, datagram.length));
        assertEquals(9, packet.sequenceNumber());
        assertEquals(52, packet.payloadOffset());
        assertEquals(3, packet.payloadLength());
        assertEquals(40, packet.offset());
        assertEquals(15, packet.length());
    }

    @Test
    void rejectsPacketsShorterThanTheFixedHeader() {
        byte[] data = bytes("80 00 00 01 00 00 00 A0 00 00 00");
        assertEquals(RtpParseResult.TOO_SHORT, packet.wrap(data, 0, data.length));
        assertEquals(RtpParseResult.TOO_SHORT, packet.wrap(data, 0, 0));
    }

    @Test
    void rejectsOtherVersions() {
        assertEquals(RtpParseResult.WRONG_VERSION, packet.wrap(bytes("40 00 00 01 00 00 00 A0 00 00 00 07"), 0, 12));
        assertEquals(RtpParseResult.WRONG_VERSION, packet.wrap(bytes("C0 00 00 01 00 00 00 A0 00 00 00 07"), 0, 12));
        // A STUN binding request on a shared port starts with two zero bits.
        assertEquals(RtpParseResult.WRONG_VERSION, packet.wrap(bytes("00 01 00 00 21 12 A4 42 00 00 00 00"), 0, 12));
    }

    @Test
    void rejectsRtcpMultiplexedOnTheRtpPort() {
        // A receiver report: V=2, RC=1, PT=201.
        byte[] rr = bytes("81 C9 00 07 00 00 00 07 00 00 00 08 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00");
        assertEquals(RtpParseResult.RTCP_PACKET, packet.wrap(rr, 0, rr.length));
        assertEquals(RtpParseResult.RTCP_PACKET, packet.wrap(bytes("80 C0 00 01 00 00 00 A0 00 00 00 07"), 0, 12));
        assertEquals(RtpParseResult.RTCP_PACKET, packet.wrap(bytes("80 DF 00 01 00 00 00 A0 00 00 00 07"), 0, 12));
        assertEquals(RtpParseResult.VALID, packet.wrap(bytes("80 E0 00 01 00 00 00 A0 00 00 00 07"), 0, 12));
        assertEquals(RtpParseResult.VALID, packet.wrap(bytes("80 BF 00 01 00 00 00 A0 00 00 00 07"), 0, 12));
    }

    @Test
    void rejectsACsrcListLongerThanThePacket() {
        byte[] data = bytes("83 00 00 01 00 00 00 A0 00 00 00 07 11 11 11 11 22 22 22 22 33 33 33");
        assertEquals(RtpParseResult.CSRC_OVERRUN, packet.wrap(data, 0, data.length));
    }

    @Test
    void rejectsAHeaderExtensionLongerThanThePacket() {
        byte[] noExtensionHeader = bytes("90 00 00 01 00 00 00 A0 00 00 00 07 BE DE");
        assertEquals(RtpParseResult.EXTENSION_OVERRUN, packet.wrap(noExtensionHeader, 0, noExtensionHeader.length));
        byte[] shortData = bytes("90 00 00 01 00 00 00 A0 00 00 00 07 BE DE 00 02 10 7F 00 00");
        assertEquals(RtpParseResult.EXTENSION_OVERRUN, packet.wrap(shortData, 0, shortData.length));
    }

    @Test
    void rejectsPaddingOfZeroOrLargerThanTheBody() {
        byte[] zero = bytes("A0 00 00 01 00 00 00 A0 00 00 00 07 D5 D5 00");
        assertEquals(RtpParseResult.BAD_PADDING, packet.wrap(zero, 0, zero.length));
        byte[] tooMuch = bytes("A0 00 00 01 00 00 00 A0 00 00 00 07 D5 D5 04");
        assertEquals(RtpParseResult.BAD_PADDING, packet.wrap(tooMuch, 0, tooMuch.length));
        byte[] intoTheHeader = bytes("A0 00 00 01 00 00 00 A0 00 00 00 07 FF");
        assertEquals(RtpParseResult.BAD_PADDING, packet.wrap(intoTheHeader, 0, intoTheHeader.length));
    }

    @Test
    void everyRejectionNamesItsReason() {
        for (RtpParseResult result : RtpParseResult.values()) {
            assertFalse(result.reason().isBlank());
            assertEquals(result == RtpParseResult.VALID, result.isValid());
        }
    }

    @Test
    void aCallersBadBoundsAreAnErrorNotAVerdict() {
        byte[] data = new byte[20];
        assertThrows(IndexOutOfBoundsException.class, () -> packet.wrap(data, 10, 12));
        assertThrows(IndexOutOfBoundsException.class, () -> packet.wrap(data, -1, 12));
    }

    @Test
    void oneViewServesPacketAfterPacket() {
        byte[] first = bytes("80 00 00 01 00 00 00 A0 00 00 00 07 01");
        byte[] second = bytes("90 08 00 02 00 00 01 40 00 00 00 07 BE DE 00 01 10 7F 00 00 02 03");
        assertEquals(RtpParseResult.VALID, packet.wrap(second, 0, second.length));
        assertEquals(RtpParseResult.VALID, packet.wrap(first, 0, first.length));
        assertEquals(-1, packet.extensionOffset());
        assertEquals(0, packet.extensionLength());
        assertEquals(1, packet.payloadLength());
        assertEquals(1, packet.sequenceNumber());
    }

    @Test
    void readsWhatTheWriterWrote() {
        byte[] payload = {1, 2, 3, 4, 5};
        byte[] buffer = new byte[64];
        int length = new RtpPacketWriter().payloadType(8).marker(true).sequenceNumber(65535).timestamp(-160)
                .ssrc(0xCAFEBABE).write(buffer, 7, payload, 1, 3);
        assertEquals(15, length);
        assertEquals(RtpParseResult.VALID, packet.wrap(buffer, 7, length));
        assertEquals(8, packet.payloadType());
        assertTrue(packet.marker());
        assertEquals(65535, packet.sequenceNumber());
        assertEquals(-160, packet.timestamp());
        assertEquals(0xCAFEBABE, packet.ssrc());
        assertArrayEquals(new byte[] {2, 3, 4},
                Arrays.copyOfRange(buffer, packet.payloadOffset(), packet.payloadOffset() + packet.payloadLength()));
    }

    @Test
    void readingAllocatesNothing() {
        byte[] data = bytes("B1 00 00 01 00 00 00 A0 00 00 00 07 33 33 33 33 10 00 00 02 01 02 03 04 05 06 07 08"
                + " D5 D5 D5 D5 D5 00 00 03");
        long[] sink = new long[1];
        Allocations.assertAllocationFree(() -> {
            packet.wrap(data, 0, data.length);
            sink[0] += packet.sequenceNumber() + packet.timestamp() + packet.ssrc() + packet.payloadLength() + packet.csrc(0);
        });
    }

    static byte[] bytes(String hex) {
        return HexFormat.ofDelimiter(" ").parseHex(hex);
    }
}
