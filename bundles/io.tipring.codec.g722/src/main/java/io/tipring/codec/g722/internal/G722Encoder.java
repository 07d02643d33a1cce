package io.tipring.codec.g722.internal;

import io.tipring.api.media.Codec;
import java.util.Objects;

/**
 * Encodes one stream of 16 kHz audio into G.722 at 64 kbit/s: each pair of samples goes through the analysis
 * filter into one sample of each sub-band, and comes out as one byte, the higher sub-band's 2-bit code above the
 * lower sub-band's 6-bit code (the layout RFC 3551 sends).
 * <p>
 * The filter and both ADPCM coders carry their state from one call to the next, so a stream encoded frame by
 * frame gives the bytes it gives in one call. A call must hand over whole pairs, an even number of samples.
 */
final class G722Encoder implements Codec.Encoder {

    private final QmfDelayLine analysis = new QmfDelayLine();
    private final LowerSubBand lower = new LowerSubBand();
    private final HigherSubBand higher = new HigherSubBand();

    /**
     * {@inheritDoc}
     *
     * @return {@code samples / 2}
     * @throws IllegalArgumentException if {@code samples} is odd
     */
    @Override
    public int encode(short[] pcm, int offset, int samples, byte[] payload, int payloadAt) {
        if ((samples & 1) != 0) {
            throw new IllegalArgumentException("G.722 encodes pairs of samples, got " + samples + " samples");
        }
        int bytes = samples >> 1;
        Objects.checkFromIndexSize(offset, samples, pcm.length);
        Objects.checkFromIndexSize(payloadAt, bytes, payload.length);
        for (int i = 0; i < bytes; i++) {
            int at = offset + 2 * i;
            analysis.push(pcm[at], pcm[at + 1]);
            int even = analysis.secondsThroughEvenTaps();
            int odd = analysis.firstsThroughOddTaps();
            // Each phase has a gain of 2^12 and the bands add two phases: shifting by 14 leaves the sub-bands at
            // half the input's scale, the 15 bits the ADPCM coders work in.
            int lowerCode = lower.encode((even + odd) >> 14);
            int higherCode = higher.encode((even - odd) >> 14);
            payload[payloadAt + i] = (byte) (higherCode << 6 | lowerCode);
        }
        return bytes;
    }
}
