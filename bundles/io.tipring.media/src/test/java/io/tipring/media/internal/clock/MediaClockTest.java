package io.tipring.media.internal.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The clock on a real thread; timing bounds are generous, as CI runs on two busy cores. */
class MediaClockTest {

    private static final long MS = 1_000_000L;

    private final MediaClock clock = new MediaClock("test-media-clock");

    @AfterEach
    void stopClock() throws InterruptedException {
        clock.stop();
    }

    @Test
    void ticksEveryTwentyMillisecondsWithoutDrift() throws InterruptedException {
        CountDownLatch fiftyOne = new CountDownLatch(51);
        List<Long> due = new CopyOnWriteArrayList<>();
        clock.add(scheduled -> {
            due.add(scheduled);
            fiftyOne.countDown();
        });
        long start = System.nanoTime();
        clock.start();

        assertTrue(fiftyOne.await(5, TimeUnit.SECONDS));
        long elapsedMillis = (System.nanoTime() - start) / MS;

        // Tick 0 is due at once, so tick 50 comes 50 periods (1000 ms) later.
        assertTrue(elapsedMillis >= 700 && elapsedMillis <= 1_300, "50 ticks took " + elapsedMillis + " ms");
        for (int i = 1; i < 51; i++) {
            assertEquals(20 * MS, due.get(i) - due.get(i - 1), "ticks are due on an absolute 20 ms schedule");
        }
        assertTrue(clock.ticks() >= 51);
        assertEquals(clock.ticks(), clock.lateness().count(), "every tick's lateness is recorded");
        assertTrue(clock.maxLatenessNanos() >= 0);
    }

    @Test
    void callsListenersInOrderAndSurvivesOneThatThrows() throws InterruptedException {
        List<String> calls = new CopyOnWriteArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        CountDownLatch fiveMore = new CountDownLatch(5);
        clock.add(scheduled -> calls.add("first"));
        clock.add(scheduled -> {
            failures.incrementAndGet();
            throw new IllegalStateException("a broken call");
        });
        clock.add(scheduled -> {
            calls.add("last");
            fiveMore.countDown();
        });
        clock.start();

        assertTrue(fiveMore.await(5, TimeUnit.SECONDS));
        assertEquals(1, failures.get(), "a throwing listener is removed after its first failure");
        assertEquals(List.of("first", "last", "first", "last"), calls.subList(0, 4));
    }

    @Test
    void skipsTicksOnceTooFarBehindAndCountsThem() throws InterruptedException {
        CountDownLatch ticking = new CountDownLatch(5);
        AtomicInteger calls = new AtomicInteger();
        clock.add(scheduled -> {
            if (calls.getAndIncrement() == 1) {
                sleep(200);
            }
            ticking.countDown();
        });
        clock.start();

        assertTrue(ticking.await(5, TimeUnit.SECONDS));
        // 200 ms is 10 periods: catching up on all of them would exceed the limit, so most are skipped.
        assertTrue(clock.skippedTicks() > MediaClock.MAX_CATCH_UP_TICKS, "skipped " + clock.skippedTicks());
        assertTrue(clock.lateTicks() <= 1 + MediaClock.MAX_CATCH_UP_TICKS + 3, "late " + clock.lateTicks());
    }

    @Test
    void stopsAndRemovesListeners() throws InterruptedException {
        AtomicInteger ticks = new AtomicInteger();
        TickListener counter = scheduled -> ticks.incrementAndGet();
        clock.add(counter);
        assertTrue(clock.remove(counter));
        assertFalse(clock.remove(counter));
        clock.start();
        assertThrows(IllegalStateException.class, clock::start);
        Thread.sleep(50);
        clock.stop();
        long stoppedAt = clock.ticks();
        Thread.sleep(50);

        assertEquals(0, ticks.get());
        assertTrue(stoppedAt > 0);
        assertEquals(stoppedAt, clock.ticks());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
        }
    }
}
