package io.tipring.speech.tencent.internal;

import static io.tipring.speech.tencent.internal.Fixtures.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tipring.api.speech.Recognition;
import io.tipring.api.speech.RecognitionRequest;
import io.tipring.api.speech.SpeechError;
import io.tipring.api.speech.Synthesis;
import io.tipring.api.speech.SynthesisRequest;
import io.tipring.api.speech.Transcript;
import io.tipring.media.internal.resample.PolyphaseResamplers;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The provider against {@link TencentServer}, a local server that checks Tencent's protocol as the service does. */
class TencentSpeechTest {

    private static final Map<String, String> CREDENTIALS = Map.of("appId", TencentServer.APP_ID,
            "secretId", TencentServer.SECRET_ID, "secretKey", TencentServer.SECRET_KEY);

    private TencentServer server;
    private final List<TencentSpeech> providers = new ArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        server = new TencentServer();
    }

    @AfterEach
    void stopAll() throws Exception {
        providers.forEach(TencentSpeech::stop);
        server.close();
    }

    /** The signed text of the documentation's example (签名生成), byte for byte. */
    @Test
    void theAsrSignatureSourceIsTheDocumentedOne() {
        TreeMap<String, String> params = new TreeMap<>(Map.of("engine_model_type", "16k_zh", "expired",
                "1673494772", "needvad", "1", "nonce", "1673408372", "secretid", "*****Qq1zhZMN8dv0******",
                "timestamp", "1673408372", "voice_format", "1", "voice_id", "c64385ee-3e5c-4fc5-bbfd-7c71addb35b0"));

        String source = Signing.source("", URI.create("wss://asr.cloud.tencent.com/asr/v2/"), "/asr/v2/125922***",
                params);

        assertEquals("asr.cloud.tencent.com/asr/v2/125922***?engine_model_type=16k_zh&expired=1673494772"
                + "&needvad=1&nonce=1673408372&secretid=*****Qq1zhZMN8dv0******&timestamp=1673408372"
                + "&voice_format=1&voice_id=c64385ee-3e5c-4fc5-bbfd-7c71addb35b0", source);
        // RFC 2202's HMAC-SHA1 test case 2, in Base64: the primitive the signature is made with.
        assertEquals("7/zfauXrL6LSdBbV8YTfnCWafHk=", Signing.sign("Jefe", "what do ya want for nothing?"));
    }

    @Test
    void speechAt16kHzGivesPartialAndFinalTranscriptsInOrder() throws Exception {
        Fixtures.Heard heard = recognize(provider(Map.of()), 16000, "speech-16k.wav", "16k_zh", CREDENTIALS);

        assertTrue(heard.errors.isEmpty(), () -> "errors: " + heard.errors);
        assertFalse(heard.finals.isEmpty(), "no final transcript");
        assertFalse(heard.partials.isEmpty(), "no partial transcript");
        for (int i = 0; i < heard.finals.size(); i++) {
            Transcript t = heard.finals.get(i);
            assertEquals(i + 1, t.index());
            assertEquals(TencentServer.SENTENCE, t.text());
            assertTrue(t.startMillis() < t.endMillis(), t.toString());
        }
        // The speech of the file starts at 240 ms: the audio reached the service whole and in time.
        assertTrue(Math.abs(heard.finals.get(0).startMillis() - 240) <= 60, heard.finals.get(0).toString());
        assertTrue(heard.finals.getLast().endMillis() <= 3800, heard.finals.getLast().toString());
        assertTrue(heard.partials.stream().allMatch(p -> p.index() <= heard.finals.size()));
        TencentServer.Seen seen = server.seen.get(0);
        assertEquals("16k_zh", seen.params.get("engine_model_type"));
        assertTrue(seen.endMessage, "no end message");
        List<Integer> frames = seen.frameBytes;
        for (int i = 0; i < frames.size() - 1; i++) {
            assertEquals(1280, frames.get(i), "frame " + i);
        }
        assertTrue(seen.aheadMillis <= 600, "audio ran " + seen.aheadMillis + " ms ahead of real time");
        awaitClosed(seen);
    }

    @Test
    void callAudioAt8kHzIsResampledForA16kModelAndTimesStayTrue() throws Exception {
        Fixtures.Heard heard = recognize(provider(Map.of()), 8000, "speech-8k.wav", "", CREDENTIALS);

        assertTrue(heard.errors.isEmpty(), () -> "errors: " + heard.errors);
        assertFalse(heard.finals.isEmpty());
        assertTrue(Math.abs(heard.finals.get(0).startMillis() - 240) <= 60, heard.finals.get(0).toString());
        TencentServer.Seen seen = server.seen.get(0);
        assertEquals("16k_zh", seen.params.get("engine_model_type"), "the configured model");
        int bytes = seen.frameBytes.stream().mapToInt(Integer::intValue).sum();
        assertTrue(Math.abs(bytes / 2 / 16 - 3777) <= 50, bytes / 2 / 16 + " ms of audio at 16 kHz");
    }

    @Test
    void an8kModelGets640ByteFrames() throws Exception {
        Fixtures.Heard heard = recognize(provider(Map.of()), 8000, "speech-8k.wav", "8k_zh", CREDENTIALS);

        assertTrue(heard.errors.isEmpty(), () -> "errors: " + heard.errors);
        assertFalse(heard.finals.isEmpty());
        List<Integer> frames = server.seen.get(0).frameBytes;
        assertEquals(640, frames.get(0));
    }

    @Test
    void aWrongSecretKeyFailsWith400AndNoSecretInTheMessage() throws Exception {
        Map<String, String> wrong = new HashMap<>(CREDENTIALS);
        wrong.put("secretKey", "notTheKey0123456789");
        Fixtures.Heard heard = new Fixtures.Heard();

        provider(Map.of()).start(new RecognitionRequest(16000, "", "16k_zh", wrong), heard);
        SpeechError error = heard.awaitError();

        assertEquals(SpeechError.BAD_REQUEST, error.code(), error.message());
        assertTrue(error.message().contains("4002"), error.message());
        assertFalse(error.message().contains("notTheKey"), error.message());
        assertTrue(server.seen.get(0).refusal.endsWith("signature mismatch"), server.seen.get(0).refusal);
    }

    @Test
    void missingCredentialsFailWith400NamingTheOption() throws Exception {
        Map<String, String> noKey = new HashMap<>(CREDENTIALS);
        noKey.remove("secretKey");
        Fixtures.Heard heard = new Fixtures.Heard();

        provider(Map.of()).start(new RecognitionRequest(16000, "", "", noKey), heard);
        SpeechError error = heard.awaitError();

        assertEquals(SpeechError.BAD_REQUEST, error.code());
        assertTrue(error.message().contains("secretKey"), error.message());
        assertTrue(server.seen.isEmpty(), "connected without credentials");
        // The configuration's credentials serve a request that brings none.
        Fixtures.Heard configured = recognize(provider(Map.of("appId", TencentServer.APP_ID, "secretId",
                TencentServer.SECRET_ID, "_secretKey", TencentServer.SECRET_KEY)), 16000, "speech-16k.wav", "",
                Map.of());
        assertTrue(configured.errors.isEmpty(), () -> "errors: " + configured.errors);
        assertFalse(configured.finals.isEmpty());
    }

    @Test
    void anErrorFrameFailsTheRecognition() throws Exception {
        server.asrErrorAfterFrames = 5;
        server.errorCode = 5000;
        Fixtures.Heard heard = new Fixtures.Heard();

        Recognition recognition = provider(Map.of()).start(new RecognitionRequest(16000, "", "16k_zh",
                CREDENTIALS), heard);
        feed(recognition, Fixtures.wav("speech-16k.wav"), 16000, false);
        SpeechError error = heard.awaitError();

        assertEquals(SpeechError.FAILED, error.code(), error.message());
        assertTrue(error.message().contains("5000"));
        Thread.sleep(200);
        assertEquals(1, heard.errors.size());
    }

    @Test
    void aConnectionRefusedFailsWith503() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        TencentSpeech provider = provider(Map.of("asrEndpoint", "ws://127.0.0.1:" + closedPort + "/asr/v2/",
                "ttsEndpoint", "ws://127.0.0.1:" + closedPort + "/stream_ws"));
        Fixtures.Heard heard = new Fixtures.Heard();
        Fixtures.Sink sink = new Fixtures.Sink();

        provider.start(new RecognitionRequest(16000, "", "", CREDENTIALS), heard);
        provider.synthesize(new SynthesisRequest("你好", "", 1, 8000, CREDENTIALS), sink);

        assertEquals(SpeechError.UNAVAILABLE, heard.awaitError().code());
        sink.awaitEnd();
        assertEquals(SpeechError.UNAVAILABLE, sink.error.code());
    }

    @Test
    void noFinalResultAfterTheEndFailsWith408() throws Exception {
        server.stall = true;
        TencentSpeech provider = provider(Map.of("readTimeoutSeconds", 1));
        Fixtures.Heard heard = new Fixtures.Heard();

        Recognition recognition = provider.start(new RecognitionRequest(16000, "", "", CREDENTIALS), heard);
        feed(recognition, new short[16000 / 2], 16000, false);
        recognition.finish();

        assertEquals(SpeechError.TIMEOUT, heard.awaitError().code());
        assertEquals(0, provider.running());
    }

    @Test
    void aHandshakeSlowerThanTheConnectTimeoutFailsWith408() throws Exception {
        server.handshakeDelayMillis = 2500;
        Fixtures.Heard heard = new Fixtures.Heard();

        provider(Map.of("connectTimeoutSeconds", 1)).start(new RecognitionRequest(16000, "", "", CREDENTIALS),
                heard);

        assertEquals(SpeechError.TIMEOUT, heard.awaitError().code());
    }

    @Test
    void cancelStopsAtOnceClosesTheConnectionAndNothingMoreIsHeard() throws Exception {
        TencentSpeech provider = provider(Map.of());
        Fixtures.Heard heard = new Fixtures.Heard();
        Recognition recognition = provider.start(new RecognitionRequest(16000, "", "", CREDENTIALS), heard);
        short[] speech = Fixtures.wav("speech-16k.wav");
        feed(recognition, java.util.Arrays.copyOf(speech, 16000), 16000, true);

        recognition.cancel();
        int heardThen = heard.callbacks.get();
        feed(recognition, speech, 16000, false);
        Thread.sleep(300);

        assertEquals(heardThen, heard.callbacks.get(), "callbacks after cancel");
        awaitClosed(server.seen.get(0));
        assertEquals(0, provider.running());
        recognition.cancel();
    }

    @Test
    void deactivationFailsWhatRunsWith503AndLeavesNoConnectionOrThread() throws Exception {
        TencentSpeech provider = new TencentSpeech(new PolyphaseResamplers(), config(endpoints(Map.of())));
        Fixtures.Heard heard = new Fixtures.Heard();
        Fixtures.Sink sink = new Fixtures.Sink();
        server.ttsFrameDelayMillis = 200;
        Recognition recognition = provider.start(new RecognitionRequest(16000, "", "", CREDENTIALS), heard);
        feed(recognition, new short[16000], 16000, true);
        provider.synthesize(new SynthesisRequest("a long sentence to speak slowly", "", 1, 8000, CREDENTIALS), sink);
        assertTrue(sink.firstAudio.await(10, java.util.concurrent.TimeUnit.SECONDS));

        provider.stop();

        assertEquals(SpeechError.UNAVAILABLE, heard.awaitError().code());
        sink.awaitEnd();
        assertEquals(SpeechError.UNAVAILABLE, sink.error.code());
        for (TencentServer.Seen seen : server.seen) {
            awaitClosed(seen);
        }
        assertEquals(0, provider.running());
        List<String> left = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(Thread::getName).filter(n -> n.startsWith(TencentSpeech.THREADS) || n.startsWith("HttpClient-"))
                .toList();
        assertTrue(left.isEmpty(), "threads left: " + left);
        Fixtures.Sink later = new Fixtures.Sink();
        provider.synthesize(new SynthesisRequest("hi", "", 1, 8000, CREDENTIALS), later);
        later.awaitEnd();
        assertEquals(SpeechError.UNAVAILABLE, later.error.code());
    }

    @Test
    void textBecomesAudioAtTheRequestedRate() throws Exception {
        TencentSpeech provider = provider(Map.of());
        String text = "你好，这里是 tipring。";
        for (int rate : new int[] {8000, 16000, 44100}) {
            Fixtures.Sink sink = new Fixtures.Sink();

            provider.synthesize(new SynthesisRequest(text, "101002", 1.5, rate, Map.of("volume", "3",
                    "appid", TencentServer.APP_ID, "secretId", TencentServer.SECRET_ID, "secretKey",
                    TencentServer.SECRET_KEY)), sink);
            sink.awaitEnd();

            assertNull(sink.error, () -> rate + ": " + sink.error);
            assertEquals(1, sink.completed.get());
            short[] pcm = sink.pcm();
            int expected = text.length() * TencentServer.MILLIS_PER_CHARACTER * rate / 1000;
            assertTrue(Math.abs(pcm.length - expected) <= rate / 100, rate + " Hz: " + pcm.length + " samples, "
                    + expected + " expected");
            double hertz = Fixtures.frequency(pcm, rate);
            assertTrue(Math.abs(hertz - TencentServer.TONE) < 10, rate + " Hz: a tone of " + hertz + " Hz");
            TencentServer.Seen seen = server.seen.getLast();
            assertEquals(rate == 8000 ? "8000" : "16000", seen.params.get("SampleRate"));
            assertEquals(text, seen.params.get("Text"));
            assertEquals("101002", seen.params.get("VoiceType"));
            assertEquals("2", seen.params.get("Speed"));
            assertEquals("3", seen.params.get("Volume"));
            awaitClosed(seen);
        }
    }

    @Test
    void synthesisFailuresReachTheSink() throws Exception {
        TencentSpeech provider = provider(Map.of("readTimeoutSeconds", 1));
        Map<String, String> wrong = new HashMap<>(CREDENTIALS);
        wrong.put("secretKey", "wrongKey");
        Fixtures.Sink auth = new Fixtures.Sink();
        provider.synthesize(new SynthesisRequest("你好", "", 1, 8000, wrong), auth);
        auth.awaitEnd();
        assertEquals(SpeechError.BAD_REQUEST, auth.error.code(), auth.error.message());

        Fixtures.Sink voice = new Fixtures.Sink();
        provider.synthesize(new SynthesisRequest("你好", "xiaoyan", 1, 8000, CREDENTIALS), voice);
        voice.awaitEnd();
        assertEquals(SpeechError.BAD_REQUEST, voice.error.code());
        assertTrue(voice.error.message().contains("VoiceType"), voice.error.message());

        server.ttsErrorAfterAudio = true;
        server.errorCode = 5003;
        Fixtures.Sink broken = new Fixtures.Sink();
        provider.synthesize(new SynthesisRequest("你好世界", "", 1, 8000, CREDENTIALS), broken);
        broken.awaitEnd();
        assertEquals(SpeechError.FAILED, broken.error.code(), broken.error.message());
        assertFalse(broken.chunks.isEmpty(), "the audio before the error");

        server.ttsErrorAfterAudio = false;
        server.stall = true;
        Fixtures.Sink stalled = new Fixtures.Sink();
        provider.synthesize(new SynthesisRequest("你好世界", "", 1, 8000, CREDENTIALS), stalled);
        stalled.awaitEnd();
        assertEquals(SpeechError.TIMEOUT, stalled.error.code(), stalled.error.message());
        assertEquals(0, provider.running());
    }

    @Test
    void aCancelledSynthesisIsHeardNoMore() throws Exception {
        server.ttsFrameDelayMillis = 100;
        TencentSpeech provider = provider(Map.of());
        Fixtures.Sink sink = new Fixtures.Sink();
        Synthesis synthesis = provider.synthesize(new SynthesisRequest("a sentence long enough to cancel", "", 1,
                16000, CREDENTIALS), sink);
        assertTrue(sink.firstAudio.await(10, java.util.concurrent.TimeUnit.SECONDS));

        synthesis.cancel();
        int heard = sink.callbacks.get();
        Thread.sleep(500);

        assertEquals(heard, sink.callbacks.get());
        assertEquals(0, sink.completed.get());
        awaitClosed(server.seen.get(0));
        assertEquals(0, provider.running());
    }

    /** The media clock never waits: audio beyond what the provider may hold is dropped, the oldest first. */
    @Test
    void acceptNeverBlocksAndASlowServiceLosesTheOldestAudio() throws Exception {
        server.handshakeDelayMillis = 1000;
        TencentSpeech provider = provider(Map.of("maxBufferedMillis", 200));
        Fixtures.Heard heard = new Fixtures.Heard();
        Recognition recognition = provider.start(new RecognitionRequest(16000, "", "", CREDENTIALS), heard);
        short[] audio = new short[16000 * 2];
        for (int i = audio.length - 3200; i < audio.length; i++) {
            audio[i] = 1;
        }

        long started = System.nanoTime();
        feed(recognition, audio, 16000, false);
        long fed = System.nanoTime() - started;
        recognition.finish();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (provider.running() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        assertTrue(fed < 200_000_000L, "feeding 2 s of audio took " + fed / 1_000_000 + " ms");
        assertTrue(heard.errors.isEmpty(), () -> "errors: " + heard.errors);
        int bytes = server.seen.get(0).frameBytes.stream().mapToInt(Integer::intValue).sum();
        assertEquals(3200 * 2, bytes, "the newest 200 ms, and only them");
    }

    @Test
    void aRequestBeyondTheConcurrentLimitFailsWith503() throws Exception {
        TencentSpeech provider = provider(Map.of("maxConcurrent", 1));
        Fixtures.Heard first = new Fixtures.Heard();
        Fixtures.Heard second = new Fixtures.Heard();
        Recognition running = provider.start(new RecognitionRequest(16000, "", "", CREDENTIALS), first);

        provider.start(new RecognitionRequest(16000, "", "", CREDENTIALS), second);

        assertEquals(SpeechError.UNAVAILABLE, second.awaitError().code());
        assertEquals(1, provider.running());
        running.cancel();
    }

    @Test
    void theSpeedScaleFollowsTencentsTable() {
        assertEquals(-2, TencentSynthesis.speed(0.5));
        assertEquals(0, TencentSynthesis.speed(1.0));
        assertEquals(2, TencentSynthesis.speed(1.5), 1e-9);
        assertEquals(4, TencentSynthesis.speed(2.0), 1e-9);
        assertEquals(-1, TencentSynthesis.speed(0.8), 1e-9);
    }

    // ---------------------------------------------------------------------------------------------------------

    private TencentSpeech provider(Map<String, Object> settings) {
        TencentSpeech provider = new TencentSpeech(new PolyphaseResamplers(), config(endpoints(settings)));
        providers.add(provider);
        return provider;
    }

    private Map<String, Object> endpoints(Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(Map.of("asrEndpoint", server.asrEndpoint(), "ttsEndpoint",
                server.ttsEndpoint()));
        all.putAll(settings);
        return all;
    }

    /** Feeds a whole file at the pace of a call, finishes, and waits for the connection to end. */
    private Fixtures.Heard recognize(TencentSpeech provider, int rate, String file, String model,
            Map<String, String> options) throws Exception {
        Fixtures.Heard heard = new Fixtures.Heard();
        Recognition recognition = provider.start(new RecognitionRequest(rate, "", model, options), heard);
        feed(recognition, Fixtures.wav(file), rate, true);
        recognition.finish();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (provider.running() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, provider.running(), "the recognition did not end");
        return heard;
    }

    /** Feeds 20 ms frames, in real time when asked (as the media clock does), else at once. */
    private static void feed(Recognition recognition, short[] pcm, int rate, boolean realTime)
            throws InterruptedException {
        int frame = rate / 50;
        long start = System.nanoTime();
        for (int at = 0, n = 0; at < pcm.length; at += frame, n++) {
            if (realTime) {
                long wait = start + n * 20_000_000L - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            recognition.accept(pcm, at, Math.min(frame, pcm.length - at));
        }
    }

    private static void awaitClosed(TencentServer.Seen seen) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!seen.closed) {
            if (System.nanoTime() > deadline) {
                fail("the server saw no close of " + seen.path);
            }
            Thread.sleep(20);
        }
        assertNotNull(seen.path);
    }
}
