package io.tipring.core.internal.call;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one call's work (its record writes and event deliveries) one task at a time, in the order submitted, on a
 * virtual thread that exists only while there is work. Submitting never blocks, so media and SIP threads can hand
 * work over and return at once; a slow listener delays only this call.
 * <p>
 * Tasks submitted before {@link #open()} wait: a call being placed gathers its first events while its leg is
 * dialled, and they are released (or dropped, if the dial is refused) only once the engine knows the call exists.
 */
final class SequentialExecutor implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(SequentialExecutor.class);

    private final String threadName;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile boolean open;

    /** @param threadName the name of the virtual thread that runs the tasks, for thread dumps */
    SequentialExecutor(String threadName) {
        this.threadName = threadName;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (open) {
            drainIfIdle();
        }
    }

    /** Starts running the tasks submitted so far and every later one. */
    void open() {
        open = true;
        drainIfIdle();
    }

    private void drainIfIdle() {
        if (!tasks.isEmpty() && draining.compareAndSet(false, true)) {
            Thread.ofVirtual().name(threadName).start(this::drain);
        }
    }

    private void drain() {
        do {
            for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                try {
                    task.run();
                } catch (Throwable t) {
                    // Each task guards its own listeners; this only keeps the call's stream alive after a bug.
                    LOG.error("A task of {} failed", threadName, t);
                }
            }
            draining.set(false);
            // A task submitted between the last poll and the reset above found us draining: take it now.
        } while (!tasks.isEmpty() && draining.compareAndSet(false, true));
    }
}
