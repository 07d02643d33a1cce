package io.tipring.media.internal.jitter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FrameRingTest {

    private final FrameRing ring = new FrameRing(8, 4);

    @Test
    void storesAndHandsBackACopy() {
        byte[] payload = {1, 2, 3, 4};
        ring.store(100, 16_000, payload, 1, 3);
        payload[1] = 99;
        assertTrue(ring.holds(100));
        assertEquals(16_000, ring.timestamp(100));
        byte[] out = new byte[5];
        assertEquals(3, ring.take(100, out, 2));
        assertArrayEquals(new byte[] {0, 0, 2, 3, 4}, out);
        assertFalse(ring.holds(100));
        assertTrue(ring.remembers(100));
    }

    @Test
    void aSlotServesOneSequenceNumberAtATime() {
        ring.store(3, 0, new byte[] {1}, 0, 1);
        assertFalse(ring.holds(11));
        assertFalse(ring.remembers(11));
        ring.store(11, 0, new byte[] {2}, 0, 1);
        assertFalse(ring.remembers(3));
        assertTrue(ring.holds(11));
    }

    @Test
    void dropsOnlyWhatItHolds() {
        ring.store(5, 0, new byte[] {1}, 0, 1);
        assertTrue(ring.drop(5));
        assertFalse(ring.drop(5));
        assertFalse(ring.drop(6));
        assertTrue(ring.remembers(5));
    }

    @Test
    void clearingForgetsEverything() {
        ring.store(5, 0, new byte[] {1}, 0, 1);
        ring.clear();
        assertFalse(ring.holds(5));
        assertFalse(ring.remembers(5));
    }

    @Test
    void sizesMustBePowersOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new FrameRing(12, 4));
        assertEquals(16, new FrameRing(16, 4).capacity());
    }
}
