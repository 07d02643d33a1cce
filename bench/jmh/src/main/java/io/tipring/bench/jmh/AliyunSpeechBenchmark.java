package io.tipring.bench.jmh;

import io.tipring.api.speech.Recognition;
import io.tipring.api.speech.RecognitionListener;
import io.tipring.api.speech.RecognitionRequest;
import io.tipring.api.speech.SpeechError;
import io.tipring.api.speech.SynthesisRequest;
import io.tipring.api.speech.SynthesisSink;
import io.tipring.api.speech.Transcript;
import io.tipring.media.internal.resample.PolyphaseResamplers;
import io.tipring.speech.aliyun.internal.AliyunConfig;
import io.tipring.speech.aliyun.internal.AliyunSpeechProvider;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;
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
 * The {@code aliyun} provider's own overhead against an in-process NLS gateway that answers at once (Jetty on
 * 127.0.0.1, a token given as an option so no CreateToken round trip): {@code synthesisTimeToFirstAudio} from
 * {@code synthesize} to the first audio at the sink (a new WebSocket each time, 1 s of 16 kHz audio asked at
 * 8 kHz and resampled), {@code recognitionFinalAfterFinish} from {@code finish()} of a recognition fed 1 s of audio
 * to its final transcript (StopTranscription, SentenceEnd, TranscriptionCompleted).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class AliyunSpeechBenchmark {

    private static final Map<String, String> OPTIONS = Map.of("token", "bench-token", "appKey", "bench-appkey");

    private Server gateway;
    private AliyunSpeechProvider provider;
    private final short[] second = new short[8000];

    @Setup
    public void start() throws Exception {
        gateway = new Server();
        ServerConnector connector = new ServerConnector(gateway);
        connector.setHost("127.0.0.1");
        gateway.addConnector(connector);
        gateway.setHandler(new WebSocketUpgradeHandler(h -> h.addMapping("/ws/v1", (rq, rs, cb) -> new Gateway())));
        gateway.start();
        Map<String, Object> values = Map.of("gatewayUrl", "ws://127.0.0.1:" + connector.getLocalPort() + "/ws/v1",
                "maxConcurrent", 1000);
        AliyunConfig config = (AliyunConfig) Proxy.newProxyInstance(AliyunConfig.class.getClassLoader(),
                new Class<?>[] {AliyunConfig.class},
                (proxy, method, args) -> values.getOrDefault(method.getName(), method.getDefaultValue()));
        provider = new AliyunSpeechProvider(new PolyphaseResamplers(), config);
        for (int i = 0; i < second.length; i++) {
            second[i] = (short) (3000 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
        }
    }

    @TearDown
    public void stop() throws Exception {
        provider.stop();
        gateway.stop();
    }

    @Benchmark
    public void synthesisTimeToFirstAudio() throws InterruptedException {
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch end = new CountDownLatch(1);
        provider.synthesize(new SynthesisRequest("你好，欢迎致电。", "", 1.0, 8000, OPTIONS), new SynthesisSink() {
            @Override
            public void audio(short[] pcm) {
                first.countDown();
            }

            @Override
            public void completed() {
                end.countDown();
            }

            @Override
            public void failed(SpeechError error) {
                throw new IllegalStateException(error.message());
            }
        });
        first.await(10, TimeUnit.SECONDS);
        end.await(10, TimeUnit.SECONDS);
    }

    @Benchmark
    public long recognitionFinalAfterFinish() throws InterruptedException {
        CountDownLatch recognized = new CountDownLatch(1);
        Recognition recognition = provider.start(new RecognitionRequest(8000, "", "16k_zh", OPTIONS),
                new RecognitionListener() {
                    @Override
                    public void partial(Transcript transcript) {
                    }

                    @Override
                    public void recognized(Transcript transcript) {
                        recognized.countDown();
                    }

                    @Override
                    public void failed(SpeechError error) {
                        throw new IllegalStateException(error.message());
                    }
                });
        for (int at = 0; at < second.length; at += 160) {
            recognition.accept(second, at, 160);
        }
        long finished = System.nanoTime();
        recognition.finish();
        recognized.await(10, TimeUnit.SECONDS);
        return System.nanoTime() - finished;
    }

    /** Answers every command at once, as the NLS gateway's protocol has it. */
    private static final class Gateway implements FrameHandler {

        private CoreSession session;
        private String taskId = "";
        private String namespace = "";

        @Override
        public void onOpen(CoreSession coreSession, Callback callback) {
            session = coreSession;
            callback.succeeded();
            coreSession.demand();
        }

        @Override
        public void onFrame(Frame frame, Callback callback) {
            if (frame.getOpCode() == OpCode.TEXT) {
                String text = frame.getPayloadAsUTF8();
                taskId = field(text, "task_id");
                namespace = field(text, "namespace");
                switch (field(text, "name")) {
                    case "StartTranscription" -> event("TranscriptionStarted", "");
                    case "StopTranscription" -> {
                        event("SentenceEnd", ",\"payload\":{\"index\":1,\"time\":1000,\"begin_time\":0,"
                                + "\"result\":\"你好\"}");
                        event("TranscriptionCompleted", "");
                    }
                    case "StartSynthesis" -> {
                        for (int i = 0; i < 10; i++) {
                            session.sendFrame(new Frame(OpCode.BINARY, ByteBuffer.allocate(3200)), Callback.NOOP,
                                    false);
                        }
                        event("SynthesisCompleted", "");
                    }
                    default -> { }
                }
            }
            callback.succeeded();
            if (frame.getOpCode() != OpCode.CLOSE) {
                session.demand();
            }
        }

        @Override
        public void onError(Throwable cause, Callback callback) {
            callback.succeeded();
        }

        @Override
        public void onClosed(CloseStatus closeStatus, Callback callback) {
            callback.succeeded();
        }

        private void event(String name, String payload) {
            session.sendFrame(new Frame(OpCode.TEXT, "{\"header\":{\"message_id\":\"" + taskId + "\",\"task_id\":\""
                    + taskId + "\",\"namespace\":\"" + namespace + "\",\"name\":\"" + name
                    + "\",\"status\":20000000}" + payload + "}"), Callback.NOOP, false);
        }

        private static String field(String json, String name) {
            int at = json.indexOf("\"" + name + "\":\"");
            if (at < 0) {
                return "";
            }
            int from = at + name.length() + 4;
            return json.substring(from, json.indexOf('"', from));
        }
    }
}
