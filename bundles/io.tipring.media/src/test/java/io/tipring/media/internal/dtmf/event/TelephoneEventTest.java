package io.tipring.media.internal.dtmf.event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TelephoneEventTest {

    /** The end packet of a "5" at -10 dBm0 in sipp's /usr/share/sip-tester/dtmf_2833_5.pcap. */
    @Test
    void readsAnEndPacket() {
        byte[] payload = HexFormat.of().parseHex("058A08C0");
        assertEquals(5, TelephoneEvent.event(payload, 0));
        assertTrue(TelephoneEvent.isEnd(payload, 0));
        assertEquals(10, TelephoneEvent.volume(payload, 0));
        assertEquals(2240, TelephoneEvent.duration(payload, 0));
    }

    @Test
    void readsAnUpdateAndIgnoresTheReservedBit() {
        byte[] payload = HexFormat.of().parseHex("0B4AFFFF");
        assertEquals(11, TelephoneEvent.event(payload, 0));
        assertFalse(TelephoneEvent.isEnd(payload, 0));
        assertEquals(10, TelephoneEvent.volume(payload, 0));
        assertEquals(65535, TelephoneEvent.duration(payload, 0));
    }

    @Test
    void writesWhatItReads() {
        byte[] buffer = new byte[6];
        assertEquals(4, TelephoneEvent.write(buffer, 2, 15, true, 63, 1234));
        assertArrayEquals(HexFormat.of().parseHex("00000FBF04D2"), buffer);
        assertEquals(15, TelephoneEvent.event(buffer, 2));
        assertTrue(TelephoneEvent.isEnd(buffer, 2));
        assertEquals(63, TelephoneEvent.volume(buffer, 2));
        assertEquals(1234, TelephoneEvent.duration(buffer, 2));
    }

    @Test
    void refusesFieldsThatDoNotFit() {
        byte[] buffer = new byte[4];
        assertThrows(IllegalArgumentException.class, () -> TelephoneEvent.write(buffer, 0, 256, false, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> TelephoneEvent.write(buffer, 0, 1, false, 64, 0));
        assertThrows(IllegalArgumentException.class, () -> TelephoneEvent.write(buffer, 0, 1, false, 10, 65536));
        assertThrows(IndexOutOfBoundsException.class, () -> TelephoneEvent.write(buffer, 1, 1, false, 10, 0));
    }
}
