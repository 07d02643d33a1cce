package io.tipring.bench.jmh;

import io.tipring.api.speech.DenoiseRequest;
import io.tipring.api.speech.NoiseSuppressor;
import io.tipring.denoise.spectral.internal.SpectralDenoise;
import io.tipring.denoise.spectral.internal.SpectralDenoiseConfig;
import java.lang.annotation.Annotation;
import java.util.Map;
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
 * The time to clean one 20 ms frame with the {@code spectral} denoiser, as the media path calls it once per frame
 * of every call with {@code denoise: true}, at 8 and 16 kHz (two spectral windows a frame), on speech-like audio
 * in noise and on steady noise alone. Budget: well under 100 us a frame.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SpectralDenoiseBenchmark {

    private Stream speech8kHz;
    private Stream noise8kHz;
    private Stream speech16kHz;
    private Stream noise16kHz;

    @Setup
    public void createStreams() {
        speech8kHz = new Stream(8_000, speechLike(8_000));
        noise8kHz = new Stream(8_000, noise(8_000));
        speech16kHz = new Stream(16_000, speechLike(16_000));
        noise16kHz = new Stream(16_000, noise(16_000));
    }

    @Benchmark
    public short speech8kHz() {
        return speech8kHz.nextFrame();
    }

    @Benchmark
    public short noise8kHz() {
        return noise8kHz.nextFrame();
    }

    @Benchmark
    public short speech16kHz() {
        return speech16kHz.nextFrame();
    }

    @Benchmark
    public short noise16kHz() {
        return noise16kHz.nextFrame();
    }

    /**
     * One second of a voice-like sound: harmonics of 120 Hz falling off at 6 dB an octave and shaped by two
     * formant-like bumps, under a 4 Hz syllable envelope that dips to silence, over noise at about -40 dBFS.
     */
    private static short[] speechLike(int rate) {
        Random random = new Random(1);
        short[] second = new short[rate];
        for (int i = 0; i < rate; i++) {
            double t = (double) i / rate;
            double voice = 0;
            for (int harmonic = 1; 120.0 * harmonic < Math.min(3800, rate / 2.0); harmonic++) {
                double hertz = 120.0 * harmonic;
                double formants = 1 + 3 * Math.exp(-Math.pow((hertz - 700) / 150, 2))
                        + 2 * Math.exp(-Math.pow((hertz - 1200) / 200, 2));
                voice += formants / harmonic * Math.sin(2 * Math.PI * hertz * t + harmonic);
            }
            double syllable = Math.max(0, Math.sin(2 * Math.PI * 4 * t));
            second[i] = (short) Math.round(2500 * syllable * voice + random.nextGaussian() * 300);
        }
        return second;
    }

    /** One second of white noise at about -30 dBFS. */
    private static short[] noise(int rate) {
        Random random = new Random(2);
        short[] second = new short[rate];
        for (int i = 0; i < rate; i++) {
            second[i] = (short) Math.round(random.nextGaussian() * 1000);
        }
        return second;
    }

    /** One stream: a second of audio cleaned a 20 ms frame per call, round and round, by its own suppressor. */
    private static final class Stream {

        private final NoiseSuppressor suppressor;
        private final short[] second;
        private final short[] frame;
        private int at;

        Stream(int rate, short[] second) {
            this.suppressor = new SpectralDenoise(defaults()).create(new DenoiseRequest(rate, Map.of()));
            this.second = second;
            this.frame = new short[rate / 50];
        }

        short nextFrame() {
            // The suppressor cleans in place: work on a copy so that every lap of the second is the same input.
            System.arraycopy(second, at, frame, 0, frame.length);
            suppressor.process(frame, 0, frame.length);
            at = at + frame.length == second.length ? 0 : at + frame.length;
            return frame[0];
        }
    }

    private static SpectralDenoiseConfig defaults() {
        return new SpectralDenoiseConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SpectralDenoiseConfig.class;
            }

            @Override
            public double gainFloor() {
                return -20;
            }

            @Override
            public int noiseWindow() {
                return 1000;
            }

            @Override
            public int noiseSmoothing() {
                return 200;
            }

            @Override
            public int service_ranking() {
                return 0;
            }
        };
    }
}
