package io.tipring.speech.openai.internal;

import static io.tipring.speech.openai.internal.OpenAiTtsTest.assertNoKey;
import static io.tipring.speech.openai.internal.OpenAiTtsTest.assertNoProviderThread;
import static io.tipring.speech.openai.internal.Support.concat;
import static io.tipring.speech.openai.internal.Support.config;
import static io.tipring.speech.openai.internal.Support.feed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.speech.Recognition;
import io.tipring.api.speech.RecognitionRequest;
import io.tipring.api.speech.SpeechError;
import io.tipring.api.speech.Transcript;
import io.tipring.media.internal.resample.PolyphaseResamplers;
import io.tipring.speech.openai.internal.Support.Listener;
import io.tipring.speech.openai.internal.Support.Logs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ASR side against a local server that speaks the OpenAI audio API. The fixture is 3.8 s of speech with 0.2 s
 * of silence before and 0.3 s after: its speech runs from about 0.22 s to 3.45 s, with pauses under 600 ms.
 */
class OpenAiAsrTest {

    private static final String SAID = "Hello? Yes, this is Anna. Leave a message.";

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
    void twoUtterancesStreamPartialsAndFinalsInOrder() throws Exception {
        short[] speech = Support.wav("speech-8k.wav");
        server.texts = List.of(SAID, "Second one.");
        Listener listener = new Listener();
        Recognition recognition = provider(Map.of()).start(new RecognitionRequest(8000, "en-US", "", Map.of()),
                listener);

        feed(recognition, concat(speech, new short[8000], speech, new short[8000]), 8000);
        listener.awaitRecognized(2);

        assertEquals(List.of(), server.violations);
        assertEquals(2, server.uploads.size());
        for (FakeOpenAi.Upload upload : server.uploads) {
            assertEquals(8000, upload.sampleRate());
            assertEquals(1, upload.channels());
            assertEquals(16, upload.bits());
            // The speech (2.96 s), 300 ms after it and up to 300 ms before (the first has only 220 ms before it).
            assertTrue(upload.seconds() > 3.46 && upload.seconds() < 3.6, upload.seconds() + " s uploaded");
            assertEquals("gpt-4o-mini-transcribe", upload.fields().get("model"));
            assertEquals("en", upload.fields().get("language"));
            assertEquals("true", upload.fields().get("stream"));
            assertEquals("json", upload.fields().get("response_format"));
        }
        Transcript first = listener.finals.get(0);
        Transcript second = listener.finals.get(1);
        assertEquals(new Transcript(1, SAID, first.startMillis(), first.endMillis()), first);
        assertEquals(2, second.index());
        assertEquals("Second one.", second.text());
        assertTrue(Math.abs(first.startMillis() - 220) <= 60, "starts at " + first.startMillis());
        assertTrue(Math.abs(first.endMillis() - 3180) <= 40, "ends at " + first.endMillis());
        long offset = speech.length / 8 + 1000;
        assertTrue(Math.abs(second.startMillis() - first.startMillis() - offset) <= 40, "second at "
                + second.startMillis());
        List<Transcript> partials = listener.partials.stream().filter(t -> t.index() == 1).toList();
        assertTrue(partials.size() >= 3, "partials " + listener.partials);
        assertEquals("Hello?", partials.get(0).text());
        assertTrue(listener.partials.stream().allMatch(t -> t.index() <= 2));
        assertTrue(listener.errors.isEmpty());
        recognition.finish();
    }

    @Test
    void whisperAnswersJsonAt16kHz() throws Exception {
        Listener listener = new Listener();
        Recognition recognition = provider(Map.of()).start(new RecognitionRequest(16000, "de_DE", "whisper-1",
                Map.of("prompt", "Anna")), listener);

        feed(recognition, concat(Support.wav("speech-16k.wav"), new short[16000]), 16000);
        listener.awaitRecognized(1);

        assertEquals(List.of(), server.violations);
        FakeOpenAi.Upload upload = server.uploads.get(0);
        assertEquals(16000, upload.sampleRate());
        assertTrue(upload.seconds() > 3.46 && upload.seconds() < 3.5, upload.seconds() + " s uploaded");
        assertEquals("whisper-1", upload.fields().get("model"));
        assertEquals("de", upload.fields().get("language"));
        assertEquals("Anna", upload.fields().get("prompt"));
        assertFalse(upload.fields().containsKey("stream"));
        assertEquals(SAID, listener.finals.get(0).text());
        assertTrue(listener.partials.isEmpty());
    }

