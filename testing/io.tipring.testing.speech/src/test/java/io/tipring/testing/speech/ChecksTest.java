package io.tipring.testing.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.speech.AsrProvider;
import io.tipring.api.speech.Recognition;
import io.tipring.api.speech.RecognitionRequest;
import io.tipring.api.speech.SpeechError;
import io.tipring.api.speech.SynthesisRequest;
import io.tipring.api.speech.Transcript;
import io.tipring.api.speech.TtsProvider;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The checks catch the broken providers they are written for, and pass a provider that keeps the rules. */
class ChecksTest {

    private static final SynthesisRequest HELLO = new SynthesisRequest("hello", "", 1.0, 8000, Map.of());
    private static final Duration SECOND = Duration.ofSeconds(1);

    /** Delivers a tone from another thread, then completes. */
    private static final TtsProvider GOOD = (request, sink) -> {
        CompletableFuture<Void> work = CompletableFuture.runAsync(() -> {
            sink.audio(TestAudio.tone(440, 200, request.sampleRate(), 8000));
            sink.completed();
        });
        return () -> work.cancel(false);
    };

    @Test
    void aProviderThatKeepsTheRulesPasses() throws Exception {
        TtsCheck.Result result = TtsCheck.synthesize(GOOD, HELLO, SECOND);

        assertEquals(200, result.millis(8000));
        assertTrue(result.error().isEmpty());
        assertTrue(TestAudio.toneShare(result.audio(), 0, result.audio().length, 440, 8000) > 0.95);
        assertTrue(TestAudio.toneShare(result.audio(), 0, result.audio().length, 1000, 8000) < 0.05);
    }

    @Test
    void aSinkCalledInsideSynthesizeIsCaught() {
        TtsProvider synchronous = (request, sink) -> {
            sink.failed(new SpeechError("no voice", SpeechError.BAD_REQUEST));
            return () -> { };
        };

        AssertionError error = assertThrows(AssertionError.class, () -> TtsCheck.synthesize(synchronous, HELLO, SECOND));
        assertTrue(error.getMessage().contains("inside synthesize()"), error.getMessage());
    }

    @Test
    void audioAfterTheEndAndASecondEndAreCaught() {
        TtsProvider sloppy = (request, sink) -> {
            CompletableFuture.runAsync(() -> {
                sink.completed();
                sink.audio(new short[160]);
                sink.failed(new SpeechError("late", SpeechError.FAILED));
            });
            return () -> { };
        };

        AssertionError error = assertThrows(AssertionError.class, () -> TtsCheck.synthesize(sloppy, HELLO, SECOND));
        assertTrue(error.getMessage().contains("audio after the synthesis ended"), error.getMessage());
        assertTrue(error.getMessage().contains("failed after the synthesis had already ended"), error.getMessage());
    }

    @Test
    void aSynthesisThatIgnoresCancelIsCaught() {
        TtsProvider deaf = (request, sink) -> {
            CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 20; i++) {
                    sink.audio(new short[160]);
                    sleep(20);
                }
                sink.completed();
            });
            return () -> { };
        };

        AssertionError error = assertThrows(AssertionError.class,
                () -> TtsCheck.cancelSilencesIt(deaf, HELLO, false, SECOND));
        assertTrue(error.getMessage().contains("after cancel() returned"), error.getMessage());
    }

    @Test
    void anAcceptThatBlocksAndFinalsOutOfOrderAreCaught() {
        AsrProvider blocking = (request, listener) -> new Recognition() {
            @Override
            public void accept(short[] pcm, int offset, int length) {
                sleep(10);
            }

            @Override
            public void finish() {
                CompletableFuture.runAsync(() -> listener.recognized(new Transcript(1, "one", 0, 100)));
            }

            @Override
            public void cancel() {
            }
        };
        AsrProvider skipping = (request, listener) -> new Recognition() {
            @Override
            public void accept(short[] pcm, int offset, int length) {
            }

            @Override
            public void finish() {
                CompletableFuture.runAsync(() -> listener.recognized(new Transcript(2, "two", 0, 100)));
            }

            @Override
            public void cancel() {
            }
        };
        RecognitionRequest request = new RecognitionRequest(8000, "", "", Map.of());
        short[] audio = TestAudio.silence(200, 8000);

        AssertionError slow = assertThrows(AssertionError.class, () -> AsrCheck.recognize(blocking, request, audio,
                AsrCheck.Pace.AT_ONCE, Duration.ofMillis(200), SECOND));
        assertTrue(slow.getMessage().contains("accept took"), slow.getMessage());
        AssertionError order = assertThrows(AssertionError.class, () -> AsrCheck.recognize(skipping, request, audio,
                AsrCheck.Pace.AT_ONCE, Duration.ofMillis(200), SECOND));
        assertTrue(order.getMessage().contains("number 2 where 1 was next"), order.getMessage());
    }

    @Test
    void aThreadLeftBehindIsNamed() throws Exception {
        Thread left = Thread.ofPlatform().name("acme-tts-1").start(() -> sleep(2000));
        try {
            AssertionError error = assertThrows(AssertionError.class,
                    () -> ProviderThreads.awaitNone("acme-tts-", Duration.ofMillis(100)));
            assertTrue(error.getMessage().contains("acme-tts-1"), error.getMessage());
        } finally {
            left.interrupt();
            left.join();
        }
        ProviderThreads.awaitNone("acme-tts-", SECOND);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
