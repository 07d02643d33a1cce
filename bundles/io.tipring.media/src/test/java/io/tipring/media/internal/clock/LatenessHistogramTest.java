package io.tipring.media.internal.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tipring.media.internal.Allocations;
import org.junit.jupiter.api.Test;

class LatenessHistogramTest {

    private static final long US = 1_000L;
    private static final long MS = 1_000_000L;

    private final LatenessHistogram histogram = new LatenessHistogram();

    @Test
    void isEmptyAtFirst() {
        assertEquals(0, histogram.count());
        assertEquals(0, histogram.percentileNanos(99));
    }

    @Test
    void givesTheUpperEdgeOfThePercentilesBucket() {
        for (int i = 0; i < 99; i++) {
            histogram.record(50 * US);
        }
        histogram.record(3 * MS + 50 * US);

        assertEquals(100, histogram.count());
        assertEquals(100 * US, histogram.percentileNanos(99));
        assertEquals(3 * MS + 50 * US, histogram.percentileNanos(100), "capped by the largest lateness seen");
        assertEquals(3 * MS + 50 * US, histogram.maxNanos());
    }

    @Test
    void countsEarlyTicksAsOnTimeAndVeryLateOnesBeyondTheRange() {
        histogram.record(-5 * US);
        histogram.record(250 * MS);

        assertEquals(100 * US, histogram.percentileNanos(50));
        assertEquals(250 * MS, histogram.percentileNanos(99));
    }

    @Test
    void countsWhatLiesAboveALateness() {
        histogram.record(1 * MS);
        histogram.record(2 * MS + 50 * US);
        histogram.record(3 * MS);
        histogram.record(50 * MS);
        assertEquals(2, histogram.countAbove(2 * MS), "2.05 ms shares the 2 ms bucket");
        assertEquals(4, histogram.countAbove(0));
        assertEquals(0, histogram.countAbove(60 * MS));
    }

    @Test
    void refusesPercentilesOutsideZeroToHundred() {
        assertThrows(IllegalArgumentException.class, () -> histogram.percentileNanos(101));
        assertThrows(IllegalArgumentException.class, () -> histogram.percentileNanos(Double.NaN));
    }

    @Test
    void recordingAllocatesNothing() {
        Allocations.assertAllocationFree(() -> histogram.record(1_234 * US));
    }
}
