package io.tipring.speech.tencent.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.speech.RecognitionListener;
import io.tipring.api.speech.SpeechError;
import io.tipring.api.speech.SynthesisSink;
import io.tipring.api.speech.Transcript;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** What the tests share: settings as Configuration Admin gives them, a listener and a sink that record. */
final class Fixtures {

    private Fixtures() {
    }

    /** @return settings: the values named, the defaults for the rest */
    static TencentConfig config(Map<String, Object> values) {
        return (TencentConfig) Proxy.newProxyInstance(TencentConfig.class.getClassLoader(),
                new Class<?>[] {TencentConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> TencentConfig.class;
                    case "toString" -> "TencentConfig" + values.keySet();
                    case "hashCode" -> values.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> values.getOrDefault(method.getName(), method.getDefaultValue());
                });
    }

    /** @return the 16-bit mono samples of a test WAV (a 44-byte header) */
    static short[] wav(String name) throws IOException {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            byte[] bytes = in.readAllBytes();
            ByteBuffer data = ByteBuffer.wrap(bytes, 44, bytes.length - 44).order(ByteOrder.LITTLE_ENDIAN);
            short[] pcm = new short[data.remaining() / 2];
            data.asShortBuffer().get(pcm);
            return pcm;
        }
    }

    /** A listener that records what it hears. */
    static final class Heard implements RecognitionListener {

        final List<Transcript> partials = new CopyOnWriteArrayList<>();
        final List<Transcript> finals = new CopyOnWriteArrayList<>();
        final List<SpeechError> errors = new CopyOnWriteArrayList<>();
        final AtomicInteger callbacks = new AtomicInteger();
        final CountDownLatch failed = new CountDownLatch(1);
        final CountDownLatch recognized = new CountDownLatch(1);

        @Override
        public void partial(Transcript transcript) {
            callbacks.incrementAndGet();
            partials.add(transcript);
        }

        @Override
        public void recognized(Transcript transcript) {
            callbacks.incrementAndGet();
            finals.add(transcript);
            recognized.countDown();
        }

        @Override
        public void failed(SpeechError error) {
            callbacks.incrementAndGet();
            errors.add(error);
            failed.countDown();
        }

        SpeechError awaitError() throws InterruptedException {
            assertTrue(failed.await(15, TimeUnit.SECONDS), "no error within 15 s");
            return errors.get(0);
        }
    }

    /** A sink that records what it hears. */
    static final class Sink implements SynthesisSink {

        final List<short[]> chunks = new CopyOnWriteArrayList<>();
        final AtomicInteger completed = new AtomicInteger();
        final AtomicInteger callbacks = new AtomicInteger();
        final CountDownLatch end = new CountDownLatch(1);
        final CountDownLatch firstAudio = new CountDownLatch(1);
        volatile SpeechError error;

        @Override
        public void audio(short[] pcm) {
            callbacks.incrementAndGet();
            chunks.add(pcm);
            firstAudio.countDown();
        }

        @Override
        public void completed() {
            callbacks.incrementAndGet();
            completed.incrementAndGet();
            end.countDown();
        }

        @Override
        public void failed(SpeechError error) {
            callbacks.incrementAndGet();
            this.error = error;
            end.countDown();
        }

        void awaitEnd() throws InterruptedException {
            assertTrue(end.await(15, TimeUnit.SECONDS), "neither completed nor failed within 15 s");
        }

        short[] pcm() {
            int length = chunks.stream().mapToInt(c -> c.length).sum();
            short[] all = new short[length];
            int at = 0;
            for (short[] c : chunks) {
                System.arraycopy(c, 0, all, at, c.length);
                at += c.length;
            }
            return all;
        }
    }

    /** @return the tone's frequency, from the zero crossings of the middle of the audio */
    static double frequency(short[] pcm, int rate) {
        int from = pcm.length / 4;
        int to = pcm.length * 3 / 4;
        int crossings = 0;
        for (int i = from + 1; i < to; i++) {
            if ((pcm[i - 1] < 0) != (pcm[i] < 0)) {
                crossings++;
            }
        }
        return crossings / 2.0 / ((to - from) / (double) rate);
    }
}
