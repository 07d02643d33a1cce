package io.tipring.speech.openai.internal;

import static io.tipring.speech.openai.internal.Support.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.speech.SpeechError;
import io.tipring.api.speech.Synthesis;
import io.tipring.api.speech.SynthesisRequest;
import io.tipring.media.internal.resample.PolyphaseResamplers;
import io.tipring.speech.openai.internal.Support.Logs;
import io.tipring.speech.openai.internal.Support.Sink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The TTS side against a local server that speaks the OpenAI audio API. */
class OpenAiTtsTest {

    private static final String HELLO = "Hello, this is tipring speaking.";

    private FakeOpenAi server;
    private final List<OpenAiSpeech> providers = new ArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        server = new FakeOpenAi();
    }

    @AfterEach
    void stop() {
        providers.forEach(OpenAiSpeech::stop);
        server.close();
    }

    @Test
    void speechArrivesAtTheRequestedRateWithTheRightDurationBeforeTheLastChunkWasSent() throws Exception {
        server.speechSeconds = 1.5;
        server.chunkDelayMillis = 40;
        OpenAiSpeech provider = provider(Map.of());
        for (int rate : new int[] {8000, 16000}) {
            Sink sink = new Sink();
            provider.synthesize(new SynthesisRequest(HELLO, "nova", 1.25, rate, Map.of()), sink);
            sink.awaitEnd();

            assertEquals(1, sink.completed.get(), () -> "failed: " + sink.error);
            // 1.5 s of 24 kHz audio is exactly 1.5 s at the request's rate.
            assertEquals(rate * 3 / 2, sink.samples(), "samples at " + rate + " Hz");
            assertTrue(sink.firstAudioNanos < server.lastChunkSentNanos,
                    "the first audio came only after the last chunk was sent");
            assertTrue(sink.chunks.size() > 10, sink.chunks.size() + " pieces");
            double rms = 0;
            short[] middle = sink.chunks.get(sink.chunks.size() / 2);
            for (short s : middle) {
                rms += (double) s * s;
            }
            assertTrue(Math.sqrt(rms / middle.length) > 4000, "the tone is lost");
        }
        assertEquals(List.of(), server.violations);
        var body = server.speechRequests.get(0);
        assertEquals("gpt-4o-mini-tts", body.path("model").asText());
        assertEquals(HELLO, body.path("input").asText());
        assertEquals("nova", body.path("voice").asText());
        assertEquals("pcm", body.path("response_format").asText());
        assertEquals(1.25, body.path("speed").asDouble());
        assertEquals("Bearer " + FakeOpenAi.KEY, server.headers.get(0).get("authorization"));
    }

    @Test
    void theRequestsKeyAndModelReplaceTheConfiguredOnesAndTheDefaultVoiceIsTaken() throws Exception {
        Map<String, Object> settings = new HashMap<>();
        settings.put("_apiKey", "sk-configured-but-wrong-0000000");
        settings.put("organization", "org-42");
        OpenAiSpeech provider = provider(settings);
        Sink sink = new Sink();

        provider.synthesize(new SynthesisRequest(HELLO, "", 1, 8000, Map.of("apiKey", FakeOpenAi.KEY, "model",
                "tts-1", "instructions", "Speak calmly.")), sink);
        sink.awaitEnd();

        assertEquals(1, sink.completed.get(), () -> "failed: " + sink.error);
        var body = server.speechRequests.get(0);
        assertEquals("tts-1", body.path("model").asText());
        assertEquals("alloy", body.path("voice").asText());
        assertEquals("Speak calmly.", body.path("instructions").asText());
        assertEquals("org-42", server.headers.get(0).get("openai-organization"));
    }

    @Test
    void aWrongKeyIsABadRequestThatNeverShowsTheKey() throws Exception {
        String wrong = "sk-proj-Wr0ngK3yWr0ngK3yWr0ngK3y9876";
        try (Logs logs = new Logs()) {
            Sink sink = new Sink();
            provider(Map.of("_apiKey", wrong)).synthesize(request(8000), sink);
            sink.awaitEnd();

            assertEquals(SpeechError.BAD_REQUEST, sink.error.code());
            assertTrue(sink.error.message().contains("401"), sink.error.message());
            assertNoKey(sink.error.message(), wrong);
            assertNoKey(logs.text(), wrong);
            assertTrue(logs.text().contains("refused"), "the refusal is logged");
        }
    }

    @Test
    void aRequestWithoutKeyFailsNamingTheOption() throws Exception {
        Sink sink = new Sink();
        OpenAiSpeech provider = new OpenAiSpeech(new PolyphaseResamplers(), config(Map.of("baseUrl",
                server.baseUrl())));
        providers.add(provider);

        provider.synthesize(request(8000), sink);
        sink.awaitEnd();

        assertEquals(SpeechError.BAD_REQUEST, sink.error.code());
        assertTrue(sink.error.message().contains("apiKey"), sink.error.message());
        assertEquals(0, server.requests.get());
    }

    @Test
    void serverErrorsMapToSpeechErrors() throws Exception {
        OpenAiSpeech provider = provider(Map.of());
        Object[][] cases = {
            {500, FakeOpenAi.errorBody("The server had an error while processing your request.", "server_error",
                    null), SpeechError.UNAVAILABLE},
            {429, FakeOpenAi.errorBody("Rate limit reached for requests", "requests", "rate_limit_exceeded"),
                SpeechError.UNAVAILABLE},
            {400, FakeOpenAi.errorBody("Invalid value for voice", "invalid_request_error", null),
                SpeechError.BAD_REQUEST},
        };
        for (Object[] c : cases) {
            server.errorStatus = (int) c[0];
            server.errorBody = (String) c[1];
            Sink sink = new Sink();
            provider.synthesize(request(8000), sink);
            sink.awaitEnd();
            assertEquals(c[2], sink.error.code(), sink.error.message());
            assertTrue(sink.error.message().contains(String.valueOf(c[0])), sink.error.message());
        }
        assertTrue(true);
    }

    @Test
    void anAnswerInAnotherFormatThanPcmFails() throws Exception {
        server.speech = FakeOpenAi.Speech.MP3;
        Sink sink = new Sink();
        provider(Map.of()).synthesize(request(8000), sink);
        sink.awaitEnd();
        assertEquals(SpeechError.FAILED, sink.error.code());
        assertTrue(sink.error.message().contains("audio/mpeg"), sink.error.message());
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsATimeout() throws Exception {
        server.speech = FakeOpenAi.Speech.SLOW_HEADERS;
        server.slowMillis = 4000;
        Sink sink = new Sink();
        provider(Map.of("requestTimeoutSeconds", 1)).synthesize(request(8000), sink);
        sink.awaitEnd();
        assertEquals(SpeechError.TIMEOUT, sink.error.code(), sink.error.message());
    }

    @Test
    void aStreamLongerThanTheTimeoutIsCutWithATimeout() throws Exception {
        server.speech = FakeOpenAi.Speech.ENDLESS;
        Sink sink = new Sink();
        provider(Map.of("requestTimeoutSeconds", 1)).synthesize(request(8000), sink);
        sink.awaitEnd();
        assertEquals(SpeechError.TIMEOUT, sink.error.code(), sink.error.message());
        assertTrue(sink.samples() > 0, "audio before the timeout is delivered");
        assertTrue(server.sawClose.await(5, TimeUnit.SECONDS), "the server did not see the connection close");
    }

    @Test
    void anUnreachableServerIsUnavailable() throws Exception {
        OpenAiSpeech provider = new OpenAiSpeech(new PolyphaseResamplers(), config(Map.of("baseUrl",
                "http://127.0.0.1:" + Support.closedPort() + "/v1", "_apiKey", FakeOpenAi.KEY)));
        providers.add(provider);
        Sink sink = new Sink();
        provider.synthesize(request(8000), sink);
        sink.awaitEnd();
        assertEquals(SpeechError.UNAVAILABLE, sink.error.code(), sink.error.message());
    }

    @Test
    void cancelStopsTheAudioAndClosesTheConnection() throws Exception {
        server.speech = FakeOpenAi.Speech.ENDLESS;
        Sink sink = new Sink();
        Synthesis synthesis = provider(Map.of()).synthesize(request(8000), sink);
        assertTrue(sink.firstAudio.await(5, TimeUnit.SECONDS));

        synthesis.cancel();

        assertTrue(server.sawClose.await(5, TimeUnit.SECONDS), "the server did not see the connection close");
        int heard = sink.chunks.size();
        Thread.sleep(200);
        assertEquals(heard, sink.chunks.size(), "audio after cancel");
        assertEquals(0, sink.completed.get() + sink.failed.get());
        assertTrue(((OpenAiSynthesis) synthesis).thread().join(java.time.Duration.ofSeconds(2)));
    }

    @Test
    void deactivationFailsTheSynthesisClosesTheConnectionAndLeavesNoThread() throws Exception {
        server.speech = FakeOpenAi.Speech.ENDLESS;
        OpenAiSpeech provider = provider(Map.of());
        Sink sink = new Sink();
        OpenAiSynthesis synthesis = (OpenAiSynthesis) provider.synthesize(request(8000), sink);
        assertTrue(sink.firstAudio.await(5, TimeUnit.SECONDS));

        provider.stop();

        sink.awaitEnd();
        assertEquals(SpeechError.UNAVAILABLE, sink.error.code());
        assertTrue(server.sawClose.await(5, TimeUnit.SECONDS), "the server did not see the connection close");
        assertFalse(synthesis.thread().isAlive());
        assertNoProviderThread();
        Sink later = new Sink();
        provider.synthesize(request(8000), later);
        later.awaitEnd();
        assertEquals(SpeechError.UNAVAILABLE, later.error.code());
    }

    @Test
    void blankTextCompletesWithoutAskingTheServer() throws Exception {
        Sink sink = new Sink();
        provider(Map.of()).synthesize(new SynthesisRequest("  ", "", 1, 8000, Map.of()), sink);
        sink.awaitEnd();
        assertEquals(1, sink.completed.get());
        assertEquals(0, server.requests.get());
    }

    static void assertNoProviderThread() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (true) {
            List<String> left = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                    .map(Thread::getName)
                    .filter(name -> name.startsWith("tipring-openai") || name.contains("SelectorManager")).toList();
            if (left.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("threads left: " + left);
            }
            Thread.sleep(50);
        }
    }

    static void assertNoKey(String text, String key) {
        assertFalse(text.contains(key), "the key appears in: " + text);
        assertFalse(text.contains(key.substring(0, 12)), "the key's start appears in: " + text);
        assertFalse(text.contains(key.substring(key.length() - 8)), "the key's end appears in: " + text);
    }

    private OpenAiSpeech provider(Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(Map.of("baseUrl", server.baseUrl(), "_apiKey", FakeOpenAi.KEY));
        all.putAll(settings);
        OpenAiSpeech provider = new OpenAiSpeech(new PolyphaseResamplers(), config(all));
        providers.add(provider);
        return provider;
    }

    private static SynthesisRequest request(int rate) {
        return new SynthesisRequest(HELLO, "", 1.0, rate, Map.of());
    }
}
