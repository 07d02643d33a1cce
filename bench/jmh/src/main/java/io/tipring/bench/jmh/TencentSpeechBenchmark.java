package io.tipring.bench.jmh;

import io.tipring.api.speech.Recognition;
import io.tipring.api.speech.RecognitionListener;
import io.tipring.api.speech.RecognitionRequest;
import io.tipring.api.speech.SpeechError;
import io.tipring.api.speech.SynthesisRequest;
import io.tipring.api.speech.SynthesisSink;
import io.tipring.api.speech.Transcript;
import io.tipring.media.internal.resample.PolyphaseResamplers;
import io.tipring.speech.tencent.internal.TencentConfig;
import io.tipring.speech.tencent.internal.TencentSpeech;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.server.config.JettyWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
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
 * The {@code tencent} provider's own overhead, against an in-process server that speaks Tencent Cloud's real-time
 * ASR and streaming TTS WebSocket protocols with no delay of its own (it checks nothing; the provider's tests do):
 * {@code ttsTimeToFirstAudio} from {@code synthesize} to the first audio at the sink (connect, sign, first frame,
 * PCM to samples), {@code ttsWholeSentence} to {@code completed()} for 1.2 s of 8 kHz audio,
 * and {@code asrFinalAfterFinish} from {@code finish()} to the final transcript after 1 s of 8 kHz audio (resampled
 * to the 16k model, sent in 40 ms frames, the end message, the server's result). Pacing to real time is set off
 * ({@code paceLeadMillis} a minute), so the audio goes out as fast as the provider can send it.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Thread)
public class TencentSpeechBenchmark {

    private static final Map<String, String> CREDENTIALS = Map.of("appId", "1259228442", "secretId", "AKIDbench",
            "secretKey", "benchKey");
    private static final SynthesisRequest SENTENCE = new SynthesisRequest("您好，欢迎致电，请问有什么可以帮您？", "",
            1.0, 8000, CREDENTIALS);
    private static final int TTS_MILLIS = 1200;

    private Server server;
    private TencentSpeech provider;
    private final short[] second = new short[8000];
    private Sink pending;

    @Setup
    public void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        JettyWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> {
            container.addMapping("/asr/v2/*", (request, response) -> new Asr());
            container.addMapping("/stream_ws", (request, response) -> new Tts());
        });
        server.setHandler(context);
        server.start();
        String base = "ws://127.0.0.1:" + connector.getLocalPort();
        Map<String, Object> settings = Map.of("asrEndpoint", base + "/asr/v2/", "ttsEndpoint", base + "/stream_ws",
                "paceLeadMillis", 60_000);
        TencentConfig config = (TencentConfig) Proxy.newProxyInstance(TencentConfig.class.getClassLoader(),
                new Class<?>[] {TencentConfig.class},
                (proxy, method, args) -> settings.getOrDefault(method.getName(), method.getDefaultValue()));
        provider = new TencentSpeech(new PolyphaseResamplers(), config);
        for (int i = 0; i < second.length; i++) {
            second[i] = (short) (6000 * Math.sin(2 * Math.PI * 300 * i / 8000.0));
        }
        ttsWholeSentence();
        asrFinalAfterFinish();
    }

    @TearDown
    public void stop() throws Exception {
        provider.stop();
        server.stop();
    }

    /** Lets the sentence of {@link #ttsTimeToFirstAudio()} end before the next starts, outside the measurement. */
    @TearDown(Level.Invocation)
    public void awaitEnd() throws InterruptedException {
        if (pending != null) {
            pending.end.await();
            pending = null;
        }
    }

    @Benchmark
    public int ttsTimeToFirstAudio() throws InterruptedException {
        pending = new Sink();
        provider.synthesize(SENTENCE, pending);
        pending.firstAudio.await();
        return pending.check();
    }

    @Benchmark
    public int ttsWholeSentence() throws InterruptedException {
        Sink sink = new Sink();
        provider.synthesize(SENTENCE, sink);
        sink.end.await();
        return sink.check();
    }

    /** Measures from {@code finish()}; the recognition's start and audio are outside what is timed only in part. */
    @Benchmark
    public long asrFinalAfterFinish() throws InterruptedException {
        Listener listener = new Listener();
        Recognition recognition = provider.start(new RecognitionRequest(8000, "", "16k_zh", CREDENTIALS), listener);
        for (int at = 0; at < second.length; at += 160) {
            recognition.accept(second, at, 160);
        }
        listener.started.await();
        long finished = System.nanoTime();
        recognition.finish();
        listener.done.await();
        if (listener.error != null) {
            throw new IllegalStateException(listener.error.toString());
        }
        return System.nanoTime() - finished;
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

        int check() {
            if (error != null) {
                throw new IllegalStateException(error.toString());
            }
            return samples;
        }
    }

    private static final class Listener implements RecognitionListener {

        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch done = new CountDownLatch(1);
        volatile SpeechError error;

        @Override
        public void partial(Transcript transcript) {
            started.countDown();
        }

        @Override
        public void recognized(Transcript transcript) {
            started.countDown();
            done.countDown();
        }

        @Override
        public void failed(SpeechError error) {
            this.error = error;
            started.countDown();
            done.countDown();
        }
    }

    private static String frame(int code, int fin, String result) {
        return "{\"code\":" + code + ",\"message\":\"success\",\"voice_id\":\"bench\",\"message_id\":\"bench\""
                + (result == null ? "" : ",\"result\":" + result) + ",\"final\":" + fin + "}";
    }

    /** Tencent's ASR, answering at once: a partial on the first audio, the final result on the end message. */
    public static final class Asr implements Session.Listener.AutoDemanding {

        private Session session;
        private boolean heard;

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
            session.sendText(frame(0, 0, null), Callback.NOOP);
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            if (!heard) {
                heard = true;
                session.sendText(frame(0, 0, result(1, "您好")), Callback.NOOP);
            }
            callback.succeed();
        }

        @Override
        public void onWebSocketText(String message) {
            session.sendText(frame(0, 0, result(2, "您好，我想查询订单")), Callback.NOOP);
            session.sendText(frame(0, 1, null), Callback.NOOP);
        }

        private static String result(int slice, String text) {
            return "{\"slice_type\":" + slice + ",\"index\":0,\"start_time\":0,\"end_time\":1000,"
                    + "\"voice_text_str\":\"" + text + "\",\"word_size\":0,\"word_list\":[]}";
        }
    }

    /** Tencent's streaming TTS, answering at once: 1.2 s of PCM at the rate asked, in 100 ms frames, then final. */
    public static final class Tts implements Session.Listener.AutoDemanding {

        @Override
        public void onWebSocketOpen(Session session) {
            session.sendText(frame(0, 0, "{\"subtitles\":null}"), Callback.NOOP);
            java.util.regex.Matcher asked = java.util.regex.Pattern.compile("SampleRate=([0-9]+)")
                    .matcher(session.getUpgradeRequest().getQueryString());
            int rate = asked.find() ? Integer.parseInt(asked.group(1)) : 16000;
            byte[] pcm = new byte[rate * TTS_MILLIS / 1000 * 2];
            for (int i = 0; i < pcm.length / 2; i++) {
                short s = (short) (6000 * Math.sin(2 * Math.PI * 440 * i / (double) rate));
                pcm[2 * i] = (byte) s;
                pcm[2 * i + 1] = (byte) (s >> 8);
            }
            for (int at = 0; at < pcm.length; at += rate / 5) {
                session.sendBinary(ByteBuffer.wrap(pcm, at, Math.min(rate / 5, pcm.length - at)), Callback.NOOP);
            }
            session.sendText(frame(0, 1, null), Callback.NOOP);
        }
    }
}
