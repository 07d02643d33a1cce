package io.tipring.codec.g722.internal;

import static io.tipring.codec.g722.internal.Fixed.saturate;

import io.tipring.api.media.Codec;
import java.util.Objects;

/**
 * Decodes one stream of G.722 at 64 kbit/s into 16 kHz audio: each byte gives one sample of each sub-band,
 * which the synthesis filter turns into two samples. The state carries from one call to the next, as in the
 * encoder, whose ADPCM state this decoder's mirrors as long as it receives every byte.
 */
final class G722Decoder implements Codec.Decoder {

    private final LowerSubBand lower = new LowerSubBand();
    private final HigherSubBand higher = new HigherSubBand();
    private final QmfDelayLine synthesis = new QmfDelayLine();

    /**
     * {@inheritDoc}
     *
     * @return {@code 2 * length}
     */
    @Override
    public int decode(byte[] payload, int offset, int length, short[] pcm, int pcmAt) {
        Objects.checkFromIndexSize(offset, length, payload.length);
        Objects.checkFromIndexSize(pcmAt, 2 * length, pcm.length);
        for (int i = 0; i < length; i++) {
            int code = payload[offset + i];
            int low = lower.decode(code & 0x3F);
            int high = higher.decode((code >> 6) & 0x03);
            synthesis.push(low + high, low - high);
            // Each phase has a gain of 2^12: shifting by 11, not 12, doubles the 15-bit sub-bands back to 16 bits.
            int at = pcmAt + 2 * i;
            pcm[at] = (short) saturate(synthesis.secondsThroughEvenTaps() >> 11);
            pcm[at + 1] = (short) saturate(synthesis.firstsThroughOddTaps() >> 11);
        }
        return 2 * length;
    }
}
