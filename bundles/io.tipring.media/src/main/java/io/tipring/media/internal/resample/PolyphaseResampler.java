package io.tipring.media.internal.resample;

import io.tipring.api.media.Resampler;
import java.util.Objects;

/**
 * One stream through a {@link PolyphaseFilter}. The newest input samples stay in {@link #history} from call to
 * call, so that frames cut anywhere convert exactly as the whole stream would.
 * <p>
 * Output sample {@code n} falls at {@code n * down / up} input samples; {@link #newest} is the input sample that
 * time rounds down to (its index in {@link #history}) and {@link #phase} the remainder, in units of
 * {@code 1 / up} input sample, which selects the filter's phase.
 */
final class PolyphaseResampler implements Resampler {

    /** How many input samples are converted at a time: the history's size beyond the filter's own length. */
    private static final int BLOCK = 1024;

    private final PolyphaseFilter filter;
    private final int whole;
    private final int fraction;
    private final int kept;
    private final int[] history;
    /** The sums of one phase over a block, when {@link #interpolate interpolating}. */
    private final long[] sums;
    private int newest;
    private int phase;

    PolyphaseResampler(PolyphaseFilter filter) {
        this.filter = filter;
        whole = filter.down() / filter.up();
        fraction = filter.down() % filter.up();
        kept = filter.tapsPerPhase() - 1;
        history = new int[kept + BLOCK];
        sums = new long[filter.down() == 1 ? BLOCK : 0];
        newest = kept;
    }

    @Override
    public int fromRate() {
        return filter.fromRate();
    }

    @Override
    public int toRate() {
        return filter.toRate();
    }

    @Override
    public int maxOutput(int samples) {
        return (int) (((long) samples * filter.up() + filter.down() - 1) / filter.down());
    }

    @Override
    public int delay() {
        return filter.delay();
    }

    @Override
    public int process(short[] in, int offset, int samples, short[] out, int outAt) {
        Objects.checkFromIndexSize(offset, samples, in.length);
        Objects.checkFromIndexSize(outAt, maxOutput(samples), out.length);
        int written = 0;
        for (int done = 0; done < samples; done += BLOCK) {
            written += convertBlock(in, offset + done, Math.min(BLOCK, samples - done), out, outAt + written);
        }
        return written;
    }

    /** Appends up to {@link #BLOCK} samples to the history and writes every output sample they complete. */
    private int convertBlock(short[] in, int offset, int samples, short[] out, int outAt) {
        for (int i = 0; i < samples; i++) {
            history[kept + i] = in[offset + i];
        }
        int end = kept + samples;
        int written = filter.down() == 1 ? interpolate(samples, out, outAt) : resample(end, out, outAt);
        System.arraycopy(history, end - kept, history, 0, kept);
        newest -= samples;
        return written;
    }

    private int resample(int end, short[] out, int outAt) {
        int at = outAt;
        while (newest < end) {
            out[at++] = filter.apply(phase, history, newest - kept);
            newest += whole;
            phase += fraction;
            if (phase >= filter.up()) {
                phase -= filter.up();
                newest++;
            }
        }
        return at - outAt;
    }

    /**
     * Converts to a multiple of the input rate (8 to 16 kHz, 8 to 48 kHz), where every input sample yields one
     * output sample of each phase from the same window, so that a phase can be applied to the whole block at once.
     * A block then starts and ends on phase 0, as {@link #resample} would leave it.
     */
    private int interpolate(int samples, short[] out, int outAt) {
        int up = filter.up();
        for (int p = 0; p < up; p++) {
            filter.applyToWindows(p, history, samples, sums);
            for (int i = 0; i < samples; i++) {
                out[outAt + i * up + p] = PolyphaseFilter.toSample(sums[i]);
            }
        }
        newest += samples;
        return samples * up;
    }
}
