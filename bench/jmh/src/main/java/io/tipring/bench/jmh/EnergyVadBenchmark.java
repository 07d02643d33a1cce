package io.tipring.bench.jmh;

import io.tipring.api.speech.VadRequest;
import io.tipring.api.speech.VoiceDetector;
import io.tipring.vad.energy.internal.EnergyVad;
import io.tipring.vad.energy.internal.EnergyVadConfig;
import io.tipring.websocket.internal.speech.SpeechSegmenter;
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
 * The time to judge one 20 ms frame with the {@code energy} VAD, as the media path calls it once per frame of
 * every call with VAD on, at 8, 16 and 48 kHz, on speech-like audio (a voice's harmonics under a syllable
 * envelope, so that most frames take the tone check) and on steady noise (which the noise floor absorbs, so
 * that frames take the level alone); and the time the call API's segmenter takes for one frame's probability.
 * Budget: under 1 % of the frame, 200 us; aim under 5 us.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class EnergyVadBenchmark {

    private Stream speech8kHz;
    private Stream noise8kHz;
    private Stream speech16kHz;
    private Stream noise16kHz;
    private Stream speech48kHz;
    private SpeechSegmenter segmenter;
    private float[] probabilities;
    private int frame;
    private long time;
    private long events;

    @Setup
    public void createStreams() {
        speech8kHz = new Stream(8_000, speechLike(8_000));
        noise8kHz = new Stream(8_000, noise(8_000));
        speech16kHz = new Stream(16_000, speechLike(16_000));
        noise16kHz = new Stream(16_000, noise(16_000));
        speech48kHz = new Stream(48_000, speechLike(48_000));
        Stream judged = new Stream(8_000, speechLike(8_000));
        probabilities = new float[50];
        for (int i = 0; i < probabilities.length; i++) {
            probabilities[i] = judged.nextFrame();
        }
        segmenter = new SpeechSegmenter(new SpeechSegmenter.Listener() {
            @Override
            public void speechStarted(long startMillis) {
                events++;
            }

            @Override
            public void speechEnded(long startMillis, long endMillis, long silenceMillis) {
                events++;
            }
        }, 80, 300);
    }

    @Benchmark
    public float speech8kHz() {
        return speech8kHz.nextFrame();
    }

    @Benchmark
    public float noise8kHz() {
        return noise8kHz.nextFrame();
    }

    @Benchmark
    public float speech16kHz() {
        return speech16kHz.nextFrame();
    }

    @Benchmark
    public float noise16kHz() {
        return noise16kHz.nextFrame();
    }

    @Benchmark
    public float speech48kHz() {
        return speech48kHz.nextFrame();
    }

    @Benchmark
    public long segmenter() {
        segmenter.frame(probabilities[frame], time);
        frame = frame + 1 == probabilities.length ? 0 : frame + 1;
        time += SpeechSegmenter.FRAME_MILLIS;
        return events;
    }

    /**
     * One second of a voice-like sound: harmonics of 120 Hz falling off at 6 dB an octave and shaped by two
     * formant-like bumps, under a 4 Hz syllable envelope that dips to silence, over faint noise.
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

        Stream(int rate, short[] second) {
            this.detector = new EnergyVad(defaults()).create(new VadRequest(rate, 2, Map.of()));
            this.second = second;
            this.frame = rate / 50;
        }

        float nextFrame() {
            float probability = detector.speechProbability(second, at, frame);
            at = at + frame == second.length ? 0 : at + frame;
            return probability;
        }
    }

    private static EnergyVadConfig defaults() {
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
