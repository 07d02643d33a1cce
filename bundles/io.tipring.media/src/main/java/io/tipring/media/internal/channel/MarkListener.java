package io.tipring.media.internal.channel;

/** Told when playback reaches a mark queued with the audio, on the media clock's thread: return quickly. */
@FunctionalInterface
public interface MarkListener {

    /** @param name the mark's name, as given to {@link PlaybackQueue#mark} */
    void markReached(String name);
}
