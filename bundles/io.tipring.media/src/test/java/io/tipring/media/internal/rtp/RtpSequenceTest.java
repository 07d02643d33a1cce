package io.tipring.media.internal.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RtpSequenceTest {

    @Test
    void theNextSequenceNumberWraps() {
        assertEquals(1, RtpSequence.next(0));
        assertEquals(65535, RtpSequence.next(65534));
        assertEquals(0, RtpSequence.next(65535));
    }

    @Test
    void distancesAreSignedAndCrossTheWrap() {
        assertEquals(5, RtpSequence.sequenceDistance(10, 15));
        assertEquals(-5, RtpSequence.sequenceDistance(15, 10));
        assertEquals(2, RtpSequence.sequenceDistance(65535, 1));
        assertEquals(-2, RtpSequence.sequenceDistance(1, 65535));
        assertEquals(32767, RtpSequence.sequenceDistance(0, 32767));
        assertEquals(-32768, RtpSequence.sequenceDistance(0, 32768));
    }

    @Test
    void newerMeansAheadByLessThanHalfTheSpace() {
        assertTrue(RtpSequence.isSequenceNewer(1, 0));
        assertTrue(RtpSequence.isSequenceNewer(0, 65535));
        assertTrue(RtpSequence.isSequenceNewer(100, 65000));
        assertFalse(RtpSequence.isSequenceNewer(65535, 0));
        assertFalse(RtpSequence.isSequenceNewer(7, 7));
        assertTrue(RtpSequence.isSequenceNewer(32767, 0));
        // Exactly half-way is ambiguous: neither side is newer.
        assertFalse(RtpSequence.isSequenceNewer(32768, 0));
        assertFalse(RtpSequence.isSequenceNewer(0, 32768));
    }

    @Test
    void timestampsCompareAcrossThe32BitWrap() {
        int beforeWrap = 0xFFFFFF60;
        int afterWrap = beforeWrap + 320;
        assertEquals(160, afterWrap);
        assertTrue(RtpSequence.isTimestampNewer(afterWrap, beforeWrap));
        assertFalse(RtpSequence.isTimestampNewer(beforeWrap, afterWrap));
        assertEquals(320, RtpSequence.timestampDistance(beforeWrap, afterWrap));
        assertEquals(-320, RtpSequence.timestampDistance(afterWrap, beforeWrap));
        assertTrue(RtpSequence.isTimestampNewer(0x80000000 - 1, 0));
        assertFalse(RtpSequence.isTimestampNewer(5, 5));
    }

    @Test
    void extendingPlacesANumberNextToItsReference() {
        assertEquals(65536 + 10, RtpSequence.extend(10, 65536 + 5));
        assertEquals(65536 + 2, RtpSequence.extend(2, 65536 + 10));
        // Across a wrap: ahead of 65534 is the next cycle, behind 3 is the previous one.
        assertEquals(65536 + 1, RtpSequence.extend(1, 65534));
        assertEquals(65534, RtpSequence.extend(65534, 65536 + 3));
        assertEquals(4 * 65536L + 100, RtpSequence.extend(100, 3 * 65536L + 65000));
        assertEquals(-1, RtpSequence.extend(65535, 0));
    }
}