    @Test
    void finishSendsTheUtteranceUnderWayAndSilenceSendsNothing() throws Exception {
        short[] speech = Support.wav("speech-8k.wav");
        Listener listener = new Listener();
        Recognition recognition = provider(Map.of()).start(new RecognitionRequest(8000, "", "", Map.of()),
                listener);

        feed(recognition, concat(new short[16000], java.util.Arrays.copyOf(speech, 16000)), 8000);
        recognition.finish();
        listener.awaitRecognized(1);

        assertEquals(1, server.uploads.size());
        assertFalse(server.uploads.get(0).fields().containsKey("language"));
        double seconds = server.uploads.get(0).seconds();
        // From 300 ms before the speech (at 2.22 s) to the end of the audio (4 s).
        assertTrue(seconds > 2.05 && seconds < 2.11, seconds + " s uploaded");
        assertEquals(1, listener.finals.size());
    }

    @Test
    void anEmptyTranscriptIsNotReported() throws Exception {
        server.texts = List.of("", "Anna.");
        short[] speech = Support.wav("speech-8k.wav");
        Listener listener = new Listener();
        Recognition recognition = provider(Map.of()).start(new RecognitionRequest(8000, "en", "", Map.of()),
                listener);
        feed(recognition, concat(speech, new short[8000], speech, new short[8000]), 8000);
        listener.awaitRecognized(1);
        assertEquals(new Transcript(1, "Anna.", listener.finals.get(0).startMillis(),
                listener.finals.get(0).endMillis()), listener.finals.get(0));
        assertTrue(listener.finals.get(0).startMillis() > 4000);
    }

    @Test
    void aWrongKeyFailsWithABadRequestThatNeverShowsTheKey() throws Exception {
        String wrong = "sk-Wr0ngK3yWr0ngK3yWr0ngK3y123456";
        try (Logs logs = new Logs()) {
            Listener listener = new Listener();
            Recognition recognition = provider(Map.of()).start(new RecognitionRequest(8000, "en", "",
                    Map.of("secretKey", wrong)), listener);
            feed(recognition, concat(Support.wav("speech-8k.wav"), new short[8000]), 8000);

            SpeechError error = listener.awaitFailure();
            assertEquals(SpeechError.BAD_REQUEST, error.code());
            assertNoKey(error.message(), wrong);
            assertNoKey(logs.text(), wrong);
            assertNoKey(logs.text(), FakeOpenAi.KEY);
        }
    }

    @Test
    void serverErrorsAndStreamErrorsFailTheRecognition() throws Exception {
        OpenAiSpeech provider = provider(Map.of());
        server.errorStatus = 503;
        server.errorBody = FakeOpenAi.errorBody("The engine is currently overloaded", "server_error", null);
        assertEquals(SpeechError.UNAVAILABLE, failureOf(provider).code());

        server.errorStatus = 0;
        server.transcription = FakeOpenAi.Transcription.STREAM_ERROR;
        SpeechError streamed = failureOf(provider);
        assertEquals(SpeechError.UNAVAILABLE, streamed.code());
        assertTrue(streamed.message().contains("The server had an error"), streamed.message());

        server.transcription = FakeOpenAi.Transcription.TRUNCATED;
        assertEquals(SpeechError.FAILED, failureOf(provider).code());
    }

