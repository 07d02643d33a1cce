package io.tipring.bench.jmh;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tipring.api.speech.Recognition;
import io.tipring.api.speech.RecognitionListener;
import io.tipring.api.speech.RecognitionRequest;
import io.tipring.api.speech.SpeechError;
import io.tipring.api.speech.SynthesisRequest;
import io.tipring.api.speech.SynthesisSink;
import io.tipring.api.speech.Transcript;
import io.tipring.media.internal.resample.PolyphaseResamplers;
import io.tipring.speech.openai.internal.OpenAiConfig;
import io.tipring.speech.openai.internal.OpenAiSpeech;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
 * The {@code openai} provider's own overhead, against an in-process server that speaks the OpenAI audio API and
 * answers at once (a server-side delay of 0), over HTTP/1.1 on the loopback:
 * <ul>
 * <li>{@code timeToFirstAudio}: from {@code synthesize} until the first piece of audio reaches the sink at 8 kHz
 * (the server streams 1 s of 24 kHz PCM in 100 ms chunks): JSON, the exchange, resampling;</li>
 * <li>{@code finalAfterSpeech}: the audio fed in real time as the media clock feeds it (8 kHz, 20 ms frames), the
 * time from the last frame of speech to the final result, while line noise goes on being fed. It includes the
 * 600 ms of quiet after which the endpointer ends an utterance; what is above that is the WAV, the multipart
 * upload and the Server-Sent Events of the answer.</li>
 * </ul>
 */
@Fork(1)
@State(Scope.Thread)
public class OpenAiSpeechBenchmark {

    private static final String KEY = "sk-bench-0000000000000000";
    private static final int RATE = 8_000;
    private static final int FRAME = RATE / 50;
    private static final SynthesisRequest SENTENCE = new SynthesisRequest(
            "Thank you for calling, your order will arrive on Monday morning.", "", 1.0, RATE, Map.of());
    private static final int PCM_CHUNK = 24_000 / 10 * 2;

    private HttpServer server;
    private ExecutorService serverThreads;
    private OpenAiSpeech provider;
    private Sink pending;
    private short[] speech;
    private short[] noise;

    @Setup(Level.Trial)
    public void start() throws IOException {
        serverThreads = Executors.newCachedThreadPool();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(serverThreads);
        server.createContext("/v1/audio/speech", OpenAiSpeechBenchmark::speech);
        server.createContext("/v1/audio/transcriptions", OpenAiSpeechBenchmark::transcription);
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
        provider = new OpenAiSpeech(new PolyphaseResamplers(), config(Map.of("baseUrl", base, "_apiKey", KEY)));
        speech = syllables(1.5);
        noise = noise(RATE * 4);
    }

