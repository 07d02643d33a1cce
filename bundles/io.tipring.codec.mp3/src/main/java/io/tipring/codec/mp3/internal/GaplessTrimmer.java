package io.tipring.codec.mp3.internal;

import io.tipring.api.media.StreamDecoder.PcmSink;

/**
 * Drops the samples that are not the encoded audio: those before it (the encoder's delay and the decoder's) and
 * those after it (the encoder's padding, less the decoder's delay). Since the end of the stream is known only when
 * it comes, the last samples are held back until more follow them.
 */
final class GaplessTrimmer {

    private final short[] held;
    private final int holdBack;
    private int heldCount;
    private long toSkip;

    /**
     * @param skip     samples to drop at the start
     * @param holdBack samples to drop at the end
     * @param slice    the most samples one call of {@link #accept} brings
     */
    GaplessTrimmer(long skip, int holdBack, int slice) {
        this.toSkip = skip;
        this.holdBack = holdBack;
        held = new short[holdBack + slice];
    }

    /** Passes on the samples that are audio, once {@code holdBack} samples have come after them. */
    void accept(short[] pcm, int length, ResampledOutput next, PcmSink sink) {
        int skipped = (int) Math.min(toSkip, length);
        toSkip -= skipped;
        System.arraycopy(pcm, skipped, held, heldCount, length - skipped);
        heldCount += length - skipped;
        int ready = heldCount - holdBack;
        if (ready > 0) {
            next.accept(held, 0, ready, sink);
            System.arraycopy(held, ready, held, 0, holdBack);
            heldCount = holdBack;
        }
    }
}
