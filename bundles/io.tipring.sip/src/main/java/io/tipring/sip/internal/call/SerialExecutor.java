package io.tipring.sip.internal.call;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one call's work one task at a time, in the order submitted, on a shared executor (virtual threads). Every
 * event of a call (a SIP message, a timer, the call engine's answer or hangup) goes through it, so a call's state
 * needs no lock and no lock is held across network I/O or a listener callback.
 */
final class SerialExecutor implements Executor {

    private final Executor threads;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    SerialExecutor(Executor threads) {
        this.threads = threads;
    }

    /** @throws RejectedExecutionException if the shared executor is shut down */
    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        schedule();
    }

    private void schedule() {
        if (draining.compareAndSet(false, true)) {
            try {
                threads.execute(this::drain);
            } catch (RejectedExecutionException e) {
                draining.set(false);
                tasks.clear();
                throw e;
            }
        }
    }

    private void drain() {
        try {
            for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                task.run();
            }
        } finally {
            draining.set(false);
            if (!tasks.isEmpty()) {
                schedule();
            }
        }
    }
}
