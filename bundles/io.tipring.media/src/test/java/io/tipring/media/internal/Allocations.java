package io.tipring.media.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

/**
 * Checks the media engine's promise that per-packet and per-frame work allocates nothing: it runs the work
 * once to warm up (class loading, lazy initialisation), then many times while HotSpot counts the bytes the
 * thread allocates.
 */
public final class Allocations {

    private static final int REPETITIONS = 20_000;
    /** Far below one object per repetition, yet tolerant of a stray allocation by the JVM itself. */
    private static final long TOLERANCE_BYTES = 2_048;

    private Allocations() {
    }

    public static void assertAllocationFree(Runnable work) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < REPETITIONS; i++) {
            work.run();
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < REPETITIONS; i++) {
            work.run();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < TOLERANCE_BYTES, () -> allocated + " bytes allocated in " + REPETITIONS + " repetitions");
    }
}
