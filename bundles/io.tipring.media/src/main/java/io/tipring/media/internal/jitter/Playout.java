package io.tipring.media.internal.jitter;

/** What {@link JitterBuffer#poll} gives the media clock for one 20 ms tick. */
public enum Playout {

    /** The next frame in sequence, copied into the caller's array. */
    FRAME,
    /** A frame is due but absent (lost, late, or the buffer ran dry): the decoder should conceal it. */
    MISSING,
    /** Nothing is due: no frame of the current stream has been played yet, so there is nothing to conceal. */
    EMPTY
}
