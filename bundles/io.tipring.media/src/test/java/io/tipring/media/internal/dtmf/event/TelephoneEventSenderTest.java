package io.tipring.media.internal.dtmf.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.media.internal.Allocations;
import io.tipring.media.internal.dtmf.DtmfDigit;
import io.tipring.media.internal.rtp.RtpPacket;
import io.tipring.media.internal.rtp.RtpParseResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelephoneEventSenderTest {

    private final TelephoneEventSender sender = new TelephoneEventSender(101, 8000);
    private final byte[] buffer = new byte[32];
    private final RtpPacket packet = new RtpPacket();

    @Test
    void aPressIsAMarkedStartGrowingUpdatesAndThreeEnds() {
        sender.start(DtmfDigit.FIVE, 100, 0x12345678);
        List<String> sent = sendAll(0xCAFE, 65534);
        assertEquals(List.of(
                "seq=65534 M ts=12345678 5 d=160",
                "seq=65535 ts=12345678 5 d=320",
                "seq=0 ts=12345678 5 d=480",
                "seq=1 ts=12345678 5 d=640",
                "seq=2 ts=12345678 5 E d=800",
                "seq=3 ts=12345678 5 E d=800",
                "seq=4 ts=12345678 5 E d=800"), sent);
    }

    @Test
    void theLastUpdateIsCutToTheDuration() {
        sender.start(DtmfDigit.POUND, 90, 0);
        assertEquals(List.of(
                "seq=0 M ts=0 # d=160", "seq=1 ts=0 # d=320", "seq=2 ts=0 # d=480", "seq=3 ts=0 # d=640",
                "seq=4 ts=0 # E d=720", "seq=5 ts=0 # E d=720", "seq=6 ts=0 # E d=720"), sendAll(1, 0));
    }

    @Test
    void aPressOf20MsIsOnlyEndPacketsAndTheFirstIsMarked() {
        sender.start(DtmfDigit.A, 20, 640);
        assertEquals(List.of("seq=9 M ts=280 A E d=160", "seq=10 ts=280 A E d=160", "seq=11 ts=280 A E d=160"),
                sendAll(1, 9));
    }

    @Test
    void aWidebandClockCountsMoreTicksPerPacket() {
        TelephoneEventSender wideband = new TelephoneEventSender(96, 48_000);
        wideband.start(DtmfDigit.STAR, 50, 0);
        List<Integer> durations = new ArrayList<>();
        int sequence = 0;
        while (wideband.hasNext()) {
            int length = wideband.writeNext(buffer, 0, 1, sequence++);
            packet.wrap(buffer, 0, length);
            assertEquals(96, packet.payloadType());
            durations.add(TelephoneEvent.duration(buffer, packet.payloadOffset()));
        }
        assertEquals(List.of(960, 1920, 2400, 2400, 2400), durations);
    }

    @Test
    void carriesTheAudioStreamsSsrc() {
        sender.start(DtmfDigit.ONE, 40, 0);
        int length = sender.writeNext(buffer, 4, 0xDEADBEEF, 77);
        assertEquals(RtpParseResult.VALID, packet.wrap(buffer, 4, length));
        assertEquals(0xDEADBEEF, packet.ssrc());
        assertEquals(77, packet.sequenceNumber());
        assertEquals(101, packet.payloadType());
        assertEquals(16, length);
        assertEquals(TelephoneEventSender.VOLUME, TelephoneEvent.volume(buffer, packet.payloadOffset()));
    }

    @Test
    void aNewPressReplacesOneUnfinished() {
        sender.start(DtmfDigit.ONE, 1000, 0);
        sender.writeNext(buffer, 0, 1, 0);
        sender.start(DtmfDigit.TWO, 20, 8000);
        assertEquals(List.of("seq=1 M ts=1f40 2 E d=160", "seq=2 ts=1f40 2 E d=160", "seq=3 ts=1f40 2 E d=160"),
                sendAll(1, 1));
        assertFalse(sender.hasNext());
    }

    @Test
    void refusesDurationsTheFieldCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> sender.start(DtmfDigit.ONE, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> sender.start(DtmfDigit.ONE, 8192, 0));
        sender.start(DtmfDigit.ONE, 8191, 0);
        assertTrue(sender.hasNext());
        assertThrows(IllegalArgumentException.class, () -> new TelephoneEventSender(101, 48_000).start(DtmfDigit.ONE, 1366, 0));
    }

    @Test
    void refusesToSendPastTheEnd() {
        assertFalse(sender.hasNext());
        assertThrows(IllegalStateException.class, () -> sender.writeNext(buffer, 0, 1, 1));
    }

    @Test
    void refusesClockRatesWithoutWholeTicksPer20Ms() {
        assertThrows(IllegalArgumentException.class, () -> new TelephoneEventSender(101, 8010));
        assertThrows(IllegalArgumentException.class, () -> new TelephoneEventSender(101, 0));
        assertThrows(IllegalArgumentException.class, () -> new TelephoneEventSender(128, 8000));
    }

    @Test
    void sendingAllocatesNothing() {
        int[] sequence = {0};
        Allocations.assertAllocationFree(() -> {
            if (!sender.hasNext()) {
                sender.start(DtmfDigit.NINE, 100, sequence[0] * 160);
            }
            sender.writeNext(buffer, 0, 42, sequence[0]++);
        });
    }

    private List<String> sendAll(int ssrc, int firstSequence) {
        List<String> sent = new ArrayList<>();
        int sequence = firstSequence;
        while (sender.hasNext()) {
            int length = sender.writeNext(buffer, 0, ssrc, sequence++);
            assertEquals(RtpParseResult.VALID, packet.wrap(buffer, 0, length));
            assertEquals(ssrc, packet.ssrc());
            int at = packet.payloadOffset();
            sent.add("seq=" + packet.sequenceNumber() + (packet.marker() ? " M" : "") + " ts="
                    + Integer.toHexString(packet.timestamp()) + " " + DtmfDigit.ofEventCode(TelephoneEvent.event(buffer, at)).symbol()
                    + (TelephoneEvent.isEnd(buffer, at) ? " E" : "") + " d=" + TelephoneEvent.duration(buffer, at));
        }
        return sent;
    }
}
