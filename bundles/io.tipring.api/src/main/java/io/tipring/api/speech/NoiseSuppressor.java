package io.tipring.api.speech;

import org.osgi.annotation.versioning.ConsumerType;

/** Cleans the frames of one stream. */
@ConsumerType
public interface NoiseSuppressor {

    /**
     * Called for every 20 ms frame of the stream, in order, on one of tipring's speech threads (never two frames
     * of a stream at once): it must take well under a millisecond and never block, since the call's speech events
     * wait for it and a stream that falls a second behind loses frames. The frame is replaced by its cleaned version, of the same length; a suppressor
     * that looks ahead delays the audio by a fixed amount and says so in {@link #delaySamples()}.
     *
     * @param pcm    16-bit linear PCM, mono; cleaned in place
     * @param offset where the frame starts
     * @param length how many samples (20 ms at the request's rate)
     */
    void process(short[] pcm, int offset, int length);

    /** @return how many samples the cleaned audio lags the audio given; the default is none */
    default int delaySamples() {
        return 0;
    }

    /** Frees what the suppressor holds; the default holds nothing. */
    default void close() {
    }
}
