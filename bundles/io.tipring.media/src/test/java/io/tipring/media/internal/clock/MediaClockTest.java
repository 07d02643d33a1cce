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

        assertTrue(fiftyOne.await(10, TimeUnit.SECONDS));
        long elapsedMillis = (System.nanoTime() - start) / MS;
        // Stopped before reading the counters: the latch opens inside a tick, before that tick is counted.
        clock.stop();

        // Tick 0 is due at once, so tick 50 is due 50 periods (1000 ms) later: the clock never runs ahead.
        assertTrue(elapsedMillis >= 1_000, "50 ticks took only " + elapsedMillis + " ms");
        long periodsSkipped = 0;
        for (int i = 1; i < 51; i++) {
            long gap = due.get(i) - due.get(i - 1);
            // Due times are whole periods from the start; a stalled CI machine may make the clock skip some.
            assertEquals(0, gap % (20 * MS), "ticks are due on an absolute 20 ms schedule");
            assertTrue(gap > 0);
            periodsSkipped += gap / (20 * MS) - 1;
        }
        assertTrue(periodsSkipped <= clock.skippedTicks(), "every gap in the schedule is a counted skip");
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

        assertTrue(ticking.await(10, TimeUnit.SECONDS));
        clock.stop();
        // 200 ms is 10 periods: catching up on all of them would exceed the limit, so they are skipped, not burst.
        assertTrue(clock.skippedTicks() > MediaClock.MAX_CATCH_UP_TICKS, "skipped " + clock.skippedTicks());
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

    @Test
    void asksForRealTimeOnItsOwnThreadAndGivesItUpWhenItFallsBehind() throws InterruptedException {
        List<String> calls = new CopyOnWriteArrayList<>();
        ClockScheduling scheduling = new ClockScheduling() {
            @Override
            public boolean enterRealtime() {
                calls.add("enter on " + Thread.currentThread().getName());
                return true;
            }

            @Override
            public void leaveRealtime() {
                calls.add("leave on " + Thread.currentThread().getName());
            }
        };
        MediaClock realtime = new MediaClock("test-realtime-clock", scheduling);
        AtomicInteger ticks = new AtomicInteger();
        CountDownLatch tenMore = new CountDownLatch(10);
        realtime.add(scheduled -> {
            if (ticks.incrementAndGet() == 3) {
                sleep(20 * (MediaClock.MAX_CATCH_UP_TICKS + 3));
            } else if (ticks.get() > 3) {
                tenMore.countDown();
            }
        });
        realtime.start();
        try {
            assertTrue(tenMore.await(5, TimeUnit.SECONDS));
        } finally {
            realtime.stop();
        }
        assertTrue(realtime.skippedTicks() > 0, "the stall made the clock skip");
        assertFalse(realtime.realtime());
        assertEquals(List.of("enter on test-realtime-clock", "leave on test-realtime-clock"), calls);
    }

    @Test
    void keepsRealTimeWhileItKeepsUp() throws InterruptedException {
        MediaClock realtime = new MediaClock("test-realtime-clock", new ClockScheduling() {
            @Override
            public boolean enterRealtime() {
                return true;
            }

            @Override
            public void leaveRealtime() {
                fail("a clock that keeps up keeps real time");
            }
        });
        CountDownLatch five = new CountDownLatch(5);
        realtime.add(scheduled -> five.countDown());
        realtime.start();
        try {
            assertTrue(five.await(5, TimeUnit.SECONDS));
            assertTrue(realtime.realtime());
        } finally {
            realtime.stop();
        }
        assertFalse(clock.realtime(), "a clock at normal scheduling says so");
    }
}
