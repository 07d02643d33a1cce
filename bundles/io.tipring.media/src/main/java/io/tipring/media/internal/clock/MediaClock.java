package io.tipring.media.internal.clock;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one clock that paces every call's media: a platform thread that ticks every {@value #PERIOD_MILLIS} ms
 * and calls each registered {@link TickListener} in the order they were added.
 * <p>
 * Tick {@code n} is due at {@code start + n * 20 ms}, computed from the start rather than from the previous
 * tick, so a late wake-up delays one tick and never the ones after it: over a call the clock does not drift
 * from {@link System#nanoTime()}. A clock that fell behind catches up with back-to-back ticks, because each
 * tick is a frame sent and a frame played; but once it is more than {@value #MAX_CATCH_UP_TICKS} ticks behind
 * (a stalled machine, a long GC), those frames are stale and the clock skips them, counting them, rather than
 * flood every peer with a burst.
 * <p>
 * A listener that throws is logged and removed, once: one broken call must not stop the media of the others.
 * Listeners can be added and removed from any thread at any time. A clock starts once and stops once.
 */
public final class MediaClock {

    /** The tick period, one media frame. */
    public static final int PERIOD_MILLIS = 20;
    /** A tick that starts later than this counts as late: the budget for outgoing RTP send-time deviation. */
    public static final long LATE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    /** How many ticks the clock may be behind and still catch up rather than skip. */
    static final int MAX_CATCH_UP_TICKS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(MediaClock.class);
    private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS);

    private final ListenerArray<TickListener> listeners = new ListenerArray<>(TickListener[]::new);
    private final LatenessHistogram lateness = new LatenessHistogram();
    private final LatenessHistogram sendDeviation = new LatenessHistogram();
    private final LatenessHistogram work = new LatenessHistogram();
    private final Thread thread;
    private final ClockScheduling scheduling;
    private volatile boolean running;
    private volatile boolean realtime;
    private long firstTickNanos; // set before the thread starts, which publishes it

    // Written by the clock's thread only, read by anyone: volatile suffices for single-writer counters.
    private volatile long ticks;
    private volatile long lateTicks;
    private volatile long skippedTicks;

    /**
     * A clock at the process's normal scheduling.
     *
     * @param threadName the name of the clock's thread, as thread dumps and profilers show it
     */
    public MediaClock(String threadName) {
        this(threadName, ClockScheduling.NORMAL);
    }

    /**
     * The clock's thread asks {@code scheduling} for real time when it starts, and runs at the highest Java priority,
     * which {@code bin/tipring} maps to the highest OS priority of the server's threads (nice -10 when it may), for
     * when real time is refused.
     *
     * @param threadName the name of the clock's thread, as thread dumps and profilers show it
     * @param scheduling how the thread asks for the CPU
     */
    public MediaClock(String threadName, ClockScheduling scheduling) {
        this.scheduling = scheduling;
        this.thread = Thread.ofPlatform().name(threadName).daemon(true).priority(Thread.MAX_PRIORITY).unstarted(this::run);
    }

    /**
     * Starts ticking; the first tick is due at once.
     *
     * @throws IllegalStateException if the clock was started before
     */
    public void start() {
        start(System.nanoTime());
    }

    /**
     * Starts ticking with the first tick due at {@code firstTickNanos}, and every tick after it 20 ms apart: clocks
     * that share the cores start at different points of the period, so that their send passes do not compete.
     *
     * @param firstTickNanos when the first tick is due, on {@link System#nanoTime()}'s scale
     * @throws IllegalStateException if the clock was started before
     */
    public synchronized void start(long firstTickNanos) {
        if (thread.getState() != Thread.State.NEW) {
            throw new IllegalStateException("a media clock starts only once");
        }
        this.firstTickNanos = firstTickNanos;
        running = true;
        thread.start();
    }

    /**
     * Stops ticking and waits for a tick in progress to finish; a clock that never started just stays stopped.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public synchronized void stop() throws InterruptedException {
        running = false;
        if (thread.getState() != Thread.State.NEW) {
            LockSupport.unpark(thread);
            thread.join();
        }
    }

    /**
     * Adds a listener, called from the next tick on after those added before it.
     *
     * @param listener the listener
     */
    public void add(TickListener listener) {
        listeners.add(listener);
    }

    /**
     * Removes a listener; a tick in progress may still call it once.
     *
     * @param listener the listener
     * @return whether it was registered
     */
    public boolean remove(TickListener listener) {
        return listeners.remove(listener);
    }

    /** @return how many listeners the clock ticks now: its share of the server's call legs */
    public int listenerCount() {
        return listeners.snapshot().length;
    }

    /** @return how many ticks have run */
    public long ticks() {
        return ticks;
    }

    /** @return how many ticks started more than {@link #LATE_NANOS} after they were due */
    public long lateTicks() {
        return lateTicks;
    }

    /** @return how many ticks were skipped because the clock had fallen too far behind */
    public long skippedTicks() {
        return skippedTicks;
    }

    /** @return whether the clock's thread runs with real-time scheduling now */
    public boolean realtime() {
        return realtime;
    }

    /** @return the largest lateness of any tick, in nanoseconds */
    public long maxLatenessNanos() {
        return lateness.maxNanos();
    }

    /** @return the distribution of the ticks' lateness */
    public LatenessHistogram lateness() {
        return lateness;
    }

    /** @return how long each tick's work for every listener took */
    public LatenessHistogram work() {
        return work;
    }

    /**
     * @return how far each interval between two packets of one leg strayed from the period, recorded by the legs:
     *         the send-time jitter a far end sees. A leg's packet leaves at the same point of every tick, after the
     *         legs before it, so it is the variation of the tick's start and work that counts, not the position
     */
    public LatenessHistogram sendDeviation() {
        return sendDeviation;
    }

    private void run() {
        try {
            realtime = scheduling.enterRealtime();
        } catch (RuntimeException | LinkageError e) {
            // Whatever goes wrong asking for real time, the clock runs: its calls need it more than the priority.
            LOG.warn("Media clock {} could not ask for real-time scheduling and runs normally", thread.getName(), e);
        }
        long start = firstTickNanos;
        long tick = 0;
        while (running) {
            long due = start + tick * PERIOD_NANOS;
            long now = System.nanoTime();
            while (now < due && running) {
                LockSupport.parkNanos(due - now);
                now = System.nanoTime();
            }
            if (!running) {
                return;
            }
            long late = now - due;
            lateness.record(late);
            if (late > LATE_NANOS) {
                lateTicks++;
            }
            fire(due);
            work.record(System.nanoTime() - now);
            ticks++;
            tick++;
            long behind = (System.nanoTime() - (start + tick * PERIOD_NANOS)) / PERIOD_NANOS;
            if (behind > MAX_CATCH_UP_TICKS) {
                tick += behind;
                skippedTicks += behind;
                if (realtime) {
                    // Its legs need more than a core: real time would now only keep that core from everyone else.
                    scheduling.leaveRealtime();
                    realtime = false;
                    LOG.warn("Media clock {} fell {} ticks behind and gave up real-time scheduling: its calls' media"
                            + " needs more CPU than it gets", thread.getName(), behind);
                }
            }
        }
    }

    private void fire(long due) {
        TickListener[] current = listeners.snapshot();
        for (TickListener listener : current) {
            try {
                listener.onTick(due);
            } catch (RuntimeException | Error e) {
                failed(listener, e);
            }
        }
        for (TickListener listener : current) {
            try {
                listener.afterTick(due);
            } catch (RuntimeException | Error e) {
                failed(listener, e);
            }
        }
    }

    /** Errors too: a StackOverflowError or a missing class in one call's code must not stop every call. */
    private void failed(TickListener listener, Throwable e) {
        if (listeners.remove(listener)) {
            LOG.error("Tick listener {} failed and was removed from the media clock", listener, e);
        }
    }
}
