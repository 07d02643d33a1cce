package io.tipring.codec.opus.internal;

import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusPacketInfo;
import io.tipring.api.media.Codec;
import io.tipring.api.media.Resampler;
import java.util.Arrays;
import java.util.Objects;

/**
 * Decodes one stream of Opus packets to 16 kHz mono, whatever the packets' mode, coded bandwidth and channel count:
 * its own concentus decoder runs at 48 kHz mono (a stereo packet is mixed to mono by the decoder), and its own
 * {@link Resampler} brings that down to 16 kHz.
 * <p>
 * Why not let concentus decode at 16 kHz, as libopus can: concentus 1.0.2 decodes hybrid packets (SILK + CELT, TOC
 * configurations 12 to 15, what browsers and {@code opusenc --speech} send at 16 to 40 kbit/s) to silence at any
 * rate below 48 kHz (lostromb/concentus#67). At 48 kHz every mode decodes. The price is the decimating filter's
 * delay, {@link #delay()} samples on top of the encoder's lookahead, and the time it takes (see {@link OpusCodec}).
 * <p>
 * A lost packet is concealed by extending the audio the decoder has (Opus packet loss concealment,
 * {@link #conceal}; also an empty payload to {@link #decode}); when the packet after it has come, the lost one is
 * rebuilt from the in-band FEC that packet carries ({@link #recover}; where it carries none, concentus conceals).
 * <p>
 * This class allocates nothing per packet (it decodes into a 120 ms buffer of its own), but concentus does.
 */
final class ConcentusDecoder implements Codec.Decoder {

    static final int DECODER_RATE = 48_000;
    /** 48 kHz to 16 kHz: every 2.5 ms of Opus (120 samples at 48 kHz) is exactly 40 samples at 16 kHz. */
    private static final int FACTOR = DECODER_RATE / OpusCodec.SAMPLE_RATE;
    /** 2.5 ms at 16 kHz: concealment comes in whole multiples of it. */
    private static final int QUANTUM = 40;
    /** RFC 6716: a packet holds at most 120 ms. */
    private static final int MAX_SAMPLES = 120 * DECODER_RATE / 1000;
    private static final int FRAME = 320;

    private final OpusDecoder opus;
    private final Resampler decimator;
    /** What concentus decodes, at 48 kHz, before {@link #decimator} takes it to 16 kHz. */
    private final short[] wide = new short[MAX_SAMPLES];
    private int lastSamples = FRAME;

    /**
     * @param decimator a new resampler from 48 kHz to 16 kHz, for this stream alone
     * @throws IllegalArgumentException if the resampler does not convert 48 kHz to 16 kHz
     * @throws IllegalStateException    if concentus cannot create a 48 kHz mono decoder
     */
    ConcentusDecoder(Resampler decimator) {
        if (decimator.fromRate() != DECODER_RATE || decimator.toRate() != OpusCodec.SAMPLE_RATE) {
            throw new IllegalArgumentException("the decimator must convert 48000 to 16000 Hz, not "
                    + decimator.fromRate() + " to " + decimator.toRate());
        }
        this.decimator = decimator;
        try {
            opus = new OpusDecoder(DECODER_RATE, 1);
        } catch (OpusException e) {
            throw new IllegalStateException("concentus cannot create a 48 kHz mono decoder", e);
        }
    }

    /**
     * @param length how many bytes; 0 when the packet was lost, which conceals it
     * @throws IllegalArgumentException  if the payload is not an Opus packet
     * @throws IndexOutOfBoundsException if the bytes are not all in {@code payload}, or {@code pcm} has too
     *                                   little room from {@code pcmAt} for the packet's samples
     */
    @Override
    public int decode(byte[] payload, int offset, int length, short[] pcm, int pcmAt) {
        Objects.checkFromIndexSize(offset, length, payload.length);
        Objects.checkFromToIndex(pcmAt, pcm.length, pcm.length);
        int room = pcm.length - pcmAt;
        if (length == 0) {
            return concealLast(pcm, pcmAt, room);
        }
        int samples = OpusPacketInfo.getNumSamples(payload, offset, length, DECODER_RATE);
        if (samples <= 0 || samples > MAX_SAMPLES) {
            throw new IllegalArgumentException("not an Opus packet: " + length + " bytes, first 0x"
                    + Integer.toHexString(payload[offset] & 0xFF));
        }
        Objects.checkFromIndexSize(pcmAt, samples / FACTOR, pcm.length);
        int decoded = decode(payload, offset, length, pcm, pcmAt, samples);
        lastSamples = decoded;
        return decoded;
    }

    /**
     * @return how many samples the decimating filter delays the decoded audio by, at 16 kHz: the first that many
     *         samples of a stream come from before it began. The audio is late by this plus the encoder's
     *         lookahead (104 samples, 6.5 ms, from libopus and concentus).
     */
    int delay() {
        return decimator.delay();
    }

    /**
     * @param samples how many the lost packet held, at 16 kHz; concealment comes in steps of 2.5 ms, so a remainder
     *                below that is silence
     */
    @Override
    public int conceal(short[] pcm, int pcmAt, int samples) {
        Objects.checkFromIndexSize(pcmAt, samples, pcm.length);
        int quantized = samples / QUANTUM * QUANTUM;
        int written = quantized == 0 ? 0 : decode(null, 0, 0, pcm, pcmAt, quantized * FACTOR);
        Arrays.fill(pcm, pcmAt + written, pcmAt + samples, (short) 0);
        return samples;
    }

    /**
     * Rebuilds a lost packet from the low-bit-rate copy of it that the next packet carries when its sender has FEC on
     * (SILK's LBRR); concentus conceals where there is none. The next packet is decoded as usual afterwards.
     */
    @Override
    public int recover(byte[] next, int offset, int length, short[] pcm, int pcmAt, int samples) {
        Objects.checkFromIndexSize(offset, length, next.length);
        Objects.checkFromIndexSize(pcmAt, samples, pcm.length);
        int quantized = samples / QUANTUM * QUANTUM;
        if (length == 0 || quantized == 0) {
            return conceal(pcm, pcmAt, samples);
        }
        int decoded;
        try {
            decoded = opus.decode(next, offset, length, wide, 0, quantized * FACTOR, true);
        } catch (OpusException | RuntimeException e) {
            // The next packet is untrusted bytes: one that cannot give FEC is concealed instead, and judged in its turn.
            return conceal(pcm, pcmAt, samples);
        }
        int written = decimator.process(wide, 0, decoded, pcm, pcmAt);
        Arrays.fill(pcm, pcmAt + written, pcmAt + samples, (short) 0);
        return samples;
    }

    private int concealLast(short[] pcm, int pcmAt, int room) {
        int samples = Math.min(lastSamples, room / QUANTUM * QUANTUM);
        if (samples == 0) {
            throw new IndexOutOfBoundsException("no room to conceal 2.5 ms: " + room + " samples");
        }
        return decode(null, 0, 0, pcm, pcmAt, samples * FACTOR);
    }

    /** Decodes {@code samples} at 48 kHz into {@link #wide} and writes them to {@code pcm} at 16 kHz. */
    private int decode(byte[] payload, int offset, int length, short[] pcm, int pcmAt, int samples) {
        int decoded;
        try {
            decoded = opus.decode(payload, offset, length, wide, 0, samples, false);
        } catch (OpusException | RuntimeException e) {
            // The packet's size was checked against the room: a failure here is a malformed packet.
            throw new IllegalArgumentException("not a decodable Opus packet: " + length + " bytes", e);
        }
        return decimator.process(wide, 0, decoded, pcm, pcmAt);
    }
}
