package io.tipring.codec.mp3.internal;

import java.io.InputStream;
import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.SampleBuffer;

/**
 * JLayer's decoder for one stream of frames of one format, fed a whole frame at a time.
 * <p>
 * JLayer reads frames from an {@link InputStream}, and its Layer III decoder keeps the bit reservoir (the part of a
 * frame's audio that earlier frames carry) bound to the first {@link Bitstream} it reads from; so one bitstream
 * reads the whole stream from a {@link FrameFeed} that holds just the frame to decode. Holding just one frame also
 * matters because JLayer accepts a frame only if another header or the end of its input follows it.
 */
final class JLayerFrameDecoder {

    private final FrameFeed feed = new FrameFeed();
    private final Bitstream bitstream = new Bitstream(feed);
    private final Decoder decoder = new Decoder();

    /**
     * @param frame  bytes holding the frame from {@code at}
     * @param header the frame's header, which {@link FrameScanner} checked
     * @param mono   where the frame's samples go, the channels mixed: room for {@code header.samplesPerFrame()}
     * @return how many samples were written: {@code header.samplesPerFrame()}, or fewer if JLayer could not decode
     *         the frame whole (it starts in the bit reservoir of frames that were lost, say)
     * @throws Exception whatever JLayer throws on a frame it cannot decode
     */
    int decode(byte[] frame, int at, FrameHeader header, short[] mono) throws Exception {
        feed.hold(frame, at, header.frameLength());
        try {
            Header read = bitstream.readFrame();
            if (read == null) {
                return 0;
            }
            SampleBuffer output = (SampleBuffer) decoder.decodeFrame(read, bitstream);
            return mix(output, Math.min(header.samplesPerFrame(), mono.length), mono);
        } finally {
            bitstream.closeFrame();
            feed.drop();
        }
    }

    private static int mix(SampleBuffer output, int most, short[] mono) {
        short[] interleaved = output.getBuffer();
        int channels = output.getChannelCount();
        int samples = Math.min(most, output.getBufferLength() / channels);
        if (channels == 1) {
            System.arraycopy(interleaved, 0, mono, 0, samples);
        } else {
            for (int i = 0; i < samples; i++) {
                mono[i] = (short) ((interleaved[2 * i] + interleaved[2 * i + 1]) >> 1);
            }
        }
        return samples;
    }

    /** The input JLayer reads: one frame, then the end of input until the next frame is held. */
    private static final class FrameFeed extends InputStream {

        private byte[] bytes = new byte[0];
        private int position;
        private int end;

        void hold(byte[] frame, int at, int length) {
            bytes = frame;
            position = at;
            end = at + length;
        }

        void drop() {
            position = end;
        }

        @Override
        public int read() {
            return position < end ? bytes[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (position == end) {
                return -1;
            }
            int read = Math.min(length, end - position);
            System.arraycopy(bytes, position, into, offset, read);
            position += read;
            return read;
        }

        @Override
        public int available() {
            return end - position;
        }
    }
}
