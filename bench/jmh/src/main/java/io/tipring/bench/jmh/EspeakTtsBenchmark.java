package io.tipring.bench.jmh;

import io.tipring.api.speech.SpeechError;
import io.tipring.api.speech.SynthesisRequest;
import io.tipring.api.speech.SynthesisSink;
import io.tipring.api.speech.TtsProvider;
import io.tipring.media.internal.resample.PolyphaseResamplers;
import io.tipring.tts.espeak.internal.EspeakConfig;
import io.tipring.tts.espeak.internal.EspeakTtsProvider;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An eleven-word sentence (3.4 s of speech) through the {@code espeak} {@link TtsProvider} to 8 kHz, each time a new
 * espeak-ng process, as a call's {@code tts} command makes it: {@code timeToFirstAudio} until the first piece of
 * audio reaches the sink (what a caller waits for), {@code wholeSentence} until {@code completed()}. Needs espeak-ng
 * on PATH.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Thread)
public class EspeakTtsBenchmark {

    private static final SynthesisRequest SENTENCE = new SynthesisRequest(
            "Thank you for calling, your order will arrive on Monday morning.", "", 1.0, 8000, Map.of());

    private EspeakTtsProvider provider;
    private Sink pending;

    @Setup
    public void startProvider() throws InterruptedException {
        EspeakConfig defaults = (EspeakConfig) Proxy.newProxyInstance(EspeakConfig.class.getClassLoader(),
                new Class<?>[] {EspeakConfig.class}, (proxy, method, args) -> method.getDefaultValue());
        provider = new EspeakTtsProvider(new PolyphaseResamplers(), defaults);
        wholeSentence();
    }

    /** Lets the sentence of {@link #timeToFirstAudio()} end before the next starts, outside the measurement. */
    @TearDown(Level.Invocation)
    public void awaitEnd() throws InterruptedException {
        if (pending != null) {
            pending.awaitEnd();
            pending = null;
        }
    }

    @Benchmark
    public int timeToFirstAudio() throws InterruptedException {
        pending = new Sink();
        provider.synthesize(SENTENCE, pending);
        return pending.awaitFirstAudio();
    }

    @Benchmark
    public int wholeSentence() throws InterruptedException {
        Sink sink = new Sink();
        provider.synthesize(SENTENCE, sink);
        return sink.awaitEnd();
    }

    private static final class Sink implements SynthesisSink {

        private final CountDownLatch firstAudio = new CountDownLatch(1);
        private final CountDownLatch end = new CountDownLatch(1);
        private volatile int samples;
        private volatile SpeechError error;

        @Override
        public void audio(short[] pcm) {
            samples += pcm.length;
            firstAudio.countDown();
        }

        @Override
        public void completed() {
            firstAudio.countDown();
            end.countDown();
        }

        @Override
        public void failed(SpeechError error) {
            this.error = error;
            firstAudio.countDown();
            end.countDown();
        }

        int awaitFirstAudio() throws InterruptedException {
            firstAudio.await();
            return check();
        }

        int awaitEnd() throws InterruptedException {
            end.await();
            return check();
        }

        private int check() {
            if (error != null) {
                throw new IllegalStateException("espeak-ng failed (is it installed?): " + error);
            }
            return samples;
        }
    }
}
