package io.tipring.api.speech;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The audio between tipring's speech thread, which adds 20 ms at a time to a {@link Recognition} and must never wait,
 * and the provider's own thread, which takes what has come (to decode it, or send it to a service). Bounded: when
 * full, the oldest audio is dropped and counted, so a provider that falls behind loses the past rather than the
 * server its memory, and knows how much it lost (to keep its stream's clock). The lock is held only to copy samples.
 *
 * @since 1.1
 */
public final class AudioQueue {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private final short[] ring;
    private int head;
    private int size;
    private long dropped;
    private long droppedTotal;
    private boolean closed;
    /** The samples dropped just before what the last {@link #take} returned; the consumer's own. */
    private long droppedBeforeTake;

    /**
     * @param capacity the most samples held
     * @throws IllegalArgumentException if it is below 1
     */
    public AudioQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        ring = new short[capacity];
    }

    /**
     * Adds audio at the end, dropping the oldest held if there is no room; never waits but for the lock.
     *
     * @return false if the queue is closed (the audio is ignored)
     */
    public boolean offer(short[] pcm, int offset, int length) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            if (length > ring.length) {
                int skipped = length - ring.length;
                dropped += skipped;
                droppedTotal += skipped;
                offset += skipped;
                length = ring.length;
            }
            int overflow = size + length - ring.length;
            if (overflow > 0) {
                head = (head + overflow) % ring.length;
                size -= overflow;
                dropped += overflow;
                droppedTotal += overflow;
            }
            int tail = (head + size) % ring.length;
            int first = Math.min(length, ring.length - tail);
            System.arraycopy(pcm, offset, ring, tail, first);
            System.arraycopy(pcm, offset + first, ring, 0, length - first);
            size += length;
            ready.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the oldest audio, waiting while there is none and the queue is open.
     *
     * @param out     receives up to {@code out.length} samples
     * @param timeout the longest wait
     * @return how many samples were taken (0 if the wait timed out), or -1 once the queue is closed and empty
     * @throws InterruptedException if interrupted while waiting
     */
    public int take(short[] out, long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lock();
        try {
            while (size == 0) {
                if (closed) {
                    droppedBeforeTake = dropped;
                    dropped = 0;
                    return -1;
                }
                if (nanos <= 0) {
                    return 0;
                }
                nanos = ready.awaitNanos(nanos);
            }
            int count = Math.min(out.length, size);
            int first = Math.min(count, ring.length - head);
            System.arraycopy(ring, head, out, 0, first);
            System.arraycopy(ring, 0, out, first, count - first);
            head = (head + count) % ring.length;
            size -= count;
            droppedBeforeTake = dropped;
            dropped = 0;
            return count;
        } finally {
            lock.unlock();
        }
    }

    /** @return the samples dropped just before the audio the last {@link #take} returned; for its caller only */
    public long droppedBeforeTake() {
        return droppedBeforeTake;
    }

    /** @return every sample dropped so far */
    public long droppedTotal() {
        lock.lock();
        try {
            return droppedTotal;
        } finally {
            lock.unlock();
        }
    }

    /** No more audio is added; what is held can still be taken. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            ready.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
