package io.tipring.speech.openai.internal;

import io.tipring.api.media.Resampler;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Turns the bytes of a raw PCM stream (16-bit little-endian, mono), in whatever pieces the network gives them,
 * into pieces of audio at another rate for a sink. A byte left over from a piece (half a sample) waits for the
 * next. Each piece handed on is at least {@value #MIN_CHUNK_MILLIS} ms (the last may be shorter). The resampler's
 * {@link Resampler#delay() delay} is dropped at the start and, at the end, silence is fed until exactly as much
 * audio came out as went in, at the new rate.
 */
final class PcmChunks {

    static final int MIN_CHUNK_MILLIS = 20;
    /** The most input samples resampled at once. */
    private static final int SLICE = 2048;

    private final Resampler resampler;
    private final Consumer<short[]> sink;
    private final int minChunk;
    private final short[] samples = new short[SLICE];
    private final short[] pending;
    private int fill;
    private int toDrop;
    private long received;
    private long produced;
    private int carriedByte = -1;

    /**
     * @param resampler from the stream's rate to the sink's
     * @param sink      receives the pieces, each a new array
     */
    PcmChunks(Resampler resampler, Consumer<short[]> sink) {
        this.resampler = resampler;
        this.sink = sink;
        minChunk = Math.max(1, resampler.toRate() * MIN_CHUNK_MILLIS / 1000);
        pending = new short[minChunk + resampler.maxOutput(SLICE)];
        toDrop = resampler.delay();
    }

    /**
     * @param bytes  the stream's next bytes
     * @param offset where they start
     * @param length how many
     */
    void accept(byte[] bytes, int offset, int length) {
        int at = offset;
        int end = offset + length;
        int n = 0;
        if (carriedByte >= 0 && at < end) {
            samples[n++] = (short) (carriedByte | bytes[at++] << 8);
            carriedByte = -1;
        }
        while (at + 1 < end) {
            samples[n++] = (short) (bytes[at] & 0xff | bytes[at + 1] << 8);
            at += 2;
            if (n == SLICE) {
                resample(n);
                n = 0;
            }
        }
        if (at < end) {
            carriedByte = bytes[at] & 0xff;
        }
        if (n > 0) {
            resample(n);
        }
    }

    /** The stream ended: brings out what the resampler holds, up to the length due (a half sample is dropped). */
    void finish() {
        long due = Math.ceilDiv(received * resampler.toRate(), resampler.fromRate());
        short[] silence = new short[SLICE];
        while (produced < due) {
            add(resampler.process(silence, 0, SLICE, pending, fill), due - produced);
        }
        flushAll();
    }

    /** @return the samples handed on so far */
    long produced() {
        return produced;
    }

    private void resample(int n) {
        received += n;
        add(resampler.process(samples, 0, n, pending, fill), Long.MAX_VALUE);
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
            flushAll();
        }
    }

    private void flushAll() {
        if (fill > 0) {
            short[] chunk = Arrays.copyOf(pending, fill);
            fill = 0;
            sink.accept(chunk);
        }
    }
}