    @Test
    void aSlowServerIsATimeoutAndAnUnreachableOneUnavailable() throws Exception {
        server.transcription = FakeOpenAi.Transcription.SLOW_HEADERS;
        server.slowMillis = 4000;
        assertEquals(SpeechError.TIMEOUT, failureOf(provider(Map.of("requestTimeoutSeconds", 1))).code());

        OpenAiSpeech unreachable = new OpenAiSpeech(new PolyphaseResamplers(), config(Map.of("baseUrl",
                "http://127.0.0.1:" + Support.closedPort() + "/v1", "_apiKey", FakeOpenAi.KEY)));
        providers.add(unreachable);
        assertEquals(SpeechError.UNAVAILABLE, failureOf(unreachable).code());
    }

    @Test
    void aRequestWithoutKeyFailsNamingTheOption() throws Exception {
        OpenAiSpeech provider = new OpenAiSpeech(new PolyphaseResamplers(), config(Map.of("baseUrl",
                server.baseUrl())));
        providers.add(provider);
        Listener listener = new Listener();
        provider.start(new RecognitionRequest(8000, "en", "", Map.of()), listener);
        SpeechError error = listener.awaitFailure();
        assertEquals(SpeechError.BAD_REQUEST, error.code());
        assertTrue(error.message().contains("apiKey"), error.message());
    }

    @Test
    void cancelDuringAnUploadClosesTheConnectionAndReportsNothing() throws Exception {
        server.transcription = FakeOpenAi.Transcription.ENDLESS;
        Listener listener = new Listener();
        OpenAiRecognition recognition = (OpenAiRecognition) provider(Map.of()).start(new RecognitionRequest(8000,
                "en", "", Map.of()), listener);
        feed(recognition, concat(Support.wav("speech-8k.wav"), new short[8000]), 8000);
        awaitPartial(listener);

        recognition.cancel();

        assertTrue(server.sawClose.await(5, TimeUnit.SECONDS), "the server did not see the connection close");
        for (Thread thread : recognition.threads()) {
            assertTrue(thread.join(java.time.Duration.ofSeconds(3)), thread + " still runs");
        }
        int partials = listener.partials.size();
        Thread.sleep(150);
        assertEquals(partials, listener.partials.size());
        assertTrue(listener.finals.isEmpty() && listener.errors.isEmpty());
    }

    @Test
    void deactivationFailsTheRecognitionClosesTheConnectionAndLeavesNoThread() throws Exception {
        server.transcription = FakeOpenAi.Transcription.ENDLESS;
        OpenAiSpeech provider = provider(Map.of());
        Listener listener = new Listener();
        OpenAiRecognition recognition = (OpenAiRecognition) provider.start(new RecognitionRequest(8000, "en", "",
                Map.of()), listener);
        feed(recognition, concat(Support.wav("speech-8k.wav"), new short[8000]), 8000);
        awaitPartial(listener);

        provider.stop();

        assertEquals(SpeechError.UNAVAILABLE, listener.awaitFailure().code());
        assertTrue(server.sawClose.await(5, TimeUnit.SECONDS), "the server did not see the connection close");
        for (Thread thread : recognition.threads()) {
            assertFalse(thread.isAlive(), thread + " still runs");
        }
        assertEquals(0, provider.running());
        assertNoProviderThread();
        assertEquals(1, listener.errors.size());
    }

    private SpeechError failureOf(OpenAiSpeech provider) throws InterruptedException {
        Listener listener = new Listener();
        Recognition recognition = provider.start(new RecognitionRequest(8000, "en", "", Map.of()), listener);
        feed(recognition, concat(Support.wav("speech-8k.wav"), new short[8000]), 8000);
        SpeechError error = listener.awaitFailure();
        recognition.finish();
        return error;
    }

    private static void awaitPartial(Listener listener) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (listener.partials.isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "no partial result within 5 s");
            Thread.sleep(10);
        }
    }

    private OpenAiSpeech provider(Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(Map.of("baseUrl", server.baseUrl(), "_apiKey", FakeOpenAi.KEY));
        all.putAll(settings);
        OpenAiSpeech provider = new OpenAiSpeech(new PolyphaseResamplers(), config(all));
        providers.add(provider);
        return provider;
    }
}
