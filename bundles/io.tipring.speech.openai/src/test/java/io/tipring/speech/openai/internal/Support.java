package io.tipring.speech.openai.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.speech.RecognitionListener;
import io.tipring.api.speech.SpeechError;
import io.tipring.api.speech.SynthesisSink;
import io.tipring.api.speech.Transcript;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** What the tests share: settings, a recording sink and listener, the speech fixture, captured logs. */
final class Support {

    private Support() {
    }

    /** @return settings as Configuration Admin would give them: the values named, the defaults for the rest */
    static OpenAiConfig config(Map<String, Object> values) {
        return (OpenAiConfig) Proxy.newProxyInstance(OpenAiConfig.class.getClassLoader(),
                new Class<?>[] {OpenAiConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> OpenAiConfig.class;
                    case "toString" -> "OpenAiConfig";
                    case "hashCode" -> values.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> values.getOrDefault(method.getName(), method.getDefaultValue());
                });
    }

    /** @return a port on which nothing listens */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** @return the 16-bit mono samples of a WAV fixture beside this class */
    static short[] wav(String name) {
        byte[] bytes;
        try (InputStream in = Support.class.getResourceAsStream(name)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 12; at + 8 <= bytes.length; at += 8 + b.getInt(at + 4)) {
            if (new String(bytes, at, 4, StandardCharsets.US_ASCII).equals("data")) {
                short[] samples = new short[b.getInt(at + 4) / 2];
                for (int i = 0; i < samples.length; i++) {
                    samples[i] = b.getShort(at + 8 + 2 * i);
                }
                return samples;
            }
        }
        throw new IllegalArgumentException(name);
    }

    /** @return the parts one after the other */
    static short[] concat(short[]... parts) {
        int length = 0;
        for (short[] part : parts) {
            length += part.length;
        }
        short[] out = new short[length];
        int at = 0;
        for (short[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    /** Feeds audio in 20 ms frames, as the media clock does (but without waiting between them). */
    static void feed(io.tipring.api.speech.Recognition recognition, short[] audio, int rate) {
        int frame = rate / 50;
        for (int at = 0; at + frame <= audio.length; at += frame) {
            recognition.accept(audio, at, frame);
        }
    }

    /** Captures what is written to standard error (where slf4j-simple logs) while it runs. */
    static final class Logs implements AutoCloseable {

        private final PrintStream original = System.err;
        private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

        Logs() {
            System.setErr(new PrintStream(new TeeStream(original, captured), true, StandardCharsets.UTF_8));
        }

        String text() {
            synchronized (captured) {
                return captured.toString(StandardCharsets.UTF_8);
            }
        }

        @Override
        public void close() {
            System.setErr(original);
        }

        private static final class TeeStream extends java.io.OutputStream {
            private final PrintStream a;
            private final ByteArrayOutputStream b;

            TeeStream(PrintStream a, ByteArrayOutputStream b) {
                this.a = a;
                this.b = b;
            }

            @Override
            public void write(int c) {
                a.write(c);
                synchronized (b) {
                    b.write(c);
                }
            }

            @Override
            public void write(byte[] bytes, int off, int len) {
                a.write(bytes, off, len);
                synchronized (b) {
                    b.write(bytes, off, len);
                }
            }
        }
    }

    /** A sink that records what it hears and when. */
    static final class Sink implements SynthesisSink {

        final long createdNanos = System.nanoTime();
        final List<short[]> chunks = new CopyOnWriteArrayList<>();
        final AtomicInteger completed = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final CountDownLatch firstAudio = new CountDownLatch(1);
        final CountDownLatch end = new CountDownLatch(1);
        volatile SpeechError error;
        volatile long firstAudioNanos;

        @Override
        public void audio(short[] pcm) {
            if (chunks.isEmpty()) {
                firstAudioNanos = System.nanoTime();
            }
            chunks.add(pcm);
            firstAudio.countDown();
        }

        @Override
        public void completed() {
            completed.incrementAndGet();
            end.countDown();
        }

        @Override
        public void failed(SpeechError error) {
            this.error = error;
            failed.incrementAndGet();
            end.countDown();
        }

        void awaitEnd() throws InterruptedException {
            assertTrue(end.await(10, TimeUnit.SECONDS), "neither completed nor failed within 10 s");
        }

        int samples() {
            return chunks.stream().mapToInt(c -> c.length).sum();
        }
    }

    /** A listener that records what it hears. */
    static final class Listener implements RecognitionListener {

        final List<Transcript> partials = new CopyOnWriteArrayList<>();
        final List<Transcript> finals = new CopyOnWriteArrayList<>();
        final List<SpeechError> errors = new CopyOnWriteArrayList<>();
        final CountDownLatch failure = new CountDownLatch(1);
        private final CountDownLatch[] recognized = new CountDownLatch[] {new CountDownLatch(1),
            new CountDownLatch(2)};

        @Override
        public void partial(Transcript transcript) {
            partials.add(transcript);
        }

        @Override
        public void recognized(Transcript transcript) {
            finals.add(transcript);
            for (CountDownLatch latch : recognized) {
                latch.countDown();
            }
        }

        @Override
        public void failed(SpeechError error) {
            errors.add(error);
            failure.countDown();
        }

        void awaitRecognized(int count) throws InterruptedException {
            assertTrue(recognized[count - 1].await(10, TimeUnit.SECONDS), "no " + count + " results within 10 s: "
                    + finals + " " + errors);
        }

        SpeechError awaitFailure() throws InterruptedException {
            assertTrue(failure.await(10, TimeUnit.SECONDS), "no failure within 10 s: " + finals);
            return errors.get(0);
        }
    }
}
