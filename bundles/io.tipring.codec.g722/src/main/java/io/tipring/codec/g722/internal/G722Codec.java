package io.tipring.codec.g722.internal;

import io.tipring.api.media.Codec;
import org.osgi.service.component.annotations.Component;

/**
 * ITU-T G.722 at 64 kbit/s as RTP carries it: RFC 3551 {@code G722}, static payload type 9, 16 kHz audio in one
 * byte per pair of samples (a 20 ms frame of 320 samples is 160 bytes).
 * <p>
 * SDP announces the clock as 8000 Hz, not 16000: RFC 3551 kept the value from an error in RFC 1890 so that old
 * peers still interoperate, and RTP timestamps therefore advance by 160 per 20 ms frame.
 */
@Component(service = Codec.class)
public final class G722Codec implements Codec {

    /** RFC 3551's (historic) RTP clock rate of G.722. */
    private static final int RTP_CLOCK_RATE = 8000;
    private static final int SAMPLE_RATE = 16000;

    @Override
    public String name() {
        return "G722";
    }

    @Override
    public int staticPayloadType() {
        return 9;
    }

    @Override
    public int rtpClockRate() {
        return RTP_CLOCK_RATE;
    }

    @Override
    public int sampleRate() {
        return SAMPLE_RATE;
    }

    @Override
    public Encoder newEncoder() {
        return new G722Encoder();
    }

    @Override
    public Decoder newDecoder() {
        return new G722Decoder();
    }
}
