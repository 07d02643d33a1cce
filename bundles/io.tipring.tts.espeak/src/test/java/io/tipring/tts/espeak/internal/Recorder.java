package io.tipring.tts.espeak.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.speech.SpeechError;
import io.tipring.api.speech.SynthesisSink;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sink that records what it hears and when; it can hold the provider's thread in its first {@link #audio} until
 * {@link #release()}, as a slow sink would, which keeps the process alive (its output fills the pipe).
 */
class Recorder implements SynthesisSink {

    final long createdNanos = System.nanoTime();
    final List<short[]> chunks = new CopyOnWriteArrayList<>();
    final AtomicInteger callbacks = new AtomicInteger();
    final AtomicInteger completed = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final CountDownLatch firstAudio = new CountDownLatch(1);
    final CountDownLatch end = new CountDownLatch(1);
    private final CountDownLatch hold;
    volatile SpeechError error;
    volatile long firstAudioNanos;
    volatile long endNanos;

    Recorder() {
        this(false);
    }

    /** @param holding whether the first audio waits for {@link #release()} */
    Recorder(boolean holding) {
        hold = new CountDownLatch(holding ? 1 : 0);
    }

    @Override
    public void audio(short[] pcm) {
        callbacks.incrementAndGet();
        if (chunks.isEmpty()) {
            firstAudioNanos = System.nanoTime();
        }
        chunks.add(pcm);
        firstAudio.countDown();
        try {
            hold.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void completed() {
        callbacks.incrementAndGet();
        completed.incrementAndGet();
        endNanos = System.nanoTime();
        end.countDown();
    }

    @Override
    public void failed(SpeechError error) {
        callbacks.incrementAndGet();
        this.error = error;
        failed.incrementAndGet();
        endNanos = System.nanoTime();
        end.countDown();
    }

    void release() {
        hold.countDown();
    }

    void awaitFirstAudio() throws InterruptedException {
        assertTrue(firstAudio.await(10, TimeUnit.SECONDS), "no audio within 10 s");
    }

    void awaitEnd() throws InterruptedException {
        assertTrue(end.await(10, TimeUnit.SECONDS), "neither completed nor failed within 10 s");
    }

    /** @return every sample heard, in order */
    short[] pcm() {
        int length = chunks.stream().mapToInt(chunk -> chunk.length).sum();
        short[] all = new short[length];
        int at = 0;
        for (short[] chunk : chunks) {
            System.arraycopy(chunk, 0, all, at, chunk.length);
            at += chunk.length;
        }
        return all;
    }

    static double rms(short[] pcm) {
        double sum = 0;
        for (short s : pcm) {
            sum += (double) s * s;
        }
        return pcm.length == 0 ? 0 : Math.sqrt(sum / pcm.length);
    }

    /** @return settings as Configuration Admin would give them: the values named, the defaults for the rest */
    static EspeakConfig config(Map<String, Object> values) {
        return (EspeakConfig) Proxy.newProxyInstance(EspeakConfig.class.getClassLoader(),
                new Class<?>[] {EspeakConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> EspeakConfig.class;
                    case "toString" -> "EspeakConfig" + values;
                    case "hashCode" -> values.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> values.getOrDefault(method.getName(), method.getDefaultValue());
                });
    }
}
