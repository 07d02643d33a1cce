package io.tipring.sip.internal.call;

import io.tipring.api.media.Codec;

/** G.711 as SDP sees it; the SIP tests never encode audio. */
record TestCodecs(String name, int staticPayloadType) implements Codec {

    static final Codec PCMU = new TestCodecs("PCMU", 0);
    static final Codec PCMA = new TestCodecs("PCMA", 8);

    @Override
    public int rtpClockRate() {
        return 8000;
    }

    @Override
    public int sampleRate() {
        return 8000;
    }

    @Override
    public Encoder newEncoder() {
        throw new UnsupportedOperationException("SIP tests encode nothing");
    }

    @Override
    public Decoder newDecoder() {
        throw new UnsupportedOperationException("SIP tests decode nothing");
    }
}
