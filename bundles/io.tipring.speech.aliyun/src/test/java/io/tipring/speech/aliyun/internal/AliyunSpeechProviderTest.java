package io.tipring.speech.aliyun.internal;

import static io.tipring.speech.aliyun.internal.NlsTestServer.ACCESS_KEY_ID;
import static io.tipring.speech.aliyun.internal.NlsTestServer.ACCESS_KEY_SECRET;
import static io.tipring.speech.aliyun.internal.NlsTestServer.APP_KEY;
import static io.tipring.speech.aliyun.internal.Recorders.config;
import static io.tipring.speech.aliyun.internal.Recorders.wav;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.tipring.api.speech.Recognition;
import io.tipring.api.speech.RecognitionRequest;
import io.tipring.api.speech.SpeechError;
import io.tipring.api.speech.Synthesis;
import io.tipring.api.speech.SynthesisRequest;
import io.tipring.api.speech.Transcript;
import io.tipring.media.internal.resample.PolyphaseResamplers;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The provider against a local NLS stand-in ({@link NlsTestServer}) that checks what the real service checks. */
class AliyunSpeechProviderTest {

    private static final Map<String, String> KEYS = Map.of("secretId", ACCESS_KEY_ID, "secretKey", ACCESS_KEY_SECRET,
            "appKey", APP_KEY);

