package io.tipring.media.internal.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** New legs spread over the clocks: each joins the one that ticks the fewest. */
class MediaClocksTest {

    private static final TickListener LEG = due -> { };

    @Test
    void aNewLegJoinsTheClockWithTheFewestLegs() {
        MediaClocks clocks = new MediaClocks("test-clock", 2);
        MediaClock first = clocks.next();
        first.add(LEG);
        MediaClock second = clocks.next();
        assertNotSame(first, second);
        second.add(LEG);
        second.add(LEG);

        assertSame(first, clocks.next());
        first.remove(LEG);
        first.add(LEG);
        first.add(LEG);
        first.add(LEG);
        assertSame(second, clocks.next());
    }

    @Test
    void eachClockTicksAtItsOwnPhaseOfThePeriod() throws InterruptedException {
        MediaClocks clocks = new MediaClocks("test-clock", 2);
        long[] due = new long[2];
        CountDownLatch ticked = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            int clock = i;
            clocks.all().get(i).add(scheduled -> {
                if (due[clock] == 0) {
                    due[clock] = scheduled;
                    ticked.countDown();
                }
            });
        }
        clocks.start();
        try {
            assertTrue(ticked.await(2, TimeUnit.SECONDS));
            // Half a period apart (modulo the period: the first clock may already have ticked again).
            long apart = Math.floorMod(due[1] - due[0], TimeUnit.MILLISECONDS.toNanos(MediaClock.PERIOD_MILLIS));
            assertEquals(TimeUnit.MILLISECONDS.toNanos(MediaClock.PERIOD_MILLIS / 2), apart);
        } finally {
            clocks.stop();
        }
    }

    @Test
    void theirThreadsAreNamedAndTheirNumberBounded() {
        assertEquals(1, new MediaClocks("tipring-media-clock", 1).all().size());
        assertEquals(4, new MediaClocks("tipring-media-clock", 4).all().size());
        assertThrows(IllegalArgumentException.class, () -> new MediaClocks("x", 0));
        assertThrows(IllegalArgumentException.class, () -> new MediaClocks("x", MediaClocks.MAX_CLOCKS + 1));
    }
}