    @TearDown(Level.Trial)
    public void stop() {
        provider.stop();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    /** Lets the sentence of {@link #timeToFirstAudio()} end before the next starts, outside the measurement. */
    @TearDown(Level.Invocation)
    public void awaitEnd() throws InterruptedException {
        if (pending != null) {
            pending.end.await();
            pending = null;
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 3, time = 2)
    public int timeToFirstAudio() throws InterruptedException {
        pending = new Sink();
        provider.synthesize(SENTENCE, pending);
        pending.firstAudio.await();
        if (pending.error != null) {
            throw new IllegalStateException(pending.error.message());
        }
        return pending.samples;
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3)
    @Measurement(iterations = 15)
    public Object finalAfterSpeech(LiveCall call) {
        long next = System.nanoTime();
        int at = 0;
        while (call.heard.done.getCount() > 0 && at + FRAME <= noise.length) {
            next = pace(next);
            call.recognition.accept(noise, at, FRAME);
            at += FRAME;
        }
        if (call.heard.error != null) {
            throw new IllegalStateException(call.heard.error.message());
        }
        return call.heard.text;
    }

    /** A recognition fed line noise then the speech in real time, before each {@code finalAfterSpeech}. */
    @State(Scope.Thread)
    public static class LiveCall {

        Recognition recognition;
        Heard heard;

        @Setup(Level.Invocation)
        public void speak(OpenAiSpeechBenchmark bench) {
            heard = new Heard();
            recognition = bench.provider.start(new RecognitionRequest(RATE, "en-US", "", Map.of()), heard);
            long next = System.nanoTime();
            for (short[] part : new short[][] {java.util.Arrays.copyOf(bench.noise, RATE / 2), bench.speech}) {
                for (int at = 0; at + FRAME <= part.length; at += FRAME) {
                    next = pace(next);
                    recognition.accept(part, at, FRAME);
                }
            }
        }

        @TearDown(Level.Invocation)
        public void hangUp() {
            recognition.cancel();
        }
    }

    /** 1 s of a 440 Hz tone as 24 kHz PCM, in chunks of 100 ms, as fast as the connection takes them. */
    private static void speech(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "audio/pcm");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            byte[] chunk = new byte[PCM_CHUNK];
            for (int c = 0; c < 10; c++) {
                for (int i = 0; i < PCM_CHUNK / 2; i++) {
                    short v = (short) (8000 * Math.sin(2 * Math.PI * 440 * (c * PCM_CHUNK / 2 + i) / 24_000.0));
                    chunk[2 * i] = (byte) v;
                    chunk[2 * i + 1] = (byte) (v >> 8);
                }
                out.write(chunk);
                out.flush();
            }
        }
    }

    /** A transcript as the streaming models send it: one delta, then done. */
    private static void transcription(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write(("event: transcript.text.delta\ndata: {\"type\":\"transcript.text.delta\",\"delta\":\"Hello\"}"
                    + "\n\nevent: transcript.text.done\ndata: {\"type\":\"transcript.text.done\",\"text\":\"Hello\"}"
                    + "\n\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Syllables: 200 ms of a 300 Hz tone, then 100 ms 20 dB lower, for as long as asked. */
    private static short[] syllables(double seconds) {
        short[] out = new short[(int) (RATE * seconds)];
        for (int i = 0; i < out.length; i++) {
            double gain = (i / (RATE / 10)) % 3 == 2 ? 0.1 : 1;
            out[i] = (short) Math.round(gain * 6000 * Math.sin(2 * Math.PI * 300 * i / RATE));
        }
        return out;
    }

    private static short[] noise(int length) {
        SplittableRandom random = new SplittableRandom(1);
        short[] samples = new short[length];
        for (int i = 0; i < length; i++) {
            samples[i] = (short) random.nextInt(-50, 51);
        }
        return samples;
    }

    /** Waits for the next 20 ms tick of a media clock. */
    private static long pace(long next) {
        long now;
        while ((now = System.nanoTime()) < next) {
            LockSupport.parkNanos(next - now);
        }
        return next + 20_000_000L;
    }

    private static OpenAiConfig config(Map<String, Object> values) {
        return (OpenAiConfig) Proxy.newProxyInstance(OpenAiConfig.class.getClassLoader(),
                new Class<?>[] {OpenAiConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> OpenAiConfig.class;
                    case "toString" -> "OpenAiConfig[benchmark]";
                    case "hashCode" -> 0;
                    case "equals" -> proxy == args[0];
                    default -> values.getOrDefault(method.getName(), method.getDefaultValue());
                });
    }

    private static final class Sink implements SynthesisSink {

        final CountDownLatch firstAudio = new CountDownLatch(1);
        final CountDownLatch end = new CountDownLatch(1);
        volatile int samples;
        volatile SpeechError error;

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
    }

    /** Waits for the first final result or failure. */
    private static final class Heard implements RecognitionListener {

        final CountDownLatch done = new CountDownLatch(1);
        volatile String text = "";
        volatile SpeechError error;

        @Override
        public void partial(Transcript transcript) {
        }

        @Override
        public void recognized(Transcript transcript) {
            text = transcript.text();
            done.countDown();
        }

        @Override
        public void failed(SpeechError error) {
            this.error = error;
            done.countDown();
        }
    }
}
