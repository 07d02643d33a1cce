package io.tipring.api.speech;

import org.osgi.annotation.versioning.ConsumerType;

/** A recognition under way, fed with a call's audio in order. */
@ConsumerType
public interface Recognition {

    /**
     * Takes the next audio, on one of tipring's speech threads, in order: never blocks (hand the audio to the
     * provider's own thread, e.g. through an {@link AudioQueue}). A provider that falls behind drops the oldest audio
     * it holds rather than growing without bound.
     *
     * @param pcm    16-bit linear PCM, mono, at the request's rate; not the provider's to keep
     * @param offset where the audio starts in {@code pcm}
     * @param length how many samples
     */
    void accept(short[] pcm, int offset, int length);

    /** No more audio comes: report the final result of any utterance under way, then stop. */
    void finish();

    /** Stops at once and frees what it holds; nothing more is reported. Calling it again does nothing. */
    void cancel();
}
