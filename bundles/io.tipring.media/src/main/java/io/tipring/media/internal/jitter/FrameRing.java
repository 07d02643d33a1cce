package io.tipring.media.internal.jitter;

import java.util.Arrays;
import java.util.Objects;

/**
 * Fixed storage for the frames of a jitter buffer: a power-of-two number of slots, each with room for one
 * frame, indexed by extended sequence number. All memory is taken at construction; storing copies the
 * payload into its slot. A slot keeps the sequence number of the last frame put there even after the frame
 * is played or dropped, which lets the buffer tell a duplicate of a recent frame from a late one.
 */
final class FrameRing {

    private static final long NO_FRAME = Long.MIN_VALUE;

    private final int mask;
    private final int slotBytes;
    private final byte[] payloads;
    private final int[] lengths;
    private final int[] timestamps;
    private final long[] sequences;
    private final boolean[] held;

    /**
     * @param capacity  how many frames, a power of two
     * @param slotBytes the largest frame payload
     */
    FrameRing(int capacity, int slotBytes) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("the capacity must be a power of two, not " + capacity);
        }
        this.mask = capacity - 1;
        this.slotBytes = slotBytes;
        this.payloads = new byte[capacity * slotBytes];
        this.lengths = new int[capacity];
        this.timestamps = new int[capacity];
        this.sequences = new long[capacity];
        this.held = new boolean[capacity];
        clear();
    }

    int capacity() {
        return mask + 1;
    }

    /** @return whether the frame is stored and not yet played or dropped */
    boolean holds(long sequence) {
        int slot = slot(sequence);
        return held[slot] && sequences[slot] == sequence;
    }

    /** @return whether the frame is stored, or was until it was played or dropped and its slot not yet reused */
    boolean remembers(long sequence) {
        return sequences[slot(sequence)] == sequence;
    }

    void store(long sequence, int timestamp, byte[] payload, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, payload.length);
        int slot = slot(sequence);
        System.arraycopy(payload, offset, payloads, slot * slotBytes, length);
        lengths[slot] = length;
        timestamps[slot] = timestamp;
        sequences[slot] = sequence;
        held[slot] = true;
    }

    /**
     * Copies a held frame out and releases it.
     *
     * @return the frame's length
     */
    int take(long sequence, byte[] dest, int offset) {
        int slot = slot(sequence);
        System.arraycopy(payloads, slot * slotBytes, dest, offset, lengths[slot]);
        held[slot] = false;
        return lengths[slot];
    }

    /** Copies a held frame's payload and keeps it. */
    int copy(long sequence, byte[] dest, int offset) {
        int slot = slot(sequence);
        System.arraycopy(payloads, slot * slotBytes, dest, offset, lengths[slot]);
        return lengths[slot];
    }

    int timestamp(long sequence) {
        return timestamps[slot(sequence)];
    }

    /** @return whether a held frame was released */
    boolean drop(long sequence) {
        if (!holds(sequence)) {
            return false;
        }
        held[slot(sequence)] = false;
        return true;
    }

    void clear() {
        Arrays.fill(sequences, NO_FRAME);
        Arrays.fill(held, false);
    }

    private int slot(long sequence) {
        return (int) sequence & mask;
    }
}
