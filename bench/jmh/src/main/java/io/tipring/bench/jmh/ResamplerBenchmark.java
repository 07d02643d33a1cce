package io.tipring.bench.jmh;

import io.tipring.api.media.Resampler;
import io.tipring.media.internal.resample.PolyphaseResamplers;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The time to resample one 20 ms frame through the {@link Resampler} of the media bundle, as a call leg of a 16 kHz
 * codec (8 to 16 kHz, 160 samples in, 320 out, 59 taps per output sample) and as an MP3 decoder of 44.1 kHz files
 * (44.1 to 8 kHz, 882 samples in, 160 out, 320 taps per output sample) would. Budget: under 5 us per frame for
 * 8 to 16 kHz.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ResamplerBenchmark {

    private final PolyphaseResamplers resamplers = new PolyphaseResamplers();
    private Conversion narrowToWide;
    private Conversion cdToNarrow;
    private Conversion wideToNarrow;

    @Setup
    public void createStreams() {
        narrowToWide = new Conversion(resamplers.create(8_000, 16_000));
        cdToNarrow = new Conversion(resamplers.create(44_100, 8_000));
        wideToNarrow = new Conversion(resamplers.create(16_000, 8_000));
    }

    @Benchmark
    public int from8To16kHz() {
        return narrowToWide.nextFrame();
    }

    @Benchmark
    public int from16To8kHz() {
        return wideToNarrow.nextFrame();
    }

    @Benchmark
    public int from44100To8000Hz() {
        return cdToNarrow.nextFrame();
    }

    /** One stream: a second of noise at the input rate, converted a 20 ms frame per call, round and round. */
    private static final class Conversion {

        private final Resampler resampler;
        private final short[] second;
        private final short[] out;
        private final int frame;
        private int at;

        Conversion(Resampler resampler) {
            this.resampler = resampler;
            frame = resampler.fromRate() / 50;
            second = new short[resampler.fromRate()];
            Random random = new Random(1);
            for (int i = 0; i < second.length; i++) {
                second[i] = (short) (random.nextGaussian() * 3000);
            }
            out = new short[resampler.maxOutput(frame)];
        }

        int nextFrame() {
            int written = resampler.process(second, at, frame, out, 0);
            at = at + frame == second.length ? 0 : at + frame;
            return written;
        }
    }
}
