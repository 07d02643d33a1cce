package io.tipring.media.internal.session;

/**
 * Subscribes to the audio a session receives: one decoded frame per media clock tick once the far end's
 * audio has started, on the clock's thread. It must return quickly and hand anything slow to a bounded queue
 * of its own.
 */
@FunctionalInterface
public interface FrameListener {

    /**
     * @param pcm     16-bit linear samples at the codec's sample rate, from index 0; the array is reused for
     *                the next frame, so copy what must be kept
     * @param samples how many samples the frame has, 20 ms worth
     */
    void frame(short[] pcm, int samples);
}
