package io.tipring.media.internal.clock;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * A copy-on-write array of listeners for code that runs on the media clock: adding and removing copy the
 * array under a lock (rare, any thread), while the per-frame path reads the current array with one volatile
 * read and iterates it without allocating, which a {@code CopyOnWriteArrayList}'s iterator would not promise.
 *
 * @param <T> the listener type
 */
public final class ListenerArray<T> {

    private final Object lock = new Object();
    private final IntFunction<T[]> newArray;
    private volatile T[] elements;

    /** @param newArray makes an array of the listener type, e.g. {@code TickListener[]::new} */
    public ListenerArray(IntFunction<T[]> newArray) {
        this.newArray = Objects.requireNonNull(newArray, "newArray");
        this.elements = newArray.apply(0);
    }

    /**
     * Appends a listener; it is called after those added before it.
     *
     * @param listener the listener, which may be added more than once
     */
    public void add(T listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (lock) {
            T[] current = elements;
            T[] next = Arrays.copyOf(current, current.length + 1);
            next[current.length] = listener;
            elements = next;
        }
    }

    /**
     * Removes the first occurrence of a listener, compared by identity.
     *
     * @param listener the listener
     * @return whether it was present
     */
    public boolean remove(T listener) {
        synchronized (lock) {
            T[] current = elements;
            for (int i = 0; i < current.length; i++) {
                if (current[i] == listener) {
                    T[] next = newArray.apply(current.length - 1);
                    System.arraycopy(current, 0, next, 0, i);
                    System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                    elements = next;
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * @return the listeners at this moment, in the order they were added; the array is shared and must not be
     *         modified, and later changes do not affect it
     */
    public T[] snapshot() {
        return elements;
    }
}
