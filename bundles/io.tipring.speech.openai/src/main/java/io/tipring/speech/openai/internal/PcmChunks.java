package io.tipring.speech.openai.internal;

import io.tipring.api.media.ResampledChunks;
import io.tipring.api.media.Resampler;
import java.util.function.Consumer;

/**
 * Turns the bytes of a raw PCM stream (16-bit little-endian, mono), in whatever pieces the network gives them,
 * into samples for {@link ResampledChunks}, which resamples them and hands the sink pieces of at least 20 ms. A
 * byte left over from a piece (half a sample) waits for the next.
 */
final class PcmChunks {

    /** The most input samples resampled at once. */
    private static final int SLICE = 2048;

    private final ResampledChunks chunks;
    private final short[] samples = new short[SLICE];
    private int carriedByte = -1;

    /**
     * @param resampler from the stream's rate to the sink's
     * @param sink      receives the pieces, each a new array
     */
    PcmChunks(Resampler resampler, Consumer<short[]> sink) {
        this.chunks = new ResampledChunks(resampler, SLICE, sink);
    }

    /**
     * @param bytes  the stream's next bytes
     * @param offset where they start
     * @param length how many
     */
    void accept(byte[] bytes, int offset, int length) {
        int at = offset;
        int end = offset + length;
        int n = 0;
        if (carriedByte >= 0 && at < end) {
            samples[n++] = (short) (carriedByte | bytes[at++] << 8);
            carriedByte = -1;
        }
        while (at + 1 < end) {
            samples[n++] = (short) (bytes[at] & 0xff | bytes[at + 1] << 8);
            at += 2;
            if (n == SLICE) {
                chunks.accept(samples, n);
                n = 0;
            }
        }
        if (at < end) {
            carriedByte = bytes[at] & 0xff;
        }
        if (n > 0) {
            chunks.accept(samples, n);
        }
    }

    /** The stream ended: brings out what the resampler holds, up to the length due (a half sample is dropped). */
    void finish() {
        chunks.finish();
    }
}
