package io.tipring.media.internal.clock;

/**
 * Work done once per 20 ms tick of the {@link MediaClock}, on the clock's thread. It shares that thread with
 * every other call, so it must return within a small fraction of a frame, never block, and allocate nothing.
 */
@FunctionalInterface
public interface TickListener {

    /**
     * @param scheduledNanos when this tick was due on the {@link System#nanoTime()} clock; the actual time is
     *                       a little later, and much later if the clock fell behind
     */
    void onTick(long scheduledNanos);
}
