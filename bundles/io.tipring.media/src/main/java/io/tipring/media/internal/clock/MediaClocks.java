package io.tipring.media.internal.clock;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The media clocks that pace the server's call legs: one per core (at most {@value #MAX_CLOCKS}), each a thread
 * ticking its own legs every 20 ms. A new leg joins the clock that ticks the fewest and stays on it, so that one
 * leg's frames are always handled by one thread, in order, while the legs of a busy server spread over the cores.
 * Legs never wait for one another across clocks: what crosses between legs (an application's audio, another leg's
 * frames) goes through the channels' thread-safe queues.
 */
public final class MediaClocks {

    /** More clocks than this buy nothing: the RTP receiver and the transports need cores too. */
    public static final int MAX_CLOCKS = 4;

    private final List<MediaClock> clocks;

    /**
     * @param threadName the name of the clocks' threads; numbered when there are several
     * @param count      how many clocks, 1 to {@value #MAX_CLOCKS}
     * @throws IllegalArgumentException if {@code count} is out of range
     */
    public MediaClocks(String threadName, int count) {
        this(threadName, count, ClockScheduling.NORMAL);
    }

    /**
     * @param threadName the name of the clocks' threads; numbered when there are several
     * @param count      how many clocks, 1 to {@value #MAX_CLOCKS}
     * @param scheduling how each clock's thread asks for the CPU
     * @throws IllegalArgumentException if {@code count} is out of range
     */
    public MediaClocks(String threadName, int count, ClockScheduling scheduling) {
        if (count < 1 || count > MAX_CLOCKS) {
            throw new IllegalArgumentException("1 to " + MAX_CLOCKS + " media clocks, not " + count);
        }
        List<MediaClock> made = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            made.add(new MediaClock(count == 1 ? threadName : threadName + "-" + i, scheduling));
        }
        this.clocks = List.copyOf(made);
    }

    /** @return as many clocks as the machine has cores, up to {@value #MAX_CLOCKS} */
    public static int forThisMachine() {
        return Math.clamp(Runtime.getRuntime().availableProcessors(), 1, MAX_CLOCKS);
    }

    /**
     * Starts every clock, each at its own phase of the 20 ms period (with two clocks, 10 ms apart), so that one
     * clock's send pass runs while the others wait for their tick: each leg's packets then leave on a core that the
     * other clocks are not competing for, and the server's packets spread over the period instead of leaving in
     * bursts.
     */
    public void start() {
        long first = System.nanoTime();
        long phase = TimeUnit.MILLISECONDS.toNanos(MediaClock.PERIOD_MILLIS) / clocks.size();
        for (int i = 0; i < clocks.size(); i++) {
            clocks.get(i).start(first + i * phase);
        }
    }

    /**
     * Stops every clock and waits for the ticks in progress.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void stop() throws InterruptedException {
        for (MediaClock clock : clocks) {
            clock.stop();
        }
    }

    /** @return the clock a new leg joins: the one that ticks the fewest legs now */
    public MediaClock next() {
        return clocks.stream().min(Comparator.comparingInt(MediaClock::listenerCount)).orElseThrow();
    }

    /** @return every clock, for their figures */
    public List<MediaClock> all() {
        return clocks;
    }
}
