package io.tipring.media.internal.clock;

/**
 * Work done once per 20 ms tick of the {@link MediaClock}, on the clock's thread. It shares that thread with
 * every other call, so it must return within a small fraction of a frame, never block, and allocate nothing.
 * <p>
 * A tick runs in two passes: first every listener's {@link #onTick}, then every listener's {@link #afterTick}.
 * What must leave at the same moment of every tick (an RTP packet) goes in the first, everything else in the
 * second, so that one call's decoding, listeners and reports never shift when another call's packet leaves.
 */
@FunctionalInterface
public interface TickListener {

    /**
     * The time-critical part of the tick, kept short.
     *
     * @param scheduledNanos when this tick was due on the {@link System#nanoTime()} clock; the actual time is
     *                       a little later, and much later if the clock fell behind
     */
    void onTick(long scheduledNanos);

    /**
     * The rest of the tick, once every listener's {@link #onTick} has run.
     *
     * @param scheduledNanos when this tick was due
     */
    default void afterTick(long scheduledNanos) {
    }
}
