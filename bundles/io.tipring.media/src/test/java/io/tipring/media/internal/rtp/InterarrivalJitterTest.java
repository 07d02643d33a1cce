package io.tipring.media.internal.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tipring.media.internal.Allocations;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InterarrivalJitterTest {

    private static final long MS = 1_000_000L;

    private final InterarrivalJitter jitter = new InterarrivalJitter(8000);

    @Test
    void packetsArrivingInStepHaveNoJitter() {
        for (int i = 0; i < 100; i++) {
            jitter.update(i * 160, 5_000 * MS + i * 20 * MS);
        }
        assertEquals(0, jitter.jitter());
        assertEquals(0.0, jitter.jitterMillis());
    }

    @Test
    void followsTheRfc3550FormulaStepByStep() {
        Random random = new Random(7);
        double expected = 0;
        long previousTransit = 0;
        for (int i = 0; i < 500; i++) {
            long delayMs = random.nextInt(40);
            long arrival = i * 20 * MS + delayMs * MS;
            jitter.update(i * 160, arrival);
            long transit = arrival / MS * 8 - i * 160L;
            if (i > 0) {
                expected += (Math.abs(transit - previousTransit) - expected) / 16;
            }
            previousTransit = transit;
        }
        assertEquals(expected, jitter.jitter(), 1.0);
        assertEquals(expected / 8, jitter.jitterMillis(), 0.2);
    }

    @Test
    void convergesToTheMeanDeviationOfAlternatingDelays() {
        // Delays alternate 0 and 10 ms: every transit difference is 10 ms = 80 ticks at 8 kHz.
        for (int i = 0; i < 400; i++) {
            jitter.update(i * 160, i * 20 * MS + (i % 2) * 10 * MS);
        }
        assertEquals(80, jitter.jitter(), 1);
        assertEquals(10.0, jitter.jitterMillis(), 0.2);
    }

    @Test
    void measuresAcrossATimestampWrap() {
        int start = 0xFFFFFF00;
        for (int i = 0; i < 200; i++) {
            jitter.update(start + i * 160, i * 20 * MS);
        }
        assertEquals(0, jitter.jitter());
    }

    @Test
    void usesTheStreamsClockRate() {
        InterarrivalJitter wideband = new InterarrivalJitter(48_000);
        for (int i = 0; i < 400; i++) {
            wideband.update(i * 960, i * 20 * MS + (i % 2) * 10 * MS);
        }
        assertEquals(480, wideband.jitter(), 6);
        assertEquals(10.0, wideband.jitterMillis(), 0.2);
    }

    @Test
    void aRestartDoesNotMeasureTheJumpButKeepsTheEstimate() {
        for (int i = 0; i < 400; i++) {
            jitter.update(i * 160, i * 20 * MS + (i % 2) * 10 * MS);
        }
        int before = jitter.jitter();
        jitter.restart();
        jitter.update(123_456_789, 60_000 * MS);
        assertEquals(before, jitter.jitter());
    }

    @Test
    void refusesANonPositiveClockRate() {
        assertThrows(IllegalArgumentException.class, () -> new InterarrivalJitter(0));
    }

    @Test
    void estimatingAllocatesNothing() {
        int[] i = {0};
        Allocations.assertAllocationFree(() -> {
            i[0]++;
            jitter.update(i[0] * 160, i[0] * 20 * MS + (i[0] % 3) * MS);
        });
    }
}