    private NlsTestServer server;
    private final List<AliyunSpeechProvider> providers = new ArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        server = new NlsTestServer();
    }

    @AfterEach
    void stop() throws Exception {
        providers.forEach(AliyunSpeechProvider::stop);
        server.close();
        assertEquals(List.of(), server.problems);
    }

    @Test
    void speechIsStreamedAndComesBackAsPartialAndFinalTranscripts() throws Exception {
        short[] speech = wav("speech-8k.wav");
        Recorders.Listener listener = new Recorders.Listener();
        AliyunSpeechProvider provider = provider(Map.of());

        Recognition recognition = provider.start(new RecognitionRequest(8000, "zh-CN", "16k_zh", KEYS), listener);
        feed(recognition, speech, 8000);
        recognition.finish();
        await(() -> server.names.contains("StopTranscription") && provider.running() == 0, "the recognition ended");

        assertEquals(0, listener.failures.get(), () -> "failed: " + listener.error);
        JsonNode start = server.starts.get(0);
        assertEquals(16000, start.path("sample_rate").asInt());
        assertTrue(start.path("enable_intermediate_result").asBoolean());
        assertTrue(start.path("enable_punctuation_prediction").asBoolean());
        // The server got the call's audio at 16 kHz: as long, and as loud, as what was fed.
        assertEquals(speech.length * 2, server.lastAudio.length, 2 * 8000 / 10);
        double fed = NlsTestServer.rms(speech, 0, speech.length);
        double heard = NlsTestServer.rms(server.lastAudio, 0, server.lastAudio.length);
        assertEquals(fed, heard, fed * 0.1);
        long millis = speech.length * 1000L / 8000;
        int sentences = (int) Math.ceil(millis / 1000.0);
        assertEquals(sentences, listener.finals.size(), listener.finals::toString);
        for (int i = 0; i < listener.finals.size(); i++) {
            Transcript t = listener.finals.get(i);
            assertEquals(i + 1, t.index());
            assertEquals(i * 1000L, t.startMillis());
            assertTrue(t.text().startsWith((t.endMillis() - t.startMillis()) + " ms rms "), t.text());
        }
        assertEquals(millis, listener.finals.getLast().endMillis(), 150);
        assertTrue(listener.partials.size() >= 4 * (sentences - 1), listener.partials::toString);
        assertTrue(listener.partials.stream().allMatch(p -> p.endMillis() > p.startMillis()));
        assertEquals(1, server.tokenRequests.get());
        // The provider has ended the recognition; the server sees the socket close a moment later.
        await(() -> server.closed.get() == server.opened.get(), "the connection closed");
    }

    @Test
    void aModelFor8kHzIsSent8kHzAudio() throws Exception {
        Recorders.Listener listener = new Recorders.Listener();
        AliyunSpeechProvider provider = provider(Map.of());
        short[] speech = wav("speech-16k.wav");

        Recognition recognition = provider.start(new RecognitionRequest(16000, "", "8k_zh", KEYS), listener);
        feed(recognition, speech, 16000);
        recognition.finish();
        await(() -> provider.running() == 0, "the recognition ended");

        assertEquals(8000, server.starts.get(0).path("sample_rate").asInt());
        assertEquals(8000, server.lastAudioRate);
        assertEquals(speech.length / 2, server.lastAudio.length, 800);
        assertFalse(listener.finals.isEmpty());
    }

    @Test
    void tokensAreCachedPerAccessKeyAndAWrongSecretIsRefusedWith400() throws Exception {
        AliyunSpeechProvider provider = provider(Map.of());
        for (int i = 0; i < 2; i++) {
            Recorders.Sink sink = new Recorders.Sink();
            provider.synthesize(tts("你好", KEYS), sink);
            sink.awaitEnd();
            assertEquals(1, sink.completed.get(), () -> "failed: " + sink.error);
        }
        assertEquals(1, server.tokenRequests.get());

        Map<String, String> wrong = new HashMap<>(KEYS);
        wrong.put("secretKey", "not-the-secret");
        Recorders.Sink sink = new Recorders.Sink();
        provider.synthesize(tts("你好", wrong), sink);
        sink.awaitEnd();

        assertEquals(SpeechError.BAD_REQUEST, sink.error.code());
        assertTrue(sink.error.message().contains("SignatureDoesNotMatch"), sink.error.message());
        assertSecretFree(sink.error);
        assertEquals(2, server.tokenRequests.get());

        wrong.put("secretId", "LTAI-unknown");
        Recorders.Listener listener = new Recorders.Listener();
        provider.start(new RecognitionRequest(8000, "", "", wrong), listener);
        assertEquals(SpeechError.BAD_REQUEST, listener.awaitError().code());
        assertTrue(listener.error.message().contains("InvalidAccessKeyId.NotFound"), listener.error.message());
    }

    @Test
    void aTokenAtItsExpiryIsRenewed() throws Exception {
        server.tokenLifeSeconds = 0;
        AliyunSpeechProvider provider = provider(Map.of());
        for (int i = 0; i < 2; i++) {
            Recorders.Sink sink = new Recorders.Sink();
            provider.synthesize(tts("你好", KEYS), sink);
            sink.awaitEnd();
            assertEquals(1, sink.completed.get());
        }
        assertEquals(2, server.tokenRequests.get());
    }

    @Test
    void aTokenTheGatewayRefusesFailsWith400WithoutShowingIt() throws Exception {
        Recorders.Listener listener = new Recorders.Listener();
        String token = "f00dfeedf00dfeedf00dfeedf00dfeed";

        provider(Map.of()).start(new RecognitionRequest(8000, "", "", Map.of("token", token, "appKey", APP_KEY)),
                listener);

        SpeechError error = listener.awaitError();
        assertEquals(SpeechError.BAD_REQUEST, error.code());
        assertTrue(error.message().contains("40000001"), error.message());
        assertFalse(error.message().contains(token), error.message());
        assertEquals(0, server.tokenRequests.get());
    }

    @Test
    void missingCredentialsFailWith400NamingTheOption() throws Exception {
        AliyunSpeechProvider provider = provider(Map.of());
        Map<Map<String, String>, String> cases = Map.of(
                Map.of("secretId", ACCESS_KEY_ID, "secretKey", ACCESS_KEY_SECRET), "appKey",
                Map.of("appKey", APP_KEY, "secretKey", ACCESS_KEY_SECRET), "secretId",
                Map.of("appKey", APP_KEY, "secretId", ACCESS_KEY_ID), "secretKey");
        for (Map.Entry<Map<String, String>, String> c : cases.entrySet()) {
            Recorders.Listener listener = new Recorders.Listener();
            provider.start(new RecognitionRequest(8000, "", "", c.getKey()), listener);
            SpeechError error = listener.awaitError();
            assertEquals(SpeechError.BAD_REQUEST, error.code());
            assertTrue(error.message().contains("option " + c.getValue()), error.message());
            assertSecretFree(error);
        }
        assertEquals(0, server.tokenRequests.get());
        assertEquals(0, server.opened.get());
    }

    @Test
    void theConfigurationsCredentialsServeRequestsWithoutAndTheAppkeyOptionIsAccepted() throws Exception {
        AliyunSpeechProvider provider = provider(Map.of("accessKeyId", ACCESS_KEY_ID, "_accessKeySecret",
                ACCESS_KEY_SECRET));
        Recorders.Sink sink = new Recorders.Sink();

        provider.synthesize(tts("你好", Map.of("appkey", APP_KEY)), sink);
        sink.awaitEnd();

        assertEquals(1, sink.completed.get(), () -> "failed: " + sink.error);
    }

    @Test
    void aServerErrorFrameFailsTheRecognitionWith500() throws Exception {
        server.mode = NlsTestServer.Mode.FAIL_AFTER_AUDIO;
        Recorders.Listener listener = new Recorders.Listener();
        AliyunSpeechProvider provider = provider(Map.of());

        Recognition recognition = provider.start(new RecognitionRequest(8000, "", "", KEYS), listener);
        feed(recognition, wav("speech-8k.wav"), 8000);

        SpeechError error = listener.awaitError();
        assertEquals(SpeechError.FAILED, error.code());
        assertTrue(error.message().contains("50000000"), error.message());
        await(() -> provider.running() == 0, "the recognition ended");
        Thread.sleep(100);
        assertEquals(1, listener.failures.get());
    }

    @Test
    void aGatewayThatClosesFailsTheRecognition() throws Exception {
        server.mode = NlsTestServer.Mode.CLOSE_AFTER_START;
        Recorders.Listener listener = new Recorders.Listener();

        provider(Map.of()).start(new RecognitionRequest(8000, "", "", KEYS), listener);

        assertEquals(SpeechError.FAILED, listener.awaitError().code());
    }

    @Test
    void noAnswerToTheStartOrTheStopFailsWith408() throws Exception {
        for (NlsTestServer.Mode mode : List.of(NlsTestServer.Mode.NEVER_START, NlsTestServer.Mode.NEVER_COMPLETE)) {
            server.mode = mode;
            Recorders.Listener listener = new Recorders.Listener();
            Recognition recognition = provider(Map.of("responseTimeoutSeconds", 1))
                    .start(new RecognitionRequest(8000, "", "", KEYS), listener);
            recognition.accept(new short[160], 0, 160);
            recognition.finish();
            assertEquals(SpeechError.TIMEOUT, listener.awaitError().code(), mode.name());
        }
        await(() -> server.closed.get() == server.opened.get(), "the connections closed");
    }

    @Test
    void aTokenEndpointThatDoesNotAnswerFailsWith408() throws Exception {
        server.tokenDelayMillis = 3000;
        Recorders.Listener listener = new Recorders.Listener();

        provider(Map.of("responseTimeoutSeconds", 1, "connectTimeoutSeconds", 1))
                .start(new RecognitionRequest(8000, "", "", KEYS), listener);

        assertEquals(SpeechError.TIMEOUT, listener.awaitError().code());
    }

    @Test
    void refusedConnectionsFailWith503() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Recorders.Listener gateway = new Recorders.Listener();
        provider(Map.of("gatewayUrl", "ws://127.0.0.1:" + closedPort + "/ws/v1"))
                .start(new RecognitionRequest(8000, "", "", KEYS), gateway);
        assertEquals(SpeechError.UNAVAILABLE, gateway.awaitError().code());

        Recorders.Sink token = new Recorders.Sink();
        provider(Map.of("tokenUrl", "http://127.0.0.1:" + closedPort + "/")).synthesize(tts("你好", KEYS), token);
        token.awaitEnd();
        assertEquals(SpeechError.UNAVAILABLE, token.error.code());
    }

    @Test
    void aCancelledRecognitionReportsNothingAndClosesItsConnection() throws Exception {
        Recorders.Listener listener = new Recorders.Listener();
        AliyunSpeechProvider provider = provider(Map.of());
        Recognition recognition = provider.start(new RecognitionRequest(8000, "", "", KEYS), listener);
        short[] speech = wav("speech-8k.wav");
        recognition.accept(speech, 0, 4000);
        await(() -> server.names.contains("StartTranscription"), "the transcription started");

        recognition.cancel();
        recognition.accept(speech, 4000, 4000);
        recognition.cancel();

        await(() -> server.closed.get() == 1 && provider.running() == 0, "the connection closed");
        int reported = listener.partials.size() + listener.finals.size();
        Thread.sleep(200);
        assertEquals(reported, listener.partials.size() + listener.finals.size());
        assertEquals(0, listener.failures.get());
        assertFalse(server.names.contains("StopTranscription"));
    }

    @Test
    void textBecomesAudioAtTheRequestedRate() throws Exception {
        AliyunSpeechProvider provider = provider(Map.of());
        String text = "今天天气很好，我们出去走走吧。";
        for (int rate : new int[] {8000, 16000, 22050, 48000}) {
            Recorders.Sink sink = new Recorders.Sink();
            provider.synthesize(new SynthesisRequest(text, "aixia", 1.0, rate, KEYS), sink);
            sink.awaitEnd();

            assertEquals(1, sink.completed.get(), () -> rate + " failed: " + sink.error);
            JsonNode start = server.starts.getLast();
            assertEquals(AliyunSpeechProvider.synthesisRate(rate), start.path("sample_rate").asInt());
            assertEquals("aixia", start.path("voice").asText());
            assertEquals(text, start.path("text").asText());
            long expected = (long) text.length() * NlsTestServer.MILLIS_PER_CHARACTER * rate / 1000;
            short[] pcm = sink.pcm();
            assertEquals(expected, pcm.length, rate / 100.0, "samples at " + rate);
            // A 440 Hz tone at the sink's rate: about 880 zero crossings a second.
            int crossings = 0;
            for (int i = 1; i < pcm.length; i++) {
                if ((pcm[i - 1] < 0) != (pcm[i] < 0)) {
                    crossings++;
                }
            }
            assertEquals(880.0 * pcm.length / rate, crossings, 20, "crossings at " + rate);
        }
    }

    @Test
    void speedVolumeAndPitchMapToTheDocumentedRanges() throws Exception {
        assertEquals(-500, AliyunSpeechProvider.speechRate(0.5));
        assertEquals(0, AliyunSpeechProvider.speechRate(1.0));
        assertEquals(500, AliyunSpeechProvider.speechRate(2.0));
        assertEquals(-167, AliyunSpeechProvider.speechRate(0.75));
        assertEquals(333, AliyunSpeechProvider.speechRate(1.5));
        AliyunSpeechProvider provider = provider(Map.of());
        Map<String, String> options = new HashMap<>(KEYS);
        options.put("volume", "8");
        options.put("pitchRate", "-100");
        Recorders.Sink sink = new Recorders.Sink();

        provider.synthesize(new SynthesisRequest("你好", "", 1.5, 8000, options), sink);
        sink.awaitEnd();

        JsonNode start = server.starts.getLast();
        assertEquals(333, start.path("speech_rate").asInt());
        assertEquals(80, start.path("volume").asInt());
        assertEquals(-100, start.path("pitch_rate").asInt());
        assertEquals("xiaoyun", start.path("voice").asText());
        options.put("volume", "loud");
        Recorders.Sink refused = new Recorders.Sink();
        provider.synthesize(new SynthesisRequest("你好", "", 1, 8000, options), refused);
        refused.awaitEnd();
        assertEquals(SpeechError.BAD_REQUEST, refused.error.code());
    }

    @Test
    void aSynthesisErrorFrameFailsTheSink() throws Exception {
        AliyunSpeechProvider provider = provider(Map.of());
        Recorders.Sink unknownVoice = new Recorders.Sink();
        provider.synthesize(new SynthesisRequest("你好", "nobody", 1, 8000, KEYS), unknownVoice);
        unknownVoice.awaitEnd();
        assertEquals(SpeechError.BAD_REQUEST, unknownVoice.error.code());

        server.mode = NlsTestServer.Mode.FAIL_START;
        Recorders.Sink sink = new Recorders.Sink();
        provider.synthesize(tts("你好", KEYS), sink);
        sink.awaitEnd();
        assertEquals(SpeechError.FAILED, sink.error.code());
        assertEquals(0, sink.completed.get());
    }

    @Test
    void aSynthesisThatTakesTooLongFailsWith408() throws Exception {
        server.mode = NlsTestServer.Mode.NEVER_COMPLETE;
        Recorders.Sink sink = new Recorders.Sink();

        provider(Map.of("synthesisTimeoutSeconds", 1)).synthesize(tts("你好", KEYS), sink);
        sink.awaitEnd();

        assertEquals(SpeechError.TIMEOUT, sink.error.code());
        assertEquals(0, sink.completed.get());
        await(() -> server.closed.get() == 1, "the connection closed");
    }

    @Test
    void aCancelledSynthesisIsSilent() throws Exception {
        server.mode = NlsTestServer.Mode.NEVER_COMPLETE;
        Recorders.Sink sink = new Recorders.Sink();
        AliyunSpeechProvider provider = provider(Map.of());

        Synthesis synthesis = provider.synthesize(tts("今天天气很好，我们出去走走吧。", KEYS), sink);
        assertTrue(sink.firstAudio.await(10, java.util.concurrent.TimeUnit.SECONDS));
        synthesis.cancel();
        await(() -> server.closed.get() == 1 && provider.running() == 0, "the connection closed");
        int heard = sink.chunks.size();
        Thread.sleep(200);

        assertEquals(heard, sink.chunks.size());
        assertEquals(0, sink.completed.get() + sink.failed.get());
    }

    @Test
    void requestsBeyondTheLimitOrTooLongAreRefused() throws Exception {
        server.mode = NlsTestServer.Mode.NEVER_COMPLETE;
        AliyunSpeechProvider provider = provider(Map.of("maxConcurrent", 1, "maxTextLength", 10));
        Recorders.Sink first = new Recorders.Sink();
        Synthesis running = provider.synthesize(tts("你好", KEYS), first);
        Recorders.Sink second = new Recorders.Sink();
        provider.synthesize(tts("你好", KEYS), second);
        second.awaitEnd();
        assertEquals(SpeechError.UNAVAILABLE, second.error.code());
        running.cancel();

        Recorders.Sink tooLong = new Recorders.Sink();
        provider.synthesize(tts("01234567890", KEYS), tooLong);
        tooLong.awaitEnd();
        assertEquals(SpeechError.BAD_REQUEST, tooLong.error.code());
    }

    @Test
    void settingsOutOfRangeAreRefused() {
        for (Map<String, Object> settings : List.<Map<String, Object>>of(Map.of("region", "cn-shanghai/../x"),
                Map.of("gatewayUrl", "http://example.com/"), Map.of("tokenUrl", "ftp://x/"),
                Map.of("maxConcurrent", 0), Map.of("defaultVoice", "a b"), Map.of("responseTimeoutSeconds", 0))) {
            assertThrows(IllegalArgumentException.class,
                    () -> new AliyunSpeechProvider(new PolyphaseResamplers(), config(settings)), settings::toString);
        }
    }

    @Test
    void deactivationFailsWhatRunsWith503AndLeavesNoConnectionOrThread() throws Exception {
        long selectorsBefore = selectorThreads();
        server.mode = NlsTestServer.Mode.NEVER_COMPLETE;
        AliyunSpeechProvider provider = new AliyunSpeechProvider(new PolyphaseResamplers(), settings(Map.of()));
        Recorders.Listener listener = new Recorders.Listener();
        Recognition recognition = provider.start(new RecognitionRequest(8000, "", "", KEYS), listener);
        recognition.accept(new short[1600], 0, 1600);
        Recorders.Sink sink = new Recorders.Sink();
        provider.synthesize(tts("今天天气很好，我们出去走走吧。", KEYS), sink);
        await(() -> server.opened.get() == 2 && sink.chunks.size() > 0, "both connected");

        provider.stop();

        assertEquals(SpeechError.UNAVAILABLE, listener.awaitError().code());
        sink.awaitEnd();
        assertEquals(SpeechError.UNAVAILABLE, sink.error.code());
        await(() -> server.closed.get() == 2, "the server saw both connections close");
        await(() -> selectorThreads() <= selectorsBefore, "the HTTP client's thread ended");
        assertEquals(0, provider.running());
        Recorders.Sink later = new Recorders.Sink();
        provider.synthesize(tts("你好", KEYS), later);
        later.awaitEnd();
        assertEquals(SpeechError.UNAVAILABLE, later.error.code());
    }

    private AliyunSpeechProvider provider(Map<String, Object> values) {
        AliyunSpeechProvider provider = new AliyunSpeechProvider(new PolyphaseResamplers(), settings(values));
        providers.add(provider);
        return provider;
    }

    private AliyunConfig settings(Map<String, Object> values) {
        Map<String, Object> all = new HashMap<>(Map.of("gatewayUrl", server.gatewayUrl().toString(), "tokenUrl",
                server.tokenUrl().toString()));
        all.putAll(values);
        return config(all);
    }

    private static SynthesisRequest tts(String text, Map<String, String> options) {
        return new SynthesisRequest(text, "", 1.0, 8000, options);
    }

    /** Feeds audio in 20 ms frames, as the media clock does, but without its pace. */
    private static void feed(Recognition recognition, short[] pcm, int rate) {
        int frame = rate / 50;
        for (int at = 0; at < pcm.length; at += frame) {
            recognition.accept(pcm, at, Math.min(frame, pcm.length - at));
        }
    }

    private static long selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().contains("SelectorManager") && t.isAlive()).count();
    }

    private static void assertSecretFree(SpeechError error) {
        for (String secret : List.of(ACCESS_KEY_SECRET, ACCESS_KEY_ID, "not-the-secret")) {
            assertFalse(error.message().contains(secret), error.message());
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within 10 s: " + what);
            }
            Thread.sleep(10);
        }
    }
}
