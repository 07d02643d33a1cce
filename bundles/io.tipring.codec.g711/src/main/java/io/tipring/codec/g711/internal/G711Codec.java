package io.tipring.codec.g711.internal;

import io.tipring.api.media.Codec;

/**
 * What PCMU and PCMA share: narrowband audio at 8000 samples a second, one byte per sample, coded through
 * a {@link LawTables law's tables}.
 */
abstract class G711Codec implements Codec {

    private static final int RATE = 8000;

    private final String name;
    private final int payloadType;
    private final LawTables law;

    G711Codec(String name, int payloadType, LawTables law) {
        this.name = name;
        this.payloadType = payloadType;
        this.law = law;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int staticPayloadType() {
        return payloadType;
    }

    @Override
    public final int rtpClockRate() {
        return RATE;
    }

    @Override
    public final int sampleRate() {
        return RATE;
    }

    @Override
    public final Encoder newEncoder() {
        return new TableEncoder(law);
    }

    @Override
    public final Decoder newDecoder() {
        return new TableDecoder(law);
    }
}
