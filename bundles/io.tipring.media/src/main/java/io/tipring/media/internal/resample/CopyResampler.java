package io.tipring.media.internal.resample;

import io.tipring.api.media.Resampler;
import java.util.Objects;

/** The resampler between two equal rates: it copies, without delay. */
final class CopyResampler implements Resampler {

    private final int rate;

    CopyResampler(int rate) {
        this.rate = rate;
    }

    @Override
    public int fromRate() {
        return rate;
    }

    @Override
    public int toRate() {
        return rate;
    }

    @Override
    public int maxOutput(int samples) {
        return samples;
    }

    @Override
    public int delay() {
        return 0;
    }

    @Override
    public int process(short[] in, int offset, int samples, short[] out, int outAt) {
        Objects.checkFromIndexSize(offset, samples, in.length);
        System.arraycopy(in, offset, out, outAt, samples);
        return samples;
    }
}
