package io.tipring.speech.aliyun.internal;

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

/** What the tests listen with, and their settings and audio. */
final class Recorders {

    private Recorders() {
    }

    /** Records a recognition's results. */
    static final class Listener implements RecognitionListener {

        final List<Transcript> partials = new CopyOnWriteArrayList<>();
        final List<Transcript> finals = new CopyOnWriteArrayList<>();
        final AtomicInteger failures = new AtomicInteger();
        final CountDownLatch failed = new CountDownLatch(1);
        volatile SpeechError error;

        @Override
        public void partial(Transcript transcript) {
            partials.add(transcript);
        }

        @Override
        public void recognized(Transcript transcript) {
            finals.add(transcript);
        }

        @Override
        public void failed(SpeechError e) {
            error = e;
            failures.incrementAndGet();
            failed.countDown();
        }

        SpeechError awaitError() throws InterruptedException {
            assertTrue(failed.await(10, TimeUnit.SECONDS), "no error within 10 s");
            return error;
        }
    }

    /** Records a synthesis's audio and end. */
    static final class Sink implements SynthesisSink {

        final List<short[]> chunks = new CopyOnWriteArrayList<>();
        final AtomicInteger completed = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final CountDownLatch end = new CountDownLatch(1);
        final CountDownLatch firstAudio = new CountDownLatch(1);
        volatile SpeechError error;

        @Override
        public void audio(short[] pcm) {
            chunks.add(pcm);
            firstAudio.countDown();
        }

        @Override
        public void completed() {
            completed.incrementAndGet();
            end.countDown();
        }

        @Override
        public void failed(SpeechError e) {
            error = e;
            failed.incrementAndGet();
            end.countDown();
        }

        void awaitEnd() throws InterruptedException {
            assertTrue(end.await(10, TimeUnit.SECONDS), "neither completed nor failed within 10 s");
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

    /** @return settings as Configuration Admin would give them: the values named, the defaults for the rest */
    static AliyunConfig config(Map<String, Object> values) {
        return (AliyunConfig) Proxy.newProxyInstance(AliyunConfig.class.getClassLoader(),
                new Class<?>[] {AliyunConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> AliyunConfig.class;
                    case "toString" -> "AliyunConfig";
                    case "hashCode" -> values.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> values.getOrDefault(method.getName(), method.getDefaultValue());
                });
    }

    /** @return the samples of a test WAV (16-bit mono PCM, 44-byte header) */
    static short[] wav(String name) throws IOException {
        try (InputStream in = Recorders.class.getResourceAsStream(name)) {
            byte[] bytes = in.readAllBytes();
            short[] pcm = new short[(bytes.length - 44) / 2];
            ByteBuffer.wrap(bytes, 44, pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
            return pcm;
        }
    }
}
