package io.tipring.api.speech;

import org.osgi.annotation.versioning.ConsumerType;

/** Judges the frames of one stream. */
@ConsumerType
public interface VoiceDetector {

    /**
     * Called for every 20 ms frame of the stream, in order, on one of tipring's speech threads (never two frames
     * of a stream at once): it must take well under a millisecond and never block, since the call's speech events
     * wait for it and a stream that falls a second behind loses frames.
     *
     * @param pcm    16-bit linear PCM, mono; not the detector's to keep
     * @param offset where the frame starts
     * @param length how many samples (20 ms at the request's rate)
     * @return how likely the frame is speech, 0 to 1; tipring counts it as speech from 0.5
     */
    float speechProbability(short[] pcm, int offset, int length);

    /** Frees what the detector holds; the default holds nothing. */
    default void close() {
    }
}
