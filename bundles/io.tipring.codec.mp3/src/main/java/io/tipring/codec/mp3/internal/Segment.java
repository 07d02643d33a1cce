package io.tipring.codec.mp3.internal;

import io.tipring.api.media.Resamplers;
import io.tipring.api.media.StreamDecoder.PcmSink;
import java.util.Arrays;

/**
 * A stretch of the stream with one format (MPEG version, rate, channels), usually the whole stream: its frames go
 * through one JLayer decoder, are mixed to mono, trimmed of what the encoder added, and resampled.
 * <p>
 * Every frame yields its full length, in silence where JLayer cannot decode it, so that audio after a damaged
 * frame keeps its time. JLayer's state is not to be trusted after it fails on a frame, so the next frame gets a
 * new JLayer decoder (losing only the bit reservoir, which the frames that follow refill).
 */
final class Segment {

    /** The delay of the MP3 decoder's filter bank, which every decoder (JLayer, LAME, FFmpeg) has: 528 + 1 samples. */
    static final int DECODER_DELAY = 529;
    private static final int MAX_SAMPLES_PER_FRAME = 1152;

    private final FrameHeader format;
    private final GaplessTrimmer trimmer;
    private final ResampledOutput output;
    private final short[] mono = new short[MAX_SAMPLES_PER_FRAME];
    private JLayerFrameDecoder jlayer;

    /**
     * @param format the first frame's header
     * @param info   the description the encoder put first, or null if there was none
     */
    Segment(FrameHeader format, InfoFrame info, Resamplers resamplers, int sampleRate) {
        this.format = format;
        int delay = info == null ? 0 : info.encoderDelay();
        int padding = info == null ? 0 : info.encoderPadding();
        trimmer = new GaplessTrimmer(delay + DECODER_DELAY, Math.max(0, padding - DECODER_DELAY),
                MAX_SAMPLES_PER_FRAME);
        output = new ResampledOutput(resamplers.create(format.sampleRate(), sampleRate));
    }

    /** @return whether the frame continues this segment's format */
    boolean continuedBy(FrameHeader header) {
        return format.sameStreamAs(header);
    }

    void decode(byte[] frame, int at, FrameHeader header, PcmSink sink) {
        int samples = header.samplesPerFrame();
        int decoded;
        try {
            if (jlayer == null) {
                jlayer = new JLayerFrameDecoder();
            }
            decoded = jlayer.decode(frame, at, header, mono);
        } catch (Exception e) {
            jlayer = null;
            decoded = 0;
        }
        Arrays.fill(mono, decoded, samples, (short) 0);
        trimmer.accept(mono, samples, output, sink);
    }

    /** Delivers the last audio: what the resampler holds; the samples held back are the encoder's padding. */
    void finish(PcmSink sink) {
        output.finish(sink);
    }
}
