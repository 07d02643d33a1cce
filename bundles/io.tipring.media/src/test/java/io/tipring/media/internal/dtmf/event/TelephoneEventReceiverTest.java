package io.tipring.media.internal.dtmf.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tipring.media.internal.Allocations;
import io.tipring.media.internal.dtmf.DtmfDigit;
import io.tipring.media.internal.rtp.RtpPacket;
import io.tipring.media.internal.rtp.RtpPacketWriter;
import io.tipring.media.internal.rtp.RtpParseResult;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelephoneEventReceiverTest {

    private static final int PT = 101;

    private final List<String> digits = new ArrayList<>();
    private final TelephoneEventReceiver receiver =
            new TelephoneEventReceiver(8000, (digit, millis) -> digits.add(digit.symbol() + ":" + millis));
    private final RtpPacketWriter writer = new RtpPacketWriter().payloadType(PT).ssrc(0x1234);
    private final byte[] buffer = new byte[64];
    private final byte[] payload = new byte[4];
    private final RtpPacket packet = new RtpPacket();
    private int sequence = 500;

    /** sipp's dtmf_2833_5.pcap and dtmf_2833_pound.pcap, RTP as captured: the end packet repeated, same sequence number. */
    @Test
    void reportsEachPressOfARealCaptureOnce() {
        for (String hex : List.of(
                "80e51fdb0000a8c00e05384e050a0000", "80651fdc0000a8c00e05384e050a0140", "80651fdd0000a8c00e05384e050a0280",
                "80651fde0000a8c00e05384e050a03c0", "80651fdf0000a8c00e05384e050a0500", "80651fe00000a8c00e05384e050a0640",
                "80651fe10000a8c00e05384e050a0780", "80651fe20000a8c00e05384e058a08c0", "80651fe20000a8c00e05384e058a08c0",
                "80651fe20000a8c00e05384e058a08c0",
                "80e520f4000169e00e05384e0b0a0000", "806520f5000169e00e05384e0b0a0140", "806520f6000169e00e05384e0b0a0280",
                "806520f7000169e00e05384e0b0a03c0", "806520f8000169e00e05384e0b0a0500", "806520f9000169e00e05384e0b0a0640",
                "806520fa000169e00e05384e0b0a0780", "806520fb000169e00e05384e0b8a08c0", "806520fb000169e00e05384e0b8a08c0",
                "806520fb000169e00e05384e0b8a08c0")) {
            byte[] data = HexFormat.of().parseHex(hex);
            assertEquals(RtpParseResult.VALID, packet.wrap(data, 0, data.length));
            receiver.receive(packet);
        }
        assertEquals(List.of("5:280", "#:280"), digits);
    }

    @Test
    void reportsAtTheFirstEndPacketWithTheFinalDuration() {
        send(1000, 3, false, 160);
        send(1000, 3, false, 320);
        assertEquals(List.of(), digits);
        send(1000, 3, true, 400);
        assertEquals(List.of("3:50"), digits);
        send(1000, 3, true, 400);
        send(1000, 3, true, 400);
        assertEquals(List.of("3:50"), digits);
    }

    @Test
    void aPressWhoseStartWasLostIsReportedAtItsEnd() {
        send(8000, 7, true, 960);
        send(8000, 7, true, 960);
        assertEquals(List.of("7:120"), digits);
    }

    @Test
    void aPressWhoseEndsWereAllLostIsReportedWhenTheNextBegins() {
        send(1000, 1, false, 160);
        send(1000, 1, false, 320);
        send(1000, 1, false, 480);
        assertEquals(List.of(), digits);
        send(3000, 2, false, 160);
        assertEquals(List.of("1:60"), digits);
        send(3000, 2, true, 800);
        assertEquals(List.of("1:60", "2:100"), digits);
    }

    @Test
    void theSameKeyTwiceIsTwoPressesBecauseTheTimestampDiffers() {
        for (int start : new int[] {1000, 2600}) {
            send(start, 9, false, 160);
            send(start, 9, true, 640);
            send(start, 9, true, 640);
            send(start, 9, true, 640);
        }
        assertEquals(List.of("9:80", "9:80"), digits);
    }

    @Test
    void updatesArrivingAfterTheEndAreIgnored() {
        send(1000, 4, true, 800);
        send(1000, 4, false, 640);
        send(1000, 4, false, 800);
        assertEquals(List.of("4:100"), digits);
    }

    @Test
    void aLatePacketOfTheEarlierPressIsIgnored() {
        send(1000, 5, false, 160);
        send(1000, 5, true, 480);
        send(2000, 6, false, 160);
        send(1000, 5, true, 480);
        send(2000, 6, true, 480);
        assertEquals(List.of("5:60", "6:60"), digits);
    }

    @Test
    void reorderedUpdatesKeepTheLongestDuration() {
        send(1000, 0, false, 480);
        send(1000, 0, false, 320);
        send(3000, 0, false, 160);
        assertEquals(List.of("0:60"), digits);
    }

    @Test
    void followsPressesAcrossATimestampWrap() {
        send(0xFFFFFF00, 1, true, 400);
        send(0x00000200, 2, true, 400);
        send(0xFFFFFF00, 1, true, 400);
        assertEquals(List.of("1:50", "2:50"), digits);
    }

    @Test
    void ignoresEventsThatAreNotKeysAndPayloadsTooShort() {
        send(1000, 16, true, 800);
        writer.timestamp(2000).sequenceNumber(sequence++);
        int length = writer.write(buffer, 0, new byte[] {5, (byte) 0x8A, 3}, 0, 3);
        packet.wrap(buffer, 0, length);
        receiver.receive(packet);
        assertEquals(List.of(), digits);
        send(3000, 15, true, 800);
        assertEquals(List.of("D:100"), digits);
    }

    @Test
    void durationsFollowTheNegotiatedClockRate() {
        TelephoneEventReceiver wideband =
                new TelephoneEventReceiver(48_000, (digit, millis) -> digits.add(digit.symbol() + ":" + millis));
        TelephoneEvent.write(payload, 0, 12, true, 10, 4800);
        int length = writer.timestamp(96_000).sequenceNumber(1).write(buffer, 0, payload, 0, 4);
        packet.wrap(buffer, 0, length);
        wideband.receive(packet);
        assertEquals(List.of("A:100"), digits);
    }

    @Test
    void understandsEverythingTheSenderSends() {
        TelephoneEventSender sender = new TelephoneEventSender(PT, 8000);
        int timestamp = 160_000;
        for (DtmfDigit digit : DtmfDigit.values()) {
            sender.start(digit, 120, timestamp);
            while (sender.hasNext()) {
                int length = sender.writeNext(buffer, 0, 0x1234, sequence++);
                packet.wrap(buffer, 0, length);
                receiver.receive(packet);
            }
            timestamp += 8000;
        }
        assertEquals(List.of("0:120", "1:120", "2:120", "3:120", "4:120", "5:120", "6:120", "7:120", "8:120", "9:120",
                "*:120", "#:120", "A:120", "B:120", "C:120", "D:120"), digits);
    }

    @Test
    void refusesANonPositiveClockRate() {
        assertThrows(IllegalArgumentException.class, () -> new TelephoneEventReceiver(0, (digit, millis) -> { }));
    }

    @Test
    void receivingAllocatesNothing() {
        TelephoneEventReceiver quiet = new TelephoneEventReceiver(8000, (digit, millis) -> { });
        int[] timestamp = {0};
        Allocations.assertAllocationFree(() -> {
            timestamp[0] += 1600;
            TelephoneEvent.write(payload, 0, 5, false, 10, 160);
            int length = writer.timestamp(timestamp[0]).sequenceNumber(sequence++).write(buffer, 0, payload, 0, 4);
            packet.wrap(buffer, 0, length);
            quiet.receive(packet);
            TelephoneEvent.write(payload, 0, 5, true, 10, 320);
            length = writer.sequenceNumber(sequence++).write(buffer, 0, payload, 0, 4);
            packet.wrap(buffer, 0, length);
            quiet.receive(packet);
        });
    }

    private void send(int timestamp, int event, boolean end, int duration) {
        TelephoneEvent.write(payload, 0, event, end, 10, duration);
        int length = writer.timestamp(timestamp).sequenceNumber(sequence++).write(buffer, 0, payload, 0, 4);
        assertEquals(RtpParseResult.VALID, packet.wrap(buffer, 0, length));
        receiver.receive(packet);
    }
}
