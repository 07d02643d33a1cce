package io.tipring.codec.mp3.internal;

import io.tipring.api.media.Resamplers;
import io.tipring.api.media.StreamDecoder;
import java.util.Objects;

/**
 * Decodes one MP3 stream fed in pieces cut anywhere: each piece yields the audio of the frames it completes, mono,
 * at the rate asked for.
 * <p>
 * A change of format (concatenated files of different rates, say) or a new Xing/Info frame (a new file) ends the
 * current {@link Segment}, delivering its last audio, and starts another.
 */
final class Mp3StreamDecoder implements StreamDecoder {

    private final Resamplers resamplers;
    private final int sampleRate;
    private final FrameScanner scanner = new FrameScanner();
    private Segment segment;
    private boolean closed;

    Mp3StreamDecoder(Resamplers resamplers, int sampleRate) {
        this.resamplers = resamplers;
        this.sampleRate = sampleRate;
    }

    @Override
    public void decode(byte[] data, int offset, int length, PcmSink sink) {
        Objects.checkFromIndexSize(offset, length, data.length);
        requireOpen();
        int done = 0;
        while (done < length) {
            done += scanner.append(data, offset + done, length - done);
            decodeFrames(false, sink);
        }
    }

    @Override
    public void finish(PcmSink sink) {
        requireOpen();
        try {
            decodeFrames(true, sink);
            if (segment != null) {
                segment.finish(sink);
            }
            if (scanner.foundNoFrame()) {
                throw new IllegalArgumentException(FrameScanner.NOT_MP3);
            }
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        closed = true;
        segment = null;
    }

    private void decodeFrames(boolean atEnd, PcmSink sink) {
        for (FrameHeader header = scanner.next(atEnd); header != null; header = scanner.next(atEnd)) {
            byte[] bytes = scanner.bytes();
            int at = scanner.frameStart();
            InfoFrame info = InfoFrame.in(bytes, at, header);
            if (info != null || segment == null || !segment.continuedBy(header)) {
                if (segment != null) {
                    segment.finish(sink);
                }
                segment = new Segment(header, info, resamplers, sampleRate);
            }
            if (info == null) {
                segment.decode(bytes, at, header, sink);
            }
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("The MP3 decoder is closed");
        }
    }
}
