package io.tipring.media.internal.rtp;

import static io.tipring.media.internal.rtp.RtpPacketTest.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tipring.media.internal.Allocations;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RtpPacketWriterTest {

    private final RtpPacketWriter writer = new RtpPacketWriter().payloadType(0).ssrc(0x01020304);

    @Test
    void writesTheHeaderBitForBit() {
        byte[] buffer = new byte[15];
        int length = writer.marker(true).sequenceNumber(0x1234).timestamp(0xDEADBEEF)
                .write(buffer, 0, new byte[] {(byte) 0xAA, (byte) 0xBB, (byte) 0xCC}, 0, 3);
        assertEquals(15, length);
        assertArrayEquals(bytes("80 80 12 34 DE AD BE EF 01 02 03 04 AA BB CC"), buffer);
    }

    @Test
    void writesOnlyTheHeaderForInPlaceEncoding() {
        byte[] buffer = new byte[20];
        Arrays.fill(buffer, (byte) 0x55);
        assertEquals(12, writer.payloadType(101).marker(false).sequenceNumber(7).timestamp(160).writeHeader(buffer, 4));
        assertArrayEquals(bytes("55 55 55 55 80 65 00 07 00 00 00 A0 01 02 03 04 55 55 55 55"), buffer);
    }

    @Test
    void keepsTheLow16BitsOfACountingSequenceNumber() {
        byte[] buffer = new byte[12];
        writer.sequenceNumber(65536 + 3).writeHeader(buffer, 0);
        RtpPacket packet = new RtpPacket();
        packet.wrap(buffer, 0, 12);
        assertEquals(3, packet.sequenceNumber());
    }

    @Test
    void refusesPayloadTypesBeyondSevenBits() {
        assertThrows(IllegalArgumentException.class, () -> writer.payloadType(128));
        assertThrows(IllegalArgumentException.class, () -> writer.payloadType(-1));
    }

    @Test
    void refusesABufferTooSmall() {
        assertThrows(IndexOutOfBoundsException.class, () -> writer.writeHeader(new byte[11], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> writer.write(new byte[170], 10, new byte[160], 0, 160));
        assertThrows(IndexOutOfBoundsException.class, () -> writer.write(new byte[200], 0, new byte[160], 100, 100));
    }

    @Test
    void writingAllocatesNothing() {
        byte[] payload = new byte[160];
        byte[] buffer = new byte[172];
        int[] sequence = {0};
        Allocations.assertAllocationFree(() -> {
            sequence[0]++;
            writer.sequenceNumber(sequence[0]).timestamp(sequence[0] * 160).write(buffer, 0, payload, 0, payload.length);
        });
    }
}
