package io.tipring.sip.internal.sdp;

import io.tipring.api.media.Codec;

/** A codec as SDP sees it: a name, a payload type, rates and channels. Negotiation never encodes anything. */
record FakeCodec(String name, int staticPayloadType, int rtpClockRate, int sampleRate, int channels) implements Codec {

    static final Codec PCMU = new FakeCodec("PCMU", 0, 8000, 8000, 1);
    static final Codec PCMA = new FakeCodec("PCMA", 8, 8000, 8000, 1);
    /** RFC 3551 keeps G.722's RTP clock at 8000 though it samples at 16 kHz. */
    static final Codec G722 = new FakeCodec("G722", 9, 8000, 16000, 1);
    static final Codec OPUS = new FakeCodec("opus", -1, 48000, 48000, 2);

    @Override
    public Encoder newEncoder() {
        throw new UnsupportedOperationException("SDP negotiation encodes nothing");
    }

    @Override
    public Decoder newDecoder() {
        throw new UnsupportedOperationException("SDP negotiation decodes nothing");
    }
}
