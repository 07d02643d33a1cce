package io.tipring.media.internal.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.media.internal.Allocations;
import org.junit.jupiter.api.Test;

class RtpSequenceTrackerTest {

    private final RtpSequenceTracker tracker = new RtpSequenceTracker();

    @Test
    void aNewSourceIsValidAfterTwoPacketsInSequence() {
        assertFalse(tracker.update(1000));
        assertTrue(tracker.update(1001));
        assertEquals(1001, tracker.extendedHighest());
        assertEquals(1, tracker.received());
        assertEquals(1, tracker.expected());
        assertEquals(0, tracker.lost());
    }

    @Test
    void probationStartsAgainWhenPacketsAreOutOfSequence() {
        assertFalse(tracker.update(1000));
        assertFalse(tracker.update(1005));
        assertTrue(tracker.update(1006));
        assertEquals(1006, tracker.extendedHighest());
    }

    @Test
    void countsRolloversIntoTheExtendedSequenceNumber() {
        tracker.update(65533);
        tracker.update(65534);
        assertTrue(tracker.update(65535));
        assertTrue(tracker.update(0));
        assertTrue(tracker.update(1));
        assertEquals(1, tracker.rollovers());
        assertEquals(65536 + 1, tracker.extendedHighest());
        assertEquals(4, tracker.received());
        assertEquals(4, tracker.expected());
    }

    @Test
    void countsManyRollovers() {
        int sequence = 0;
        tracker.update(sequence);
        for (int i = 0; i < 3 * 65536; i++) {
            sequence = RtpSequence.next(sequence);
            assertTrue(tracker.update(sequence));
        }
        assertEquals(3, tracker.rollovers());
        assertEquals(3L * 65536, tracker.extendedHighest());
        assertEquals(0, tracker.lost());
    }

    @Test
    void countsLossFromGapsInTheSequence() {
        tracker.update(10);
        tracker.update(11);
        tracker.update(12);
        tracker.update(15);
        tracker.update(20);
        assertEquals(20, tracker.extendedHighest());
        assertEquals(10, tracker.expected());
        assertEquals(4, tracker.received());
        assertEquals(6, tracker.lost());
    }

    @Test
    void acceptsReorderedAndDuplicatePacketsWithoutMovingTheHighest() {
        tracker.update(10);
        tracker.update(11);
        tracker.update(13);
        assertTrue(tracker.update(12));
        assertTrue(tracker.update(13));
        assertEquals(13, tracker.extendedHighest());
        assertEquals(4, tracker.received());
        assertEquals(3, tracker.expected());
        assertEquals(-1, tracker.lost());
    }

    @Test
    void aReorderedPacketFromBeforeAWrapDoesNotCountARollover() {
        tracker.update(65534);
        tracker.update(65535);
        tracker.update(1);
        assertTrue(tracker.update(0));
        assertEquals(1, tracker.rollovers());
        assertEquals(65536 + 1, tracker.extendedHighest());
    }

    @Test
    void aSingleStrayJumpIsRejected() {
        tracker.update(100);
        tracker.update(101);
        assertFalse(tracker.update(40_000));
        assertTrue(tracker.update(102));
        assertEquals(102, tracker.extendedHighest());
    }

    @Test
    void aConfirmedJumpRestartsTheCount() {
        tracker.update(100);
        tracker.update(101);
        tracker.update(102);
        assertFalse(tracker.update(40_000));
        assertTrue(tracker.update(40_001));
        assertEquals(40_001, tracker.extendedHighest());
        assertEquals(1, tracker.received());
        assertEquals(1, tracker.expected());
        assertTrue(tracker.update(40_002));
        assertEquals(0, tracker.lost());
    }

    @Test
    void aJumpWithinTheDropoutLimitIsLoss() {
        tracker.update(100);
        tracker.update(101);
        assertTrue(tracker.update(101 + RtpSequenceTracker.MAX_DROPOUT - 1));
        assertEquals(RtpSequenceTracker.MAX_DROPOUT - 2, tracker.lost());
    }

    @Test
    void trackingAllocatesNothing() {
        int[] sequence = {0};
        tracker.update(0);
        Allocations.assertAllocationFree(() -> {
            sequence[0] = RtpSequence.next(sequence[0]);
            tracker.update(sequence[0]);
        });
    }
}
