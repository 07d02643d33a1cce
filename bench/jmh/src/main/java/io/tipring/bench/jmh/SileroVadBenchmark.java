package io.tipring.bench.jmh;

import io.tipring.api.speech.VadProvider;
import io.tipring.api.speech.VadRequest;
import io.tipring.api.speech.VoiceDetector;
import io.tipring.media.internal.resample.PolyphaseResamplers;
import io.tipring.vad.energy.internal.EnergyVad;
import io.tipring.vad.energy.internal.EnergyVadConfig;
import io.tipring.vad.silero.internal.SileroVad;
import io.tipring.vad.silero.internal.SileroVadConfig;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The time to judge one 20 ms frame with the {@code silero} VAD, as the media path calls it once per frame of
 * every call with VAD on, at 8, 16 and 48 kHz (resampled to 16 kHz), beside the {@code energy} VAD on the same
 * frames. Silero runs its model once per 32 ms window, so five frames in eight run it and the others only gather
 * samples: the average is about 5/8 of one model run. Budget: well under 1 ms per frame.
 * <p>
 * Run with {@code --enable-native-access=ALL-UNNAMED} in the forked JVM (bin/tipring passes it) to keep ONNX
 * Runtime's System.load() quiet on JDK 24+: {@code -jvmArgsAppend --enable-native-access=ALL-UNNAMED}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@State(Scope.Thread)
public class SileroVadBenchmark {

    private SileroVad silero;
    private Stream silero8kHz;
    private Stream silero16kHz;
    private Stream silero48kHz;
    private Stream sileroNoise8kHz;
    private Stream energy8kHz;
    private Stream energy16kHz;

    @Setup
    public void createStreams() {
        silero = new SileroVad(new PolyphaseResamplers(), sileroDefaults());
        VadProvider energy = new EnergyVad(energyDefaults());
        silero8kHz = new Stream(silero, 8_000, speechLike(8_000));
        silero16kHz = new Stream(silero, 16_000, speechLike(16_000));
        silero48kHz = new Stream(silero, 48_000, speechLike(48_000));
        sileroNoise8kHz = new Stream(silero, 8_000, noise(8_000));
        energy8kHz = new Stream(energy, 8_000, speechLike(8_000));
        energy16kHz = new Stream(energy, 16_000, speechLike(16_000));
    }

    @TearDown
    public void stop() {
        silero8kHz.detector.close();
        silero16kHz.detector.close();
        silero48kHz.detector.close();
        sileroNoise8kHz.detector.close();
        silero.stop();
    }

    @Benchmark
    public float silero8kHz() {
        return silero8kHz.nextFrame();
    }

    @Benchmark
    public float silero16kHz() {
        return silero16kHz.nextFrame();
    }

    @Benchmark
    public float silero48kHz() {
        return silero48kHz.nextFrame();
    }

    @Benchmark
    public float sileroNoise8kHz() {
        return sileroNoise8kHz.nextFrame();
    }

    @Benchmark
    public float energy8kHz() {
        return energy8kHz.nextFrame();
    }

    @Benchmark
    public float energy16kHz() {
        return energy16kHz.nextFrame();
    }

    /**
     * One second of a voice-like sound, as in {@link EnergyVadBenchmark}: harmonics of 120 Hz under two
     * formant-like bumps and a 4 Hz syllable envelope, over faint noise.
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
            second[i] = (short) Math.round(2500 * syllable * voice + random.nextGaussian() * 30);
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

    /** One stream: a second of audio judged a 20 ms frame per call, round and round, by its own detector. */
    private static final class Stream {

        private final VoiceDetector detector;
        private final short[] second;
        private final int frame;
        private int at;

        Stream(VadProvider provider, int rate, short[] second) {
            this.detector = provider.create(new VadRequest(rate, 2, Map.of()));
            this.second = second;
            this.frame = rate / 50;
        }

        float nextFrame() {
            float probability = detector.speechProbability(second, at, frame);
            at = at + frame == second.length ? 0 : at + frame;
            return probability;
        }
    }

    private static SileroVadConfig sileroDefaults() {
        return new SileroVadConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SileroVadConfig.class;
            }

            @Override
            public String modelPath() {
                return "";
            }

            @Override
            public double threshold() {
                return 0.5;
            }

            @Override
            public int service_ranking() {
                return 10;
            }
        };
    }

    private static EnergyVadConfig energyDefaults() {
        return new EnergyVadConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return EnergyVadConfig.class;
            }

            @Override
            public double minimumLevel() {
                return -48;
            }

            @Override
            public boolean rejectTones() {
                return true;
            }
        };
    }
}
