package io.tipring.api.media;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Resamples one stream and cuts it into pieces for a sink: each piece at least {@value #MIN_CHUNK_MILLIS} ms (the
 * last may be shorter) and at most that plus what one slice of input gives. It drops the resampler's
 * {@link Resampler#delay() delay} at the start and, at the end, feeds it silence until out came exactly as much audio
 * as went in, at the new rate. Made for speech providers, whose engines speak at their own rate, in pieces of any
 * size: feed it the engine's audio, hand its pieces to the sink of the request. One thread at a time.
 *
 * @since 1.3
 */
public final class ResampledChunks {

    /** The shortest piece the sink is given, but for the last. */
    public static final int MIN_CHUNK_MILLIS = 20;

    private final Resampler resampler;
    private final Consumer<short[]> sink;
    private final int slice;
    private final int minChunk;
    private final short[] pending;
    private int fill;
    private int toDrop;
    private long received;
    private long produced;

    /**
     * @param resampler the stream's resampler
     * @param slice     the most input samples given at a time
     * @param sink      receives the pieces, each a new array
     */
    public ResampledChunks(Resampler resampler, int slice, Consumer<short[]> sink) {
        this.resampler = resampler;
        this.slice = slice;
        this.sink = sink;
        minChunk = resampler.toRate() * MIN_CHUNK_MILLIS / 1000;
        pending = new short[minChunk + resampler.maxOutput(slice)];
        toDrop = resampler.delay();
    }

    /**
     * @param pcm    input samples
     * @param length how many, at most the slice
     * @throws IllegalArgumentException if more than the slice
     */
    public void accept(short[] pcm, int length) {
        if (length > slice) {
            throw new IllegalArgumentException(length + " samples, more than the slice of " + slice);
        }
        received += length;
        add(resampler.process(pcm, 0, length, pending, fill), Long.MAX_VALUE);
    }

    /** Brings out what the resampler still holds, up to the length due, and the last piece. */
    public void finish() {
        long due = Math.ceilDiv(received * resampler.toRate(), resampler.fromRate());
        short[] silence = new short[slice];
        while (produced < due) {
            add(resampler.process(silence, 0, slice, pending, fill), due - produced);
        }
        flush();
    }

    private void add(int written, long most) {
        int dropped = Math.min(toDrop, written);
        toDrop -= dropped;
        int kept = (int) Math.min(written - dropped, most);
        if (dropped > 0 && kept > 0) {
            System.arraycopy(pending, fill + dropped, pending, fill, kept);
        }
        fill += kept;
        produced += kept;
        if (fill >= minChunk) {
            flush();
        }
    }

    private void flush() {
        if (fill > 0) {
            short[] chunk = Arrays.copyOf(pending, fill);
            fill = 0;
            sink.accept(chunk);
        }
    }
}
