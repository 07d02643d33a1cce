package io.tipring.media.internal.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.media.internal.Allocations;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RtcpTest {

    private static final byte[] CNAME = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @Test
    void aSenderReportWithABlockAndACnameReadsBack() {
        byte[] packet = new byte[256];
        long ntp = Rtcp.ntpTime(1_700_000_000_500L);
        int at = Rtcp.writeSenderReport(packet, 0, 0xCAFE_F00D, 1, ntp, 123_456, 50, 8_000);
        at = Rtcp.writeReportBlock(packet, at, 0x1234_5678, 64, -5, 70_000, 42, 0x0102_0304, 65_536);
        int length = Rtcp.writeSourceDescription(packet, at, 0xCAFE_F00D, CNAME);

        assertEquals(28 + 24 + 28, length);
        assertTrue(Rtcp.isValidCompound(packet, length));
        assertEquals(Rtcp.SENDER_REPORT, Rtcp.packetType(packet, 0));
        assertEquals(0xCAFE_F00D, Rtcp.senderSsrc(packet, 0));
        assertEquals((int) (ntp >>> 16), Rtcp.senderReportMiddleNtp(packet, 0));
        int block = Rtcp.reportBlock(packet, 0, 0);
        assertEquals(0x1234_5678, Rtcp.blockSsrc(packet, block));
        assertEquals(64, Rtcp.blockFractionLost(packet, block));
        assertEquals(-5, Rtcp.blockCumulativeLost(packet, block));
        assertEquals(42, Rtcp.blockJitter(packet, block));
        int sdes = Rtcp.packetLength(packet, 0);
        assertEquals(Rtcp.SOURCE_DESCRIPTION, Rtcp.packetType(packet, sdes));
        assertEquals("0123456789abcdef", new String(packet, sdes + 10, 16, java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void ntpTimeCountsFrom1900WithABinaryFraction() {
        assertEquals(Rtcp.NTP_UNIX_OFFSET_SECONDS << 32, Rtcp.ntpTime(0));
        assertEquals((Rtcp.NTP_UNIX_OFFSET_SECONDS + 1) << 32 | 0x8000_0000L, Rtcp.ntpTime(1_500));
    }

    @Test
    void refusesWhatIsNotACompoundReport() {
        byte[] good = new byte[64];
        int length = Rtcp.writeSourceDescription(good, Rtcp.writeReceiverReport(good, 0, 7, 0), 7, CNAME);
        assertTrue(Rtcp.isValidCompound(good, length));

        assertFalse(Rtcp.isValidCompound(new byte[] {(byte) 0x80, (byte) 201, 0}, 3), "too short");
        assertFalse(Rtcp.isValidCompound(changed(good, 0, 0x40), length), "version 1");
        assertFalse(Rtcp.isValidCompound(changed(good, 0, 0xA0), length), "padding on the first packet");
        assertFalse(Rtcp.isValidCompound(changed(good, 1, 202), length), "an SDES first");
        assertFalse(Rtcp.isValidCompound(changed(good, 3, 9), length), "lengths that do not add up");
        assertFalse(Rtcp.isValidCompound(changed(good, 0, 0x81), length), "a block announced and missing");
        assertFalse(Rtcp.isValidCompound(good, length - 4), "cut short");
        byte[] rtp = new byte[172];
        rtp[0] = (byte) 0x80;
        assertFalse(Rtcp.isValidCompound(rtp, rtp.length), "an RTP packet");
    }

    @Test
    void writingAndReadingAllocateNothing() {
        byte[] packet = new byte[256];
        Allocations.assertAllocationFree(() -> {
            int at = Rtcp.writeReceiverReport(packet, 0, 1, 1);
            at = Rtcp.writeReportBlock(packet, at, 2, 0, 0, 100, 3, 0, 0);
            int length = Rtcp.writeSourceDescription(packet, at, 1, CNAME);
            Rtcp.isValidCompound(packet, length);
        });
    }

    private static byte[] changed(byte[] packet, int index, int value) {
        byte[] copy = Arrays.copyOf(packet, packet.length);
        copy[index] = (byte) value;
        return copy;
    }
}
