package io.tipring.media.internal.session;

import io.tipring.api.media.Codec;
import io.tipring.api.media.Resampler;
import io.tipring.media.internal.channel.AudioChannel;

/**
 * The far end's audio for the listeners that take it on arrival: each audio packet, as the RTP receiver reads it,
 * decoded by a decoder of its own (the jitter buffer's playout keeps the stream's decoder and its state), brought to
 * the channel's rate and cut into 20 ms frames. What a packet holds beyond whole frames waits for the next packet.
 * Only packets newer than the last one delivered count: a duplicate or a late packet is dropped, a lost one leaves a
 * gap. A new source (SSRC) starts over. RTP receiver's thread only.
 */
final class ArrivalTap {

    private final Codec.Decoder decoder;
    /** From the codec's rate to the channel's; {@code null} when they are equal. */
    private final Resampler fromCodec;
    private final short[] decoded;
    private final short[] pending;
    private final short[] frame;
    private final int samplesPerFrame;
    private int pendingSamples;
    private boolean started;
    private int lastSsrc;
    private int lastSequence;
    private boolean failed;

    /**
     * @param decoder          a decoder for this tap alone
     * @param fromCodec        converts the decoded audio to the channel's rate, or {@code null} when it is there
     * @param maxPacketSamples the most samples one packet decodes to, at the codec's rate
     * @param samplesPerFrame  the channel's samples in 20 ms
     */
    ArrivalTap(Codec.Decoder decoder, Resampler fromCodec, int maxPacketSamples, int samplesPerFrame) {
        this.decoder = decoder;
        this.fromCodec = fromCodec;
        this.decoded = new short[maxPacketSamples];
        int atChannelRate = fromCodec == null ? maxPacketSamples : fromCodec.maxOutput(maxPacketSamples);
        this.pending = new short[samplesPerFrame + atChannelRate];
        this.frame = new short[samplesPerFrame];
        this.samplesPerFrame = samplesPerFrame;
    }

    /**
     * Delivers the whole frames this packet completes to the channel's listeners on arrival.
     *
     * @param ssrc     the packet's source
     * @param sequence its sequence number
     * @param data     the datagram
     * @param offset   where its payload starts
     * @param length   the payload's length
     * @param audio    the channel whose listeners get the frames
     */
    void accept(int ssrc, int sequence, byte[] data, int offset, int length, AudioChannel audio) {
        if (failed) {
            return;
        }
        if (started && ssrc == lastSsrc) {
            int ahead = (sequence - lastSequence) & 0xFFFF;
            if (ahead == 0 || ahead >= 0x8000) {
                return;
            }
        } else {
            pendingSamples = 0;
        }
        started = true;
        lastSsrc = ssrc;
        lastSequence = sequence;
        int samples;
        try {
            samples = decoder.decode(data, offset, length, decoded, 0);
        } catch (RuntimeException e) {
            // An undecodable packet is a gap here; the playout path conceals it and counts it.
            return;
        } catch (LinkageError e) {
            // The codec's bundle is gone: the playout path ends the stream and says so.
            failed = true;
            return;
        }
        if (fromCodec == null) {
            System.arraycopy(decoded, 0, pending, pendingSamples, samples);
            pendingSamples += samples;
        } else {
            pendingSamples += fromCodec.process(decoded, 0, samples, pending, pendingSamples);
        }
        int at = 0;
        while (pendingSamples - at >= samplesPerFrame) {
            System.arraycopy(pending, at, frame, 0, samplesPerFrame);
            at += samplesPerFrame;
            audio.receivedOnArrival(frame, samplesPerFrame);
        }
        pendingSamples -= at;
        System.arraycopy(pending, at, pending, 0, pendingSamples);
    }
}
