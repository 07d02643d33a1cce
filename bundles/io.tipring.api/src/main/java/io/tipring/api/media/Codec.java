package io.tipring.api.media;

import java.util.Arrays;
import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One audio format that tipring can send and receive, registered as a service by a codec bundle.
 * <p>
 * A codec is a factory: each call leg asks it for its own {@link Encoder} and {@link Decoder}, because
 * codecs such as G.722 and Opus keep state from frame to frame. Which codec a leg uses is negotiated by SDP;
 * among codecs with the same {@link #name()}, the one with the highest {@code service.ranking} is used.
 */
@ConsumerType
public interface Codec {

    /**
     * @return the format's RTP encoding name as SDP writes it in {@code a=rtpmap}, e.g. {@code PCMU},
     *         {@code G722}, {@code opus}; compared case-insensitively
     */
    String name();

    /**
     * @return the RTP payload type assigned by RFC 3551 (0 for PCMU, 8 for PCMA, 9 for G.722), or -1 for a
     *         format that takes a dynamic payload type (96-127) in each SDP offer
     */
    int staticPayloadType();

    /** @return the RTP clock rate SDP announces, e.g. 8000 (also for G.722, as RFC 3551 requires) */
    int rtpClockRate();

    /** @return the rate of the linear PCM this codec encodes from and decodes to, e.g. 8000 or 16000 */
    int sampleRate();

    /** @return the number of audio channels, 1 for every telephony codec */
    default int channels() {
        return 1;
    }

    /** @return a new encoder for one stream, with its own state */
    Encoder newEncoder();

    /**
     * A new encoder for one stream that honours what the far end asked for, where the codec can: Opus's in-band
     * FEC ({@code useinbandfec=1}), discontinuous transmission ({@code usedtx=1}), its bit rate and audio bandwidth
     * ({@code maxaveragebitrate}, {@code maxplaybackrate}). The default ignores them.
     *
     * @param remoteFormat the far end's format parameters for this codec (its SDP {@code a=fmtp}), keys in lower
     *                     case; empty when it sent none
     * @return a new encoder for one stream, with its own state
     * @since 1.3
     */
    default Encoder newEncoder(Map<String, String> remoteFormat) {
        return newEncoder();
    }

    /** @return a new decoder for one stream, with its own state */
    Decoder newDecoder();

    /**
     * Turns linear PCM into this codec's payload. An encoder serves one stream from one thread; it allocates
     * nothing per frame, so the media clock can call it for every frame of every call.
     */
    @ConsumerType
    interface Encoder {

        /**
         * @param pcm       16-bit linear samples at {@link Codec#sampleRate()}
         * @param offset    the first sample to encode
         * @param samples   how many samples (one frame, e.g. 160 for 20 ms at 8 kHz)
         * @param payload   where the encoded bytes go
         * @param payloadAt the first byte to write
         * @return how many bytes were written; 0 when the codec sends nothing for this frame (discontinuous
         *         transmission in a silence): no packet goes out, and the next one's timestamp shows the gap
         * @throws IndexOutOfBoundsException if {@code payload} has too little room from {@code payloadAt}
         */
        int encode(short[] pcm, int offset, int samples, byte[] payload, int payloadAt);
    }

    /** Turns this codec's payload back into linear PCM; one stream, one thread, nothing allocated per frame. */
    @ConsumerType
    interface Decoder {

        /**
         * @param payload the encoded bytes of one RTP packet
         * @param offset  the first byte
         * @param length  how many bytes
         * @param pcm     where the 16-bit samples at {@link Codec#sampleRate()} go
         * @param pcmAt   the first sample to write
         * @return how many samples were written
         * @throws IndexOutOfBoundsException if {@code pcm} has too little room from {@code pcmAt}
         */
        int decode(byte[] payload, int offset, int length, short[] pcm, int pcmAt);

        /**
         * A packet was lost (or the far end sent none, in a silence): fills its place. The default is silence; a
         * codec with packet-loss concealment continues the sound and lets it fade.
         *
         * @param pcm     where the samples go
         * @param pcmAt   the first sample to write
         * @param samples how many the lost packet held (as many as the last one decoded)
         * @return how many samples were written
         * @since 1.3
         */
        default int conceal(short[] pcm, int pcmAt, int samples) {
            Arrays.fill(pcm, pcmAt, pcmAt + samples, (short) 0);
            return samples;
        }

        /**
         * A packet was lost and the one after it has come: rebuilds the lost one from the redundancy the next
         * carries (Opus's in-band FEC), else conceals it. The next packet is decoded as usual in its turn.
         *
         * @param next    the payload of the packet after the lost one
         * @param offset  its first byte
         * @param length  how many bytes
         * @param pcm     where the samples go
         * @param pcmAt   the first sample to write
         * @param samples how many the lost packet held
         * @return how many samples were written
         * @since 1.3
         */
        default int recover(byte[] next, int offset, int length, short[] pcm, int pcmAt, int samples) {
            return conceal(pcm, pcmAt, samples);
        }
    }
}
