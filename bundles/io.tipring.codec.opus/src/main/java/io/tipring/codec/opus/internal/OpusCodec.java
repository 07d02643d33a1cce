package io.tipring.codec.opus.internal;

import io.tipring.api.media.Codec;
import io.tipring.api.media.Resamplers;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Opus as RTP carries it (RFC 7587): the encoding name {@code opus}, a dynamic payload type, and an RTP clock
 * of 48000 whatever the audio's bandwidth, so SDP always writes {@code opus/48000/2}. tipring's side of it is
 * wideband mono at 16 kHz: concentus encodes from 16 kHz directly (Opus codes at 8, 12, 16, 24 or 48 kHz
 * internally), and the pipeline neither resamples nor mixes. A far end that sends stereo is decoded to mono by the
 * Opus decoder itself.
 * <p>
 * Decoding runs at 48 kHz and is brought down to 16 kHz inside the codec, by a decimator from the {@link Resamplers}
 * service (a Kaiser-windowed polyphase FIR, 175 taps: flat to 6.8 kHz, 70 dB down from 8 kHz). concentus 1.0.2
 * decodes hybrid packets (SILK + CELT, TOC configurations 12 to 15, which browsers send at 16 to 40 kbit/s) to
 * silence at any rate below 48 kHz (lostromb/concentus#67); at 48 kHz every mode decodes, and the result matches
 * opusdec's (which decodes at 48 kHz too) to 59-67 dB. The decimator delays the decoded audio by 29 samples
 * (1.8 ms) on top of the encoder's 6.5 ms lookahead. The codec takes its resampler from the service, as every other
 * bundle does, rather than a filter of its own: the media bundle that provides it is the one that runs decoders,
 * so the reference costs nothing the codec could work without.
 * <p>
 * Each stream gets its own concentus encoder or decoder ({@link ConcentusEncoder}, {@link ConcentusDecoder}).
 * Encoding costs far more than G.711: measured by bench/jmh's OpusBenchmark on a loaded 2-core machine, about
 * 160 us per 20 ms frame at complexity 5, 260 us at 10, and 30 us to decode (of which the decimator takes about
 * 6 us; 14 us when concentus decoded at 16 kHz); concentus allocates short-lived arrays inside every call (about
 * 69 KB per frame encoded, 8.9 KB decoded).
 */
@Component(service = Codec.class, configurationPid = OpusCodec.PID)
@Designate(ocd = OpusConfig.class)
public final class OpusCodec implements Codec {

    static final String PID = "io.tipring.codec.opus";

    /** The rate of the PCM on tipring's side of the codec. */
    static final int SAMPLE_RATE = 16_000;

    private final Resamplers resamplers;
    private final EncoderSettings settings;

    /**
     * @param resamplers makes each decoder's 48 kHz to 16 kHz decimator
     * @param config     the encoder's settings
     * @throws IllegalArgumentException if a setting is out of its range
     */
    @Activate
    public OpusCodec(@Reference Resamplers resamplers, OpusConfig config) {
        this(resamplers, EncoderSettings.of(config));
    }

    OpusCodec(Resamplers resamplers, EncoderSettings settings) {
        this.resamplers = resamplers;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "opus";
    }

    @Override
    public int staticPayloadType() {
        return -1;
    }

    /** @return 48000: RFC 7587 fixes the RTP clock of Opus at 48 kHz for every bandwidth */
    @Override
    public int rtpClockRate() {
        return 48_000;
    }

    @Override
    public int sampleRate() {
        return SAMPLE_RATE;
    }

    @Override
    public Encoder newEncoder() {
        return new ConcentusEncoder(settings);
    }

    /** An encoder with the configured settings as the far end's {@code a=fmtp} narrows them. */
    @Override
    public Encoder newEncoder(Map<String, String> remoteFormat) {
        return new ConcentusEncoder(settings.forRemote(remoteFormat));
    }

    @Override
    public Decoder newDecoder() {
        return new ConcentusDecoder(resamplers.create(ConcentusDecoder.DECODER_RATE, SAMPLE_RATE));
    }

    EncoderSettings settings() {
        return settings;
    }
}
