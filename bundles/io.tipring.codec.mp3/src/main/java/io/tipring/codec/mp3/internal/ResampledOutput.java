package io.tipring.codec.mp3.internal;

import io.tipring.api.media.Resampler;
import io.tipring.api.media.StreamDecoder.PcmSink;

/**
 * The last stage of a decoder: resamples mono PCM to the rate asked for and hands it to the sink, aligned and
 * complete. It drops the resampler's {@link Resampler#delay() delay} at the start and, at the end, feeds it silence
 * until out comes exactly as much audio as went in, at the new rate.
 */
final class ResampledOutput {

    /** Input samples resampled at a time: a frame of MPEG-1. */
    private static final int SLICE = 1152;

    private final Resampler resampler;
    private final short[] resampled;
    private int toDrop;
    private long received;
    private long delivered;

    ResampledOutput(Resampler resampler) {
        this.resampler = resampler;
        resampled = new short[resampler.maxOutput(SLICE)];
        toDrop = resampler.delay();
    }

    void accept(short[] pcm, int offset, int length, PcmSink sink) {
        received += length;
        for (int done = 0; done < length; done += SLICE) {
            int slice = Math.min(SLICE, length - done);
            deliver(resampler.process(pcm, offset + done, slice, resampled, 0), Long.MAX_VALUE, sink);
        }
    }

    /** Brings out what the resampler still holds, up to the length due. */
    void finish(PcmSink sink) {
        long due = (received * resampler.toRate() + resampler.fromRate() - 1) / resampler.fromRate();
        short[] silence = new short[SLICE];
        while (delivered < due) {
            deliver(resampler.process(silence, 0, SLICE, resampled, 0), due - delivered, sink);
        }
    }

    private void deliver(int written, long most, PcmSink sink) {
        int dropped = Math.min(toDrop, written);
        toDrop -= dropped;
        int length = (int) Math.min(written - dropped, most);
        if (length > 0) {
            sink.accept(resampled, dropped, length);
            delivered += length;
        }
    }
}
