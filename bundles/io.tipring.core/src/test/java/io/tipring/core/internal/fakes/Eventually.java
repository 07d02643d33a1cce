package io.tipring.core.internal.fakes;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition by bounded polling. The bound is generous because a busy two-core CI machine may stall
 * a thread for seconds; a test that passes never waits for it, so it costs nothing.
 */
public final class Eventually {

    private static final long BOUND_MILLIS = 15_000;

    private Eventually() {
    }

    public static void await(String what, BooleanSupplier condition) {
        await(() -> what, condition);
    }

    public static void await(Supplier<String> what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + BOUND_MILLIS * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still waiting after " + BOUND_MILLIS + " ms for " + what.get());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what.get());
            }
        }
    }
}
