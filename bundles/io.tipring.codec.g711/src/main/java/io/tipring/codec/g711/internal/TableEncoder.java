package io.tipring.codec.g711.internal;

import io.tipring.api.media.Codec;
import java.util.Objects;

/**
 * Encodes one stream with a G.711 law's table: one code byte per sample. G.711 keeps no state between
 * frames, but each stream still gets its own encoder, as {@link Codec} promises its callers.
 */
final class TableEncoder implements Codec.Encoder {

    private final byte[] codeOfSample;

    TableEncoder(LawTables law) {
        this.codeOfSample = law.codeOfSample;
    }

    @Override
    public int encode(short[] pcm, int offset, int samples, byte[] payload, int payloadAt) {
        // Checked up front so that a short buffer gets nothing written, and the loop runs without range checks.
        Objects.checkFromIndexSize(offset, samples, pcm.length);
        Objects.checkFromIndexSize(payloadAt, samples, payload.length);
        for (int i = 0; i < samples; i++) {
            payload[payloadAt + i] = codeOfSample[pcm[offset + i] & 0xFFFF];
        }
        return samples;
    }
}
