package io.tipring.media.internal.jitter;

/** What {@link JitterBuffer#put} did with a packet. */
public enum Arrival {

    /** Kept, to be played in its turn. */
    STORED,
    /** Dropped: this frame is already held, or was already played. */
    DUPLICATE,
    /** Dropped: its turn to be played has passed. */
    LATE,
    /** Dropped: its payload is larger than the buffer's frame slots. */
    TOO_LARGE
}
