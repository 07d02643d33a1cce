package io.tipring.media.internal.jitter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.media.internal.Allocations;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JitterBufferTest {

    private static final long MS = 1_000_000L;
    private static final int SSRC = 0x5EED;
    private static final int FRAME_BYTES = 160;

    private JitterBuffer buffer = new JitterBuffer(8000, FRAME_BYTES, 20, 200);
    private final byte[] frame = new byte[FRAME_BYTES];

    @Test
    void isEmptyBeforeTheFirstPacket() {
        assertEquals(Playout.EMPTY, buffer.poll(frame, 0));
        assertEquals(0, buffer.depthMillis());
    }

    @Test
    void playsAnInOrderStreamFrameByFrame() {
        for (int i = 0; i < 100; i++) {
            assertEquals(Arrival.STORED, put(i, i * 20));
            assertEquals("F" + i, poll());
        }
        assertEquals(100, buffer.received());
        assertEquals(0, buffer.lost() + buffer.late() + buffer.duplicates() + buffer.discarded() + buffer.underruns());
    }

    @Test
    void deliversTheFramesPayloadAndHeaderFields() {
        byte[] payload = new byte[200];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        buffer.put(SSRC, 4242, 0x7FFFFF00, payload, 30, 100, 0);
        byte[] out = new byte[120];
        assertEquals(Playout.FRAME, buffer.poll(out, 20));
        assertEquals(100, buffer.frameLength());
        assertEquals(4242, buffer.frameSequenceNumber());
        assertEquals(0x7FFFFF00, buffer.frameTimestamp());
        for (int i = 0; i < 100; i++) {
            assertEquals((byte) (30 + i), out[20 + i]);
        }
    }

    @Test
    void putsReorderedPacketsBackInOrder() {
        buffer = new JitterBuffer(8000, FRAME_BYTES, 60, 200);
        put(0, 0);
        put(2, 20);
        put(1, 25);
        assertEquals("F0", poll());
        put(4, 40);
        put(3, 45);
        List<String> played = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            played.add(poll());
        }
        assertEquals(List.of("F1", "F2", "F3", "F4"), played);
        assertEquals(0, buffer.lost() + buffer.late());
    }

    @Test
    void waitsForTheMinimumDepthBeforePlaying() {
        buffer = new JitterBuffer(8000, FRAME_BYTES, 60, 200);
        put(0, 0);
        assertEquals(Playout.EMPTY, buffer.poll(frame, 0));
        put(1, 20);
        assertEquals(Playout.EMPTY, buffer.poll(frame, 0));
        put(2, 40);
        assertEquals(60, buffer.depthMillis());
        assertEquals("F0", poll());
        assertEquals(40, buffer.depthMillis());
    }

    @Test
    void dropsDuplicatesHeldOrAlreadyPlayed() {
        buffer = new JitterBuffer(8000, FRAME_BYTES, 40, 200);
        put(10, 0);
        assertEquals(Arrival.DUPLICATE, put(10, 1));
        put(11, 20);
        assertEquals("F10", poll());
        assertEquals(Arrival.DUPLICATE, put(10, 21));
        assertEquals(Arrival.DUPLICATE, put(11, 22));
        assertEquals("F11", poll());
        assertEquals(3, buffer.duplicates());
    }

    @Test
    void aFrameThatMissesItsTurnIsLostAndLateWhenItComes() {
        put(0, 0);
        assertEquals("F0", poll());
        put(2, 40);
        assertEquals(Playout.MISSING, buffer.poll(frame, 0));
        assertEquals(1, buffer.lost());
        assertEquals(Arrival.LATE, put(1, 45));
        assertEquals("F2", poll());
        assertEquals(1, buffer.late());
    }

    @Test
    void runningDryConcealsThenRefillsToTheTarget() {
        buffer = new JitterBuffer(8000, FRAME_BYTES, 40, 200);
        put(0, 0);
        put(1, 20);
        assertEquals("F0", poll());
        assertEquals("F1", poll());
        assertEquals(Playout.MISSING, buffer.poll(frame, 0));
        assertEquals(1, buffer.underruns());
        put(2, 70);
        assertEquals(Playout.MISSING, buffer.poll(frame, 0));
        put(3, 90);
        assertEquals("F2", poll());
        assertEquals("F3", poll());
        assertEquals(0, buffer.lost());
    }

    @Test
    void framesThatNeverCameBeforeARefillAreLost() {
        put(0, 0);
        assertEquals("F0", poll());
        assertEquals(Playout.MISSING, buffer.poll(frame, 0));
        put(4, 80);
        assertEquals("F4", poll());
        assertEquals(3, buffer.lost());
    }

    @Test
    void playsAcrossTheSequenceNumberWrap() {
        List<String> played = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            put(65526 + i, i * 20);
            played.add(poll());
        }
        assertEquals("F65535", played.get(9));
        assertEquals("F0", played.get(10));
        assertEquals("F9", played.get(19));
        assertEquals(0, buffer.lost());
    }

    @Test
    void startsOverForANewSource() {
        buffer = new JitterBuffer(8000, FRAME_BYTES, 40, 200);
        put(100, 0);
        put(101, 20);
        assertEquals("F100", poll());
        buffer.put(0xBEEF, 7, 7 * 160, payload(7), 0, 4, 40 * MS);
        assertEquals(1, buffer.resyncs());
        assertEquals(Playout.EMPTY, buffer.poll(frame, 0));
        buffer.put(0xBEEF, 8, 8 * 160, payload(8), 0, 4, 60 * MS);
        assertEquals("F7", poll());
        assertEquals("F8", poll());
        assertEquals(Arrival.LATE, buffer.put(0xBEEF, 6, 6 * 160, payload(6), 0, 4, 61 * MS));
    }

    @Test
    void startsOverAfterALongSilenceEvenWithOlderSequenceNumbers() {
        put(500, 0);
        assertEquals("F500", poll());
        assertEquals(Arrival.STORED, put(10, 20 + JitterBuffer.LONG_GAP_MILLIS + 1));
        assertEquals(1, buffer.resyncs());
        assertEquals("F10", poll());
    }

    @Test
    void aPauseShorterThanTheLimitIsNoResync() {
        put(500, 0);
        assertEquals("F500", poll());
        assertEquals(Playout.MISSING, buffer.poll(frame, 0));
        // Silence suppression: the sequence goes on where it stopped, the timestamp jumps with the clock.
        buffer.put(SSRC, 501, 500 * 160 + JitterBuffer.LONG_GAP_MILLIS * 8, payload(501), 0, 4, JitterBuffer.LONG_GAP_MILLIS * MS);
        assertEquals(0, buffer.resyncs());
        assertEquals("F501", poll());
        assertEquals(0, buffer.lost());
    }

    @Test
    void startsOverWhenTheSequenceJumpsBeyondTheBuffer() {
        put(1000, 0);
        assertEquals("F1000", poll());
        put(1000 + 500, 20);
        assertEquals(1, buffer.resyncs());
        assertEquals("F1500", poll());
        put(300, 40);
        assertEquals(2, buffer.resyncs());
        assertEquals("F300", poll());
    }

    @Test
    void aBurstAfterAStallKeepsOnlyTheMaximumDepth() {
        put(0, 0);
        assertEquals("F0", poll());
        for (int i = 1; i <= 25; i++) {
            put(i, 500);
        }
        assertEquals(200, buffer.depthMillis());
        assertEquals(15, buffer.discarded());
        assertEquals("F16", poll());
    }

    @Test
    void refusesPayloadsLargerThanASlot() {
        assertEquals(Arrival.TOO_LARGE, buffer.put(SSRC, 1, 0, new byte[161], 0, 161, 0));
        assertEquals(1, buffer.oversized());
        assertEquals(Playout.EMPTY, buffer.poll(frame, 0));
    }

    @Test
    void aSteadyNetworkNeedsOnlyTheMinimumDepth() {
        simulate(0, 500, new Random(1), 0, 5);
        assertEquals(0.0, buffer.jitterMillis());
        assertEquals(20, buffer.targetDepthMillis());
    }

    @Test
    void growsWithJitterAndShrinksWhenItCalms() {
        Random random = new Random(42);
        List<String> jittery = simulate(0, 1500, random, 60, 7);
        assertTrue(buffer.jitterMillis() > 10, () -> "jitter " + buffer.jitterMillis());
        assertTrue(buffer.targetDepthMillis() >= 80, () -> "target " + buffer.targetDepthMillis());
        long concealedOnceAdapted = jittery.subList(500, 1500).stream().filter(p -> p.equals("MISSING")).count();
        assertTrue(concealedOnceAdapted < 20, () -> concealedOnceAdapted + " of 1000 frames concealed");

        long discardedBefore = buffer.discarded();
        List<String> calm = simulate(1500, 1500, random, 0, 7);
        assertEquals(20, buffer.targetDepthMillis());
        assertTrue(buffer.discarded() > discardedBefore);
        assertTrue(buffer.depthMillis() <= 40, () -> "depth " + buffer.depthMillis());
        assertEquals(List.of(), calm.subList(500, 1500).stream().filter(p -> !p.startsWith("F")).toList());
    }

    @Test
    void neverAimsBeyondTheMaximumDepth() {
        buffer = new JitterBuffer(8000, FRAME_BYTES, 40, 120);
        simulate(0, 500, new Random(3), 400, 3);
        assertEquals(120, buffer.targetDepthMillis());
        assertTrue(buffer.depthMillis() <= 120);
    }

    @Test
    void refusesImpossibleSizes() {
        assertThrows(IllegalArgumentException.class, () -> new JitterBuffer(8000, 0, 20, 200));
        assertThrows(IllegalArgumentException.class, () -> new JitterBuffer(8000, 160, 0, 200));
        assertThrows(IllegalArgumentException.class, () -> new JitterBuffer(8000, 160, 30, 200));
        assertThrows(IllegalArgumentException.class, () -> new JitterBuffer(8000, 160, 100, 80));
        assertThrows(IllegalArgumentException.class, () -> new JitterBuffer(0, 160, 20, 200));
    }

    @Test
    void puttingAndPollingAllocateNothing() {
        byte[] payload = new byte[FRAME_BYTES];
        int[] sequence = {0};
        Allocations.assertAllocationFree(() -> {
            int i = sequence[0]++;
            // A little reordering, a duplicate and a loss now and then, as a real network does.
            int sent = i % 10 == 3 ? i + 1 : i % 10 == 4 ? i - 1 : i;
            if (i % 50 != 7) {
                buffer.put(SSRC, sent & 0xFFFF, sent * 160, payload, 0, payload.length, i * 20 * MS + (i % 3) * MS);
            }
            if (i % 40 == 0) {
                buffer.put(SSRC, sent & 0xFFFF, sent * 160, payload, 0, payload.length, i * 20 * MS + 2 * MS);
            }
            buffer.poll(frame, 0);
        });
    }

    /**
     * Sends frames {@code first..first+count-1}, frame n leaving at n*20 ms and arriving up to {@code maxDelayMillis}
     * later, and polls every 20 ms at {@code pollPhaseMillis} into each period.
     */
    private List<String> simulate(int first, int count, Random random, int maxDelayMillis, int pollPhaseMillis) {
        List<long[]> arrivals = new ArrayList<>();
        for (int n = first; n < first + count; n++) {
            long delay = maxDelayMillis == 0 ? 0 : random.nextInt(maxDelayMillis + 1);
            arrivals.add(new long[] {n * 20L + delay, n});
        }
        Collections.sort(arrivals, (a, b) -> Long.compare(a[0], b[0]));
        List<String> played = new ArrayList<>();
        int next = 0;
        for (int tick = first; tick < first + count; tick++) {
            long now = tick * 20L + pollPhaseMillis;
            while (next < arrivals.size() && arrivals.get(next)[0] <= now) {
                put((int) arrivals.get(next)[1], arrivals.get(next)[0]);
                next++;
            }
            played.add(poll());
        }
        return played;
    }

    private Arrival put(int sequence, long arrivalMillis) {
        return buffer.put(SSRC, sequence & 0xFFFF, sequence * 160, payload(sequence), 0, 4, arrivalMillis * MS);
    }

    private String poll() {
        Playout playout = buffer.poll(frame, 0);
        if (playout != Playout.FRAME) {
            return playout.name();
        }
        int sequence = (frame[0] & 0xFF) << 24 | (frame[1] & 0xFF) << 16 | (frame[2] & 0xFF) << 8 | frame[3] & 0xFF;
        assertEquals(sequence & 0xFFFF, buffer.frameSequenceNumber());
        assertEquals(4, buffer.frameLength());
        return "F" + (sequence & 0xFFFF);
    }

    private static byte[] payload(int sequence) {
        return new byte[] {(byte) (sequence >>> 24), (byte) (sequence >>> 16), (byte) (sequence >>> 8), (byte) sequence};
    }
}
