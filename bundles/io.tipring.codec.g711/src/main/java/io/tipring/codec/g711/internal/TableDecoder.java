package io.tipring.codec.g711.internal;

import io.tipring.api.media.Codec;
import java.util.Objects;

/**
 * Decodes one stream with a G.711 law's table: one sample per code byte. G.711 keeps no state between
 * frames, but each stream still gets its own decoder, as {@link Codec} promises its callers.
 */
final class TableDecoder implements Codec.Decoder {

    private final short[] sampleOfCode;

    TableDecoder(LawTables law) {
        this.sampleOfCode = law.sampleOfCode;
    }

    @Override
    public int decode(byte[] payload, int offset, int length, short[] pcm, int pcmAt) {
        // Checked up front so that a short buffer gets nothing written, and the loop runs without range checks.
        Objects.checkFromIndexSize(offset, length, payload.length);
        Objects.checkFromIndexSize(pcmAt, length, pcm.length);
        for (int i = 0; i < length; i++) {
            pcm[pcmAt + i] = sampleOfCode[payload[offset + i] & 0xFF];
        }
        return length;
    }
}
