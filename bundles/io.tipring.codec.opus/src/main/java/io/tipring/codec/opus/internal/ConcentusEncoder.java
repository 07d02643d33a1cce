package io.tipring.codec.opus.internal;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusBandwidth;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.tipring.api.media.Codec;
import java.util.Objects;

/**
 * Encodes one stream of 16 kHz mono into Opus packets with its own concentus encoder, tuned for speech
 * ({@code OPUS_APPLICATION_VOIP}). A frame may be 2.5, 5, 10, 20, 40 or 60 ms (40 to 960 samples); tipring's
 * 20 ms is 320.
 * <p>
 * An Opus packet's size varies from frame to frame. The encoder fits each packet into the room it is given,
 * at most 1275 bytes (RFC 6716's largest frame), by lowering its quality if it must: a payload buffer smaller
 * than the configured bit rate needs (60 bytes for 20 ms at 24 kbit/s) costs quality, not an exception. With
 * DTX, a frame of silence the encoder codes in 2 bytes or less is not sent at all ({@code encode} returns 0).
 * <p>
 * This class allocates nothing per frame, but concentus does: about 75 KiB of short-lived arrays per 20 ms
 * frame at complexity 5, where libopus uses its stack.
 */
final class ConcentusEncoder implements Codec.Encoder {

    /** RFC 6716, 3.2.1: the largest a single Opus frame can be. */
    static final int MAX_PACKET = 1275;

    /** libopus: "If the return value is 2 bytes or less, then the packet does not need to be transmitted (DTX)." */
    static final int DTX_PACKET = 2;

    private final OpusEncoder opus;
    private final boolean dtx;

    /** @throws IllegalStateException if concentus refuses the settings, which {@link EncoderSettings} checked */
    ConcentusEncoder(EncoderSettings settings) {
        try {
            opus = new OpusEncoder(OpusCodec.SAMPLE_RATE, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        } catch (OpusException e) {
            throw new IllegalStateException("concentus cannot create a 16 kHz mono encoder", e);
        }
        opus.setBitrate(settings.bitrate());
        opus.setComplexity(settings.complexity());
        opus.setUseInbandFEC(settings.fec());
        opus.setPacketLossPercent(settings.packetLoss());
        opus.setUseDTX(settings.dtx());
        if (settings.narrowband()) {
            opus.setMaxBandwidth(OpusBandwidth.OPUS_BANDWIDTH_NARROWBAND);
        }
        this.dtx = settings.dtx();
    }

    /**
     * @throws IllegalArgumentException  if {@code samples} is not an Opus frame size at 16 kHz
     * @throws IndexOutOfBoundsException if the samples are not all in {@code pcm}, or {@code payloadAt} leaves
     *                                   no room in {@code payload}
     */
    @Override
    public int encode(short[] pcm, int offset, int samples, byte[] payload, int payloadAt) {
        Objects.checkFromIndexSize(offset, samples, pcm.length);
        Objects.checkIndex(payloadAt, payload.length);
        if (!isFrameSize(samples)) {
            throw new IllegalArgumentException("an Opus frame at 16 kHz is 40, 80, 160, 320, 640 or 960 samples, "
                    + "not " + samples);
        }
        int room = Math.min(payload.length - payloadAt, MAX_PACKET);
        try {
            int length = opus.encode(pcm, offset, samples, payload, payloadAt, room);
            return dtx && length <= DTX_PACKET ? 0 : length;
        } catch (OpusException e) {
            // The arguments were checked above: what is left is a fault inside concentus.
            throw new IllegalStateException("concentus failed to encode a frame", e);
        }
    }

    /** @return the samples the encoder looks ahead, and so delays its decoded output by: 104 (6.5 ms) */
    int lookahead() {
        return opus.getLookahead();
    }

    /** @return whether Opus codes frames of this many samples at 16 kHz: 2.5 ms times 1, 2, 4, 8, 16 or 24 */
    static boolean isFrameSize(int samples) {
        return switch (samples) {
            case 40, 80, 160, 320, 640, 960 -> true;
            default -> false;
        };
    }
}
